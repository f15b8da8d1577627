"""The duration rule, table-driven. Seed 001 asks group sessions to last 不少于10分钟; a lesson's own
limits are its point's (tests/domain/review/test_evidence_requirements.py)."""

from __future__ import annotations

import pytest

from domain.duration import check_duration
from domain.recordings import RecordingKind

TEN_MINUTES = 600.0


@pytest.mark.parametrize(
    "kind, duration, code",
    [
        (RecordingKind.GROUP_SESSION, 600.0, None),
        (RecordingKind.GROUP_SESSION, 660.0, None),
        (RecordingKind.GROUP_SESSION, 599.9, "duration.too_short"),
        (RecordingKind.GROUP_SESSION, 540.0, "duration.too_short"),
        (RecordingKind.GROUP_SESSION, None, "duration.unknown"),
        (RecordingKind.GROUP_SESSION, 0.0, "duration.unknown"),
        (RecordingKind.LESSON, 30.0, None),
        (RecordingKind.LESSON, 4 * 3600.0, None),
        (RecordingKind.LESSON, None, "duration.unknown"),
    ],
)
def test_duration_rule(kind, duration, code):
    reason = check_duration(kind, duration, group_session_min_s=TEN_MINUTES)
    assert (reason.code if reason else None) == code


def test_minimum_is_configurable_and_named_in_both_languages():
    reason = check_duration(RecordingKind.GROUP_SESSION, 700.0, group_session_min_s=900.0)
    assert reason.code == "duration.too_short"
    assert "900" in reason.zh and "15" in reason.zh and "900 s" in reason.en


def test_default_minimum_is_the_seed_value():
    from config import Settings

    assert Settings().group_session_min_duration_s == TEN_MINUTES  # seed 001: 不少于10分钟


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        check_duration("podcast", 10.0, group_session_min_s=TEN_MINUTES)
