"""A school's hand-over to the province (学校提交): open → handed over.

Seed 001 §六.1: the school uploads its 优秀 work to the provincial platform, and that upload must
cover every subject the school teaches with a video total of at least 30% of its 专任教师
(“每所学校上传的校级优秀视频资源需普及到每门学科,视频总数为该校专任教师数30%以上”). Forwarding
puts single works on their way; the hand-over is the school saying its upload is complete, and
the province draws its sampling rounds from schools that have said so. A hand-over is not
withdrawn: a later downgrade by the province changes the school's counts, which the school and
the province see, but what was handed over stays handed over.
"""

from __future__ import annotations

from enum import Enum

from domain.state_machine import StateMachine


class HandoverState(str, Enum):
    OPEN = "open"
    HANDED_OVER = "handed_over"


class HandoverEvent(str, Enum):
    HAND_OVER = "hand_over"


HANDOVERS: StateMachine[HandoverState, HandoverEvent] = StateMachine(
    "school_handover",
    HandoverState,
    HandoverState.OPEN,
    {(HandoverState.OPEN, HandoverEvent.HAND_OVER): HandoverState.HANDED_OVER},
)
