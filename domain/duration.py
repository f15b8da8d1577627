"""The duration rule: how long a recording must last to count as evidence.

Group-session recordings (教研活动) need at least ten minutes (seed 001: 不少于10分钟). A lesson
recording only needs a readable duration here: its point's own limits (A1's report ≤ 5 minutes)
are the catalogue's, per province, and ``domain.evidence_requirements`` applies them when the
recording is attached to the work and when the work is submitted.
"""

from __future__ import annotations

from domain import reasons
from domain.reasons import Reason
from domain.recordings import RecordingKind


def check_duration(
    kind: str,
    duration_s: float | None,
    *,
    group_session_min_s: float,
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
        return None
    raise ValueError(f"unknown recording kind {kind!r}")
