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
    created_at: datetime
    updated_at: datetime
