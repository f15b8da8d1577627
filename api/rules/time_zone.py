"""The zone the UI shows every time in, as the server names it (part of ``GET /api/rules``).

The browser's own zone is whatever the reviewer's laptop says (UTC, abroad); people of the
programme read Beijing time, so the UI formats every timestamp in this zone instead.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from config import Settings
from domain.school_time import zone_words


class TimeZoneOut(BaseModel):
    name: str = Field(description="IANA zone every time is shown in (KEJIAN_TIMEZONE), e.g. Asia/Shanghai")
    label_zh: str = Field(description="the zone as people name it, e.g. 北京时间")
    label_en: str = Field(description="e.g. Beijing time")


def time_zone_out(settings: Settings) -> TimeZoneOut:
    zh, en = zone_words(settings.zone)
    return TimeZoneOut(name=settings.timezone, label_zh=zh, label_en=en)
