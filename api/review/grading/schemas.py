"""Request and response bodies of grading: the verdict by criteria, and the rubric beside the recording."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.review.rubrics.schemas import RubricOut as PointRubricOut
from api.shared.schemas import BandOut

LevelName = Literal["excellent", "pass", "fail"]


class CriterionGradeIn(BaseModel):
    key: str = Field(min_length=1, max_length=64)
    level: LevelName


class ScoreIn(BaseModel):
    verdict: LevelName
    # A level for every criterion of the rubric; the verdict must be what they combine to.
    criteria: list[CriterionGradeIn] = Field(default_factory=list, max_length=200)
    # The rubric version the form showed; a newer one since then is a 409, not a silent switch.
    rubric_version: int | None = Field(default=None, ge=0)
    # Only where the school scores in numbers (0–max); judged by the teacher's age-band pass line.
    score: float | None = Field(default=None, allow_inf_nan=False)
    # Required for a fail verdict: it tells the teacher why.
    comment: str | None = Field(default=None, max_length=4000)


class RubricItemOut(BaseModel):
    key: str
    description_zh: str
    is_video: bool


class ExplanationLine(BaseModel):
    zh: str
    en: str


class GivenGradeOut(BaseModel):
    """The grade given under ``rubric``: each criterion's level and why the verdict followed."""

    criteria: dict[str, LevelName]
    level: LevelName
    explanation: list[ExplanationLine]


class RubricOut(BaseModel):
    submission_id: int
    capability_code: str
    name_zh: str
    environment: str
    environment_zh: str
    dimension: str
    dimension_zh: str
    items: list[RubricItemOut]
    rubric: PointRubricOut
    # True: the work was graded and ``rubric`` is the version it was graded under (even if the
    # school has edited the rubric since); False: the current rubric, for grading.
    graded: bool
    grade: GivenGradeOut | None
    band: BandOut
    pass_line: float = Field(description="the teacher's age-band pass line (seed 004)")
    excellent_line: float
    max_score: float
