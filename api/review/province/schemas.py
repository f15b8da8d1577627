"""Bodies of the province's routes."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SampleIn(BaseModel):
    seed: str = Field(min_length=1, max_length=200)
    # Defaults to the setting review_sampling_percent.
    percent: float | None = Field(default=None, ge=0, le=100)


class SampleOut(BaseModel):
    seed: str
    percent: float
    candidates: int
    sampled: list[int]
