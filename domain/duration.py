"""The duration rule: how long a recording must last to count as evidence.

Group-session recordings (教研活动) need at least ten minutes (seed 001: 不少于10分钟);
lesson recordings (课堂实录) get per-微能力点 limits from the catalogue later, through
``lesson_limits`` (``None`` means no limit is known yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import reasons
from domain.reasons import Reason
from domain.recordings import RecordingKind


@dataclass(frozen=True)
class DurationLimits:
    min_s: float | None = None
    max_s: float | None = None


def check_duration(
    kind: str,
    duration_s: float | None,
    *,
    group_session_min_s: float,
    lesson_limits: DurationLimits | None = None,
) -> Reason | None:
    """Return why the duration fails the rule for ``kind``, or ``None`` when it passes."""
    if duration_s is None or duration_s <= 0:
        return reasons.DURATION_UNKNOWN
    actual = round(duration_s, 1)
    if kind == RecordingKind.GROUP_SESSION:
        if duration_s < group_session_min_s:
            return reasons.DURATION_TOO_SHORT.format(
                actual=actual,
                required=round(group_session_min_s),
                required_min=round(group_session_min_s / 60, 1),
            )
        return None
    if kind == RecordingKind.LESSON:
        limits = lesson_limits or DurationLimits()
        if limits.min_s is not None and duration_s < limits.min_s:
            return reasons.LESSON_TOO_SHORT.format(actual=actual, limit=round(limits.min_s))
        if limits.max_s is not None and duration_s > limits.max_s:
            return reasons.DURATION_TOO_LONG.format(actual=actual, limit=round(limits.max_s))
        return None
    raise ValueError(f"unknown recording kind {kind!r}")
