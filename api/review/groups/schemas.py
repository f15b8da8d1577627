"""Bodies of the group hand-over routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.shared.schemas import ReasonOut


class QuotaOut(BaseModel):
    ok: bool
    headcount: int
    excellent_count: int
    required_excellent: int
    missing_excellent: int
    accepted_sessions: int
    required_sessions: int


class GroupSubmitIn(BaseModel):
    version: int | None = None


class GroupSubmissionOut(BaseModel):
    group_id: int
    state: str  # open | submitted | reopened
    submitted_at: datetime | None
    submitted_by: int | None
    # Why the hand-over last reopened (a member's work came back, a session stopped counting).
    reopened_at: datetime | None = None
    reopen_reason: str | None = None
    version: int  # 0 while the group has never submitted
    quota: QuotaOut
    # Exactly what keeps the group from submitting (empty when it may).
    violations: list[ReasonOut]
