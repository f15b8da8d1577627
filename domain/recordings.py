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


def failed_checks(checks: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    """The rule checks that failed, by name (a check without an ``ok`` says nothing against it)."""
    return {name: check for name, check in (checks or {}).items() if not check.get("ok", True)}


DUPLICATE_CHECK = "duplicate"  # workers.stages.duplicates: a near-copy of an earlier recording


def duplicate_flagged(checks: Mapping[str, Any] | None) -> bool:
    """Whether the near-duplicate search flagged this recording as a copy of an earlier one.

    The flag is a ``warn`` (``domain.evidence_checks.duplicate``), not a failed check: it is
    evidence for the judges, and the province filters and weighs its sampling by it.
    """
    check = (checks or {}).get(DUPLICATE_CHECK) or {}
    return check.get("level", "pass") != "pass" or not check.get("ok", True)


def checks_pass(checks: Mapping[str, Any] | None) -> bool:
    """Whether no rule check failed."""
    return not failed_checks(checks)


def failures_text(checks: Mapping[str, Any] | None) -> tuple[str, str]:
    """What the failed checks say, in Chinese and in English, to quote in a sentence saying why."""
    failed = failed_checks(checks).values()
    return "".join(c.get("message_zh", "") for c in failed), " ".join(c.get("message_en", "") for c in failed)


def recording_status(stage_states: Iterable[StageState], *, checks_ok: bool) -> RecordingStatus:
    states = set(stage_states)
    if StageState.FAILED in states:
        return RecordingStatus.FAILED
    if not states or states - {StageState.DONE}:
        return RecordingStatus.PROCESSING
    return RecordingStatus.READY if checks_ok else RecordingStatus.REJECTED


class SessionStanding(str, Enum):
    """Where a group-session recording stands toward its group's quota, and why."""

    COUNTS = "counts"  # processed, every automatic check passed
    COUNTS_ACCEPTED = "counts_accepted"  # processed, checks failed, the leader accepted it with a reason
    PROCESSING = "processing"  # a stage is queued or running: nothing is known yet
    FAILED = "failed"  # a stage failed: retry it
    CHECKS_FAILED = "checks_failed"  # processed, a check failed, nobody accepted it


COUNTING = frozenset({SessionStanding.COUNTS, SessionStanding.COUNTS_ACCEPTED})


def session_standing(stages: Mapping[Stage, StageState], *, checks_ok: bool, accepted: bool) -> SessionStanding:
    """Whether a group session counts toward its group's quota (issue 16), as one word with its reason.

    Only once every stage is done, never while one is queued or running: a session still being
    analysed has proved nothing yet. Then when its checks passed, or when the group leader, the
    judge of the group's evidence (seed 001: “教研组组长负责审核本组教师提交的…成果”), accepted it
    despite them. Its SQL twin is ``api.review.quotas.repository.accepted_sessions``.
    """
    status = recording_status(stages.values(), checks_ok=checks_ok)
    if status is RecordingStatus.FAILED:
        return SessionStanding.FAILED
    if status is RecordingStatus.PROCESSING:
        return SessionStanding.PROCESSING
    if checks_ok:
        return SessionStanding.COUNTS
    return SessionStanding.COUNTS_ACCEPTED if accepted else SessionStanding.CHECKS_FAILED


def counts_as_session(stages: Mapping[Stage, StageState], *, checks_ok: bool, accepted: bool = False) -> bool:
    """Whether a group-session recording counts toward its group's quota (``session_standing``)."""
    return session_standing(stages, checks_ok=checks_ok, accepted=accepted) in COUNTING
