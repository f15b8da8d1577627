"""Bodies of the comment and group-submission routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.review.schemas_selection import ReasonOut


class CommentIn(BaseModel):
    at_s: float = Field(allow_inf_nan=False)
    text: str = Field(min_length=1, max_length=4000)


class CommentPatch(BaseModel):
    at_s: float | None = Field(default=None, allow_inf_nan=False)
    text: str | None = Field(default=None, min_length=1, max_length=4000)


class CommentOut(BaseModel):
    id: int
    recording_id: str
    author_id: int | None
    at_s: float
    text: str
    created_at: datetime
    updated_at: datetime


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
    state: str  # open | submitted
    submitted_at: datetime | None
    submitted_by: int | None
    version: int  # 0 while the group has never submitted
    quota: QuotaOut
    # Exactly what keeps the group from submitting (empty when it may).
    violations: list[ReasonOut]
