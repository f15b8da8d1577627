"""Response bodies of the result routes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.shared.schemas import ReasonOut


class PointResultOut(BaseModel):
    code: str
    state: str | None  # the submission's state; None: no work yet
    level: str | None  # excellent | pass | fail, as the state stands; None while ungraded
    passed: bool
    reason: ReasonOut | None  # what the point still needs, or why it failed for good


class TeacherResultOut(BaseModel):
    teacher_id: int
    name: str
    staff_id: str
    subject: str
    group_id: int | None
    group_name: str | None
    result: str  # in_progress | pass | excellent | fail
    result_zh: str
    result_en: str
    chosen: int  # points of the confirmed selection (0 until confirmed)
    passed: int
    excellent: int
    points: list[PointResultOut]
    reasons: list[ReasonOut]  # what is missing (in progress) or why it failed (fail)


class PassRateOut(BaseModel):
    """能力点作业通过率 (seed 000): points passed ÷ points chosen in confirmed selections."""

    passed: int
    chosen: int
    percent: float | None  # one decimal; None while no selection is confirmed


class ResultsOut(BaseModel):
    """A group's or a school's teachers with their results, the counts by result and the pass rate.

    A school larger than ``KEJIAN_SCHOOL_LIVE_TEACHERS`` answers its counted counts and pass rate, as of
    ``counted_at``; its teachers come a page at a time whatever its size."""

    school_id: int
    group_id: int | None
    excellent_rule: str
    closes_on: date | None
    closed: bool
    counts: dict[str, int] | None  # every result, zero included; None: a large school not counted yet
    pass_rate: PassRateOut | None
    counted_at: datetime | None = Field(None, description="when a large school's counts were counted; None: exact")
    recounting: bool = False  # being counted again after this answer
    teachers: list[TeacherResultOut] = Field(description="by 工号; a school's a page at a time (X-Next-After)")
