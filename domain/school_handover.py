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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from domain import handover_reasons as hr
from domain.quotas import SchoolQuota, check_school_quota
from domain.reasons import Reason
from domain.state_machine import StateMachine
from domain.workflow import EXCELLENT_STATES, REACHED_PROVINCE


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


# What the school hands over: 优秀 work that reached the province and is still 优秀 there
# (forwarded, sampled, confirmed). Work graded 优秀 but never forwarded is not on the provincial
# platform, and work the province downgraded is no longer 优秀.
COUNTED_STATES = EXCELLENT_STATES & REACHED_PROVINCE
# 优秀 graded at school and still waiting for the school to forward it.
AWAITING_FORWARD_STATES = EXCELLENT_STATES - REACHED_PROVINCE


def may_hand_over(state: HandoverState) -> bool:
    return HANDOVERS.allows(state, HandoverEvent.HAND_OVER)


@dataclass(frozen=True)
class Readiness:
    """The school's numbers against seed 001's two conditions, and every reason it may not hand over yet."""

    quota: SchoolQuota
    awaiting_forward: int
    missing: tuple[Reason, ...]

    @property
    def ready(self) -> bool:
        return not self.missing


def readiness(
    *,
    full_time_teachers: int,
    counted_by_subject: Mapping[str, int],
    subjects_taught: Iterable[str],
    awaiting_forward: int,
    excellent_percent: float,
) -> Readiness:
    """Whether the school may hand over: ``check_school_quota`` on forwarded 优秀 work only.

    When something is missing and 优秀 work still waits to be forwarded, one more reason says how
    much, since forwarding it is what the admin can do now.
    """
    quota = check_school_quota(
        full_time_teachers=full_time_teachers,
        excellent_by_subject=counted_by_subject,
        subjects_taught=subjects_taught,
        excellent_percent=excellent_percent,
    )
    missing = quota.violations
    if missing and awaiting_forward > 0:
        missing += (hr.AWAITING_FORWARD.format(count=awaiting_forward),)
    return Readiness(quota, awaiting_forward, missing)


def refusal(found: Readiness) -> Reason:
    """One reason summing up every missing piece (the refusal's message; the list goes beside it)."""
    details_zh = "；".join(r.zh.rstrip("。") for r in found.missing) + "。"
    details_en = " ".join(r.en for r in found.missing)
    return hr.NOT_READY.format(details=details_zh, details_en=details_en)


@dataclass(frozen=True)
class Since:
    """How the school's counted 优秀 changed after its hand-over (the province downgrades, the school adds)."""

    at_hand_over: int
    now: int
    downgraded: int
    forwarded: int

    @property
    def change(self) -> int:
        return self.now - self.at_hand_over
