"""Request and response bodies of grading: the verdict, and the rubric beside the recording."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.shared.schemas import BandOut

LevelName = Literal["excellent", "pass", "fail"]


class ItemGradeIn(BaseModel):
    item_key: str = Field(min_length=1, max_length=64)
    level: LevelName | None = None
    # Ticked checklist criteria; the level follows from them where the checklist is known.
    met_criteria: list[str] | None = Field(default=None, max_length=50)


class ScoreIn(BaseModel):
    verdict: LevelName
    items: list[ItemGradeIn] = Field(default_factory=list, max_length=50)
    # Only where the school scores in numbers (0–max); judged by the teacher's age-band pass line.
    score: float | None = Field(default=None, allow_inf_nan=False)
    # Required for a fail verdict: it tells the teacher why.
    comment: str | None = Field(default=None, max_length=4000)


class RubricItemOut(BaseModel):
    key: str
    description_zh: str
    is_video: bool
    # None: the checklist is not known, the grader gives the level directly.
    excellent_criteria: list[str] | None
    pass_criteria: list[str] | None


class RubricOut(BaseModel):
    submission_id: int
    capability_code: str
    name_zh: str
    environment: str
    environment_zh: str
    dimension: str
    dimension_zh: str
    # False: the verdict is taken directly (grading.service records basis "direct").
    items_complete: bool
    items: list[RubricItemOut]
    band: BandOut
    pass_line: float = Field(description="the teacher's age-band pass line (seed 004)")
    excellent_line: float
    max_score: float
