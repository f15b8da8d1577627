"""Response bodies of the playback routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class PlaybackOut(BaseModel):
    mode: str | None
    duration_s: float | None
    profiles: list[dict[str, Any]]
    mp4_url: str | None
    hls_url: str | None
    poster_url: str | None
    storyboard_vtt_url: str | None
    expires_at: datetime
