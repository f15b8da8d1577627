"""The clock people read: a UTC timestamp shown on the programme zone's wall clock, and its setting."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from config import Settings
from domain.school_time import (
    UnknownZone,
    day_stamp,
    local_day,
    minute_text,
    today_in,
    wall_clock,
    zone_named,
    zone_words,
)

BEIJING = ZoneInfo("Asia/Shanghai")
# 01:30 on 6 December in Beijing: the UTC day before.
CHOSEN = datetime(2026, 12, 5, 17, 30, tzinfo=timezone.utc)


def test_a_utc_timestamp_reads_on_the_beijing_day():
    assert minute_text(CHOSEN, BEIJING) == "2026-12-06 01:30"
    assert wall_clock(CHOSEN, BEIJING) == datetime(2026, 12, 6, 1, 30)
    assert wall_clock(CHOSEN, BEIJING).tzinfo is None, "a spreadsheet cell holds the wall clock"
    assert local_day(CHOSEN, BEIJING) == date(2026, 12, 6)
    assert day_stamp(CHOSEN, BEIJING) == "20261206"
    assert today_in(BEIJING, now=CHOSEN) == date(2026, 12, 6)


def test_another_zone_reads_another_wall_clock():
    new_york = ZoneInfo("America/New_York")
    assert minute_text(CHOSEN, new_york) == "2026-12-05 12:30"
    assert day_stamp(CHOSEN, new_york) == "20261205"
    assert zone_words(new_york) == ("America/New_York", "America/New_York")
    assert zone_words(BEIJING) == ("北京时间", "Beijing time")


def test_a_naive_time_is_refused_not_guessed():
    with pytest.raises(ValueError, match="naive"):
        minute_text(datetime(2026, 12, 5, 17, 30), BEIJING)


def test_zone_names_are_checked():
    assert zone_named("Asia/Shanghai") == BEIJING
    for bad in ("Mars/Olympus", "", "../etc/passwd"):
        with pytest.raises(UnknownZone):
            zone_named(bad)


def test_the_setting_defaults_to_beijing_and_reads_kejian_timezone(monkeypatch):
    assert Settings().timezone == "Asia/Shanghai" and Settings().zone == BEIJING
    monkeypatch.setenv("KEJIAN_TIMEZONE", "Asia/Urumqi")
    assert Settings().zone == ZoneInfo("Asia/Urumqi")


def test_an_unknown_zone_stops_startup_naming_the_setting(monkeypatch):
    monkeypatch.setenv("KEJIAN_TIMEZONE", "Beijing")
    with pytest.raises(ValidationError, match="KEJIAN_TIMEZONE"):
        Settings()
