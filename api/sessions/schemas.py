"""Request bodies of a leader's acts on a session recording."""

from __future__ import annotations

from pydantic import BaseModel, Field


class AcceptIn(BaseModel):
    reason: str = Field("", max_length=2000, description="why it stands although its automatic checks failed")


class WithdrawIn(BaseModel):
    reason: str = Field("", max_length=2000)


class AssignIn(BaseModel):
    teacher_id: int = Field(ge=1, le=2**31 - 1)
