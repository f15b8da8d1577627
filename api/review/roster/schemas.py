"""Bodies of the roster import route."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Counts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class NewAccount(BaseModel):
    row: int
    school_code: str
    school_name: str | None = Field(None, description="for the printed account slip")
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
