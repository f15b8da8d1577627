"""The re-used recording check (issue 15): a warning naming the earlier recording, never a verdict."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from domain.evidence_checks import (
    DUPLICATE_MIN_S,
    PASS,
    WARN,
    EarlierRecording,
    SharedSequence,
    checks_seen_by,
    duplicate,
)
from domain.recordings import checks_pass
from domain.roles import Role

BEIJING = ZoneInfo("Asia/Shanghai")

EARLIER = EarlierRecording(
    recording_id="5f0c6a1e-0000-4000-8000-000000000001",
    name="李娜",
    school="第一实验小学",
    uploaded_at=datetime(2026, 11, 30, 17, 5, tzinfo=timezone.utc),  # 12-01 01:05 in Beijing
)


def _shared(seconds: float, start: float = 75.4, earlier_start: float = 3725.0) -> SharedSequence:
    return SharedSequence(EARLIER, seconds, start_s=start, earlier_start_s=earlier_start)


def test_a_minute_of_shared_sequence_warns_naming_the_earlier_recording():
    check = duplicate(_shared(312.6), zone=BEIJING)
    assert check["level"] == WARN and check["ok"] is True, "evidence for the leader, not a failed rule"
    assert check["code"] == "analysis.duplicate"
    assert check["other_recording_id"] == EARLIER.recording_id
    assert check["other_name"] == "李娜" and check["other_school"] == "第一实验小学"
    assert check["other_uploaded_at"] == "2026-12-01T01:05:00+08:00", "the upload date in Beijing time"
    assert (check["overlap_s"], check["start_s"], check["other_start_s"]) == (312.6, 75.4, 3725.0)
    zh, en = check["message_zh"], check["message_en"]
    for text in (zh, en):
        assert EARLIER.recording_id in text and "李娜" in text and "第一实验小学" in text
        assert "313" in text and "2026-12-01 01:05" in text
        assert "1:15" in text and "1:02:05" in text, "starts as the review UI writes times"
    assert "秒内容重复" in zh and "repeat a recording uploaded earlier" in en


def test_the_upload_time_is_written_in_the_zone_given():
    check = duplicate(_shared(312.6), zone=ZoneInfo("America/New_York"))
    assert check["other_uploaded_at"] == "2026-11-30T12:05:00-05:00"
    assert "2026-11-30 12:05" in check["message_zh"] and "2026-12-01" not in check["message_en"]


def test_less_than_a_minute_or_nothing_found_passes():
    assert duplicate(None, zone=BEIJING) == {"ok": True, "level": PASS}
    assert duplicate(_shared(DUPLICATE_MIN_S - 0.1), zone=BEIJING)["level"] == PASS
    assert duplicate(_shared(DUPLICATE_MIN_S), zone=BEIJING)["level"] == WARN


def test_the_warning_does_not_make_the_recording_unusable():
    assert checks_pass({"duration": {"ok": True}, "duplicate": duplicate(_shared(600.0), zone=BEIJING)})


def test_a_teacher_is_not_shown_whose_recording_theirs_repeats():
    checks = {"duration": {"ok": True, "level": PASS}, "duplicate": duplicate(_shared(600.0), zone=BEIJING)}
    assert set(checks_seen_by(Role.TEACHER, checks)) == {"duration"}
    for role in (Role.GROUP_LEADER, Role.SCHOOL_ADMIN, Role.PROVINCIAL_REVIEWER, Role.ADMIN):
        assert checks_seen_by(role, checks) == checks
