"""Bodies of the administration routes: school setup and the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from api.shared.schemas import ReasonOut


class SetupIn(BaseModel):
    environments: list[Annotated[str, Field(max_length=32)]] | None = Field(
        None, max_length=3, description="the school's environments: multimedia, hybrid, smart (or 多媒体/混合/智慧)"
    )
    environment: str | None = Field(
        None,
        max_length=32,
        description="older clients: one environment, meaning it and the simpler ones (ignored with environments)",
    )
    offered_codes: list[Annotated[str, Field(max_length=8)]] = Field(max_length=100)
    opens_on: date
    closes_on: date | None = Field(None, description="default: opens_on + review_selection_window_days - 1")


class SetupOut(BaseModel):
    school_id: int
    province: str
    configured: bool
    environments: list[str] = Field(default_factory=list)
    environments_zh: list[str] = Field(default_factory=list)
    offered_codes: list[str] = Field(default_factory=list)
    opens_on: date | None = None
    closes_on: date | None = None
    updated_at: datetime | None = None
    # The day ages are taken on for this window's programme year (review_programme_year_start).
    age_reference: date | None = None
    # Advice that does not block setup: age bands whose recommended environments have no points.
    notices: list[ReasonOut] = Field(default_factory=list)


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
