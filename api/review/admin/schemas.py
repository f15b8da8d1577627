"""Bodies of the administration routes: school setup and the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field


class SetupIn(BaseModel):
    environment: str = Field(max_length=32, description="multimedia | hybrid | smart, or 多媒体 / 混合 / 智慧")
    offered_codes: list[Annotated[str, Field(max_length=8)]] = Field(max_length=100)
    opens_on: date
    closes_on: date | None = Field(None, description="default: opens_on + review_selection_window_days - 1")


class SetupOut(BaseModel):
    school_id: int
    province: str
    configured: bool
    environment: str | None = None
    environment_zh: str | None = None
    offered_codes: list[str] = Field(default_factory=list)
    opens_on: date | None = None
    closes_on: date | None = None
    updated_at: datetime | None = None


class AuditEntryOut(BaseModel):
    id: int
    entity_type: str
    entity_id: str
    actor_id: int | None
    actor_username: str | None = None
    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    at: datetime
