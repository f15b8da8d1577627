"""The clock schools read: selection windows are whole days and upload times are shown in it.

The programme is national, so China Standard Time (Beijing time); no setting exists for it yet.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

SCHOOL_TZ = ZoneInfo("Asia/Shanghai")
