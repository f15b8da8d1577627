"""Request and response bodies of the administration API (roster, quotas, catalogue, setup, audit)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from api.review.schemas_selection import ReasonOut


class Counts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class NewAccount(BaseModel):
    row: int
    school_code: str
    staff_id: str
    name: str
    username: str
    role: str
    initial_password: str | None = Field(None, description="shown once; null in a dry run")


class PhotoPlan(BaseModel):
    row: int
    school_code: str
    staff_id: str
    teacher_id: int | None = Field(None, description="null in a dry run for a new teacher")
    files: list[str] = Field(description="photos to enrol with POST /api/teachers/{id}/references")


class ImportReport(BaseModel):
    import_id: str
    dry_run: bool
    format: str
    rows: int
    schools: Counts
    groups: Counts
    teachers: Counts
    accounts: Counts
    new_accounts: list[NewAccount]
    photos: list[PhotoPlan]
    ignored_columns: list[str]


class GroupQuotaOut(BaseModel):
    group_id: int
    group_name: str
    subject: str
    headcount: int
    excellent_count: int
    excellent_percent: float
    required_excellent: int
    missing_excellent: int
    accepted_sessions: int
    required_sessions: int
    ok: bool
    violations: list[ReasonOut]


class SchoolQuotaOut(BaseModel):
    school_id: int
    school_name: str
    full_time_teachers: int
    excellent_count: int
    excellent_percent: float
    required_excellent: int
    missing_excellent: int
    subjects_taught: list[str]
    uncovered_subjects: list[str]
    ok: bool
    violations: list[ReasonOut]


class CatalogueOut(BaseModel):
    province: str
    source: str = Field(description="province: an edited copy; seed: the national list")
    updated_at: datetime | None
    updated_by: int | None
    data: dict[str, Any]


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
    actor_username: str | None
    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    at: datetime
