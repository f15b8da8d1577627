"""Bodies of the province's routes: its works page, the filters' values, sampling rounds, reviews."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.review.grading.schemas import CriterionGradeIn


class SampleIn(BaseModel):
    """The old route's body: a uniform round by rate (``POST /api/province/rounds`` does more)."""

    seed: str = Field(min_length=1, max_length=200)
    # Defaults to the setting review_sampling_percent.
    percent: float | None = Field(default=None, ge=0, le=100)


class SampleOut(BaseModel):
    seed: str
    percent: float
    candidates: int
    sampled: list[int]
    round_id: int | None = None


class WorkOut(BaseModel):
    """One work that reached the province, with what the reviewer filters by."""

    id: int
    teacher_id: int
    teacher_name: str
    school_id: int
    school_name: str
    group_id: int | None
    group_name: str | None
    subject: str
    capability_code: str
    state: str
    verdict: str  # excellent until downgraded, then pass
    checks_ok: bool | None  # the lesson recording's checks (None: no recording)
    duplicate_flagged: bool
    accepted_despite_checks: bool
    handed_over: bool
    sampling_round_id: int | None
    updated_at: datetime
    version: int
    allowed_actions: list[str]


class WorksPage(BaseModel):
    items: list[WorkOut]
    total: int | None  # every work the filter matches, across pages; None when asked not to count
    next_after: int | None  # pass as ``after`` for the next page; None on the last


class SchoolOption(BaseModel):
    id: int
    name: str


class FiltersOut(BaseModel):
    schools: list[SchoolOption]
    subjects: list[str]
    points: list[str]
    states: list[str]
    verdicts: list[str]


class RoundIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)  # a seed is stored as it will be typed again

    mode: Literal["percent", "count"] = "percent"
    percent: float | None = Field(default=None, ge=0, le=100)
    count: int | None = Field(default=None, ge=0, le=100_000)
    # Absent: the server makes a readable one and returns it (stored with the round).
    seed: str | None = Field(default=None, min_length=1, max_length=200)
    weighting: Literal["uniform", "risk"] = "uniform"


class StratumOut(BaseModel):
    school_id: int
    school_name: str
    subject: str
    size: int
    weight: float
    drawn: int


class DrawnWorkOut(BaseModel):
    """Who a drawn id is, so people read names rather than numbers."""

    id: int
    teacher_name: str
    school_name: str
    subject: str
    capability_code: str


class RoundOut(BaseModel):
    """A stored round (``id`` set) or a preview (``id`` None): what was, or would be, drawn."""

    id: int | None
    seed: str
    mode: str
    percent: float | None
    count: int | None
    weighting: str
    candidates: int
    drawn: list[int]
    strata: list[StratumOut]
    drawn_by: int | None = None
    drawn_by_name: str | None = None
    drawn_at: datetime | None = None
    # The drawn works by name: in a preview, a drawn round and a round read alone (not in the list).
    drawn_works: list[DrawnWorkOut] | None = None


class ReviewIn(BaseModel):
    action: Literal["confirm", "downgrade"]
    reason: str | None = Field(default=None, max_length=2000)
    # Optional: a level for every criterion of the rubric the leader graded with.
    criteria: list[CriterionGradeIn] | None = Field(default=None, max_length=200)


class ReviewOut(BaseModel):
    id: int
    submission_id: int
    action: str
    criteria: dict[str, str]
    rubric_version: int | None
    reason: str | None
    reviewer_id: int | None
    at: datetime
    state: str  # the submission's state after the review
