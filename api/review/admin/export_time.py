"""When a workbook was exported, as its reader reads it: the programme's local time, the zone named.

Excel has no time zones, so a cell holds the local wall-clock time (``domain.school_time``) with
the zone written beside it; the file name carries the local day, so an export made at 01:30 in
Beijing is named after that day, not the UTC day before.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from domain.school_time import day_stamp, wall_clock, zone_words

EXPORTED_AT = "导出时间 Exported at"
TIME_ZONE = "时区 Time zone"
CELL_FORMAT = "yyyy-mm-dd hh:mm:ss"


def exported_at_lines(now: datetime, zone: tzinfo) -> list[tuple[str, Any]]:
    """The summary's two lines: the local export time (a date cell) and the zone it is in."""
    zh, en = zone_words(zone)
    key = getattr(zone, "key", str(zone))
    named = f"{zh} {en} ({key})" if zh != key else key
    return [(EXPORTED_AT, wall_clock(now, zone)), (TIME_ZONE, named)]


def export_filenames(kind: str, row_id: int, name: str, now: datetime, zone: tzinfo) -> tuple[str, str]:
    """(the real name, its ASCII fallback), both dated by the local day: "示范中学-汇总-20261206.xlsx"."""
    stamp = day_stamp(now, zone)
    return f"{name}-汇总-{stamp}.xlsx", f"{kind}-{row_id}-{stamp}.xlsx"
