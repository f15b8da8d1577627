"""Response bodies of the quota routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.shared.schemas import ReasonOut


class HandOverOut(BaseModel):
    """Where the group's hand-over to the school stands (``/api/groups/{id}/submission`` in full)."""

    state: str  # open | submitted | reopened
    submitted_at: datetime | None = None
    reopened_at: datetime | None = None
    reopen_reason: str | None = None


class GroupQuotaOut(BaseModel):
    group_id: int
    group_name: str
    subject: str
    headcount: int
    excellent_count: int
    excellent_unit: str = "videos"  # what excellent_count counts: 优秀 works, or distinct "teachers"
    excellent_percent: float
    required_excellent: int
    missing_excellent: int
    accepted_sessions: int
    required_sessions: int
    ok: bool
    violations: list[ReasonOut]
    # Read with the quota, so a school's dashboard needs no request per group for its cards.
    hand_over: HandOverOut


class SchoolQuotaOut(BaseModel):
    school_id: int
    school_name: str
    full_time_teachers: int
    excellent_count: int
    excellent_percent: float
    required_excellent: int
    missing_excellent: int
    # 优秀 graded at school and not yet forwarded: not counted above until the school forwards it.
    awaiting_forward: int = 0
    subjects_taught: list[str]
    uncovered_subjects: list[str]
    ok: bool
    violations: list[ReasonOut]
