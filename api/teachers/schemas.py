"""Response bodies of the teacher and reference-photo routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class TeacherOut(BaseModel):
    id: int
    name: str
    staff_id: str
    subject: str
    birth_year: int
    school_id: int
    group_id: int | None


class ReferenceOut(BaseModel):
    id: str
    teacher_id: int
    state: str  # pending | ok | refused (a new photo is needed) | failed (retry it)
    reason_code: str | None
    reason_zh: str | None
    reason_en: str | None
    created_at: datetime
    enrolled_at: datetime | None
