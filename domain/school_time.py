"""The clock people read: timestamps are stored in UTC and shown in the programme's zone.

The programme is national, so the zone is China Standard Time (Beijing time) by default; the
deployment names it (``KEJIAN_TIMEZONE``, ``Settings.zone``) and passes it in, because the domain
reads no settings. A choice made at 01:00 in Beijing belongs to that Beijing day, not to the UTC
day before, in every list, export, file name and message. Selection windows are whole days in it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE_NAME = "Asia/Shanghai"
# How the zone is named next to a time a person reads; a zone without words here is named by its key.
_ZONE_WORDS = {"Asia/Shanghai": ("北京时间", "Beijing time")}


class UnknownZone(ValueError):
    """The zone name is not an IANA time zone this machine knows."""


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name`` ("Asia/Shanghai"); ``UnknownZone`` for a name that is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownZone(f"{name!r} is not an IANA time zone (for example {DEFAULT_ZONE_NAME})") from exc


def zone_words(zone: tzinfo) -> tuple[str, str]:
    """The zone as people name it, Chinese and English: ("北京时间", "Beijing time") or its key twice."""
    key = getattr(zone, "key", None) or str(zone)
    return _ZONE_WORDS.get(key, (key, key))


def local_time(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` on the wall clock of ``zone`` (still aware). A naive time has no known instant: refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: stored times are UTC-aware (db.base.UTCDateTime)")
    return moment.astimezone(zone)


def wall_clock(moment: datetime, zone: tzinfo) -> datetime:
    """The local time without its zone, for spreadsheet cells (Excel has no time zones)."""
    return local_time(moment, zone).replace(tzinfo=None)


def minute_text(moment: datetime, zone: tzinfo) -> str:
    """The local time to the minute ("2026-12-06 01:30"), as messages and the UI write it."""
    return local_time(moment, zone).strftime("%Y-%m-%d %H:%M")


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The local calendar day ``moment`` falls on."""
    return local_time(moment, zone).date()


def day_stamp(moment: datetime, zone: tzinfo) -> str:
    """The local day for file names ("20261206")."""
    return local_day(moment, zone).strftime("%Y%m%d")


def today_in(zone: tzinfo, now: datetime | None = None) -> date:
    """Today's date in ``zone`` (``now`` for tests; the real clock otherwise)."""
    return local_day(now or datetime.now(timezone.utc), zone)
