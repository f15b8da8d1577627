"""What a recording is evidence of, and where it stands as one word for people and rules.

The status folds a recording's stage jobs and its rule checks together: ``failed`` when a
stage failed (retryable), ``processing`` while any stage is unfinished, ``rejected`` when it
was processed but a rule failed it (too short, no faces…), ``ready`` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from domain.stages import Stage, StageState


class RecordingKind(str, Enum):
    LESSON = "lesson"  # 课堂实录: one teacher's lesson for one 微能力点
    GROUP_SESSION = "group_session"  # 教研活动: a group's research session


class RecordingStatus(str, Enum):
    PROCESSING = "processing"
    FAILED = "failed"
    REJECTED = "rejected"
    READY = "ready"


# What cannot serve as evidence until someone acts: a retry, or a new upload.
UNUSABLE = frozenset({RecordingStatus.FAILED, RecordingStatus.REJECTED})


def checks_pass(checks: Mapping[str, Any] | None) -> bool:
    """Whether no rule check failed (a check without an ``ok`` says nothing against it)."""
    return all(check.get("ok", True) for check in (checks or {}).values())


def recording_status(stage_states: Iterable[StageState], *, checks_ok: bool) -> RecordingStatus:
    states = set(stage_states)
    if StageState.FAILED in states:
        return RecordingStatus.FAILED
    if not states or states - {StageState.DONE}:
        return RecordingStatus.PROCESSING
    return RecordingStatus.READY if checks_ok else RecordingStatus.REJECTED


def counts_as_session(stages: Mapping[Stage, StageState], *, checks_ok: bool) -> bool:
    """Whether a group-session recording counts toward its group's quota.

    Once probed, and for as long as nothing has failed it: no failed stage, and no failed
    check once every stage is done (its SQL twin: ``api.review.quotas.repository``).
    """
    if stages.get(Stage.PROBE) is not StageState.DONE:
        return False
    return recording_status(stages.values(), checks_ok=checks_ok) not in UNUSABLE
