"""Bodies of the comment routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


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
    author_name: str | None = Field(default=None, description="the author's display name; null once gone")
    author_role: str | None = Field(default=None, description="the author's role (group_leader, school_admin, ...)")
    mine: bool = Field(default=False, description="true when the reader wrote it and so may edit or delete it")
    created_at: datetime
    updated_at: datetime
