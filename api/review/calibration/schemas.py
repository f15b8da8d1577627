"""Bodies of the province's calibration and progress routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class LowerCriterionOut(BaseModel):
    """A criterion (a point's own key, e.g. A1's ``c1``) the province rated lower than the leader, how often."""

    capability_code: str
    key: str
    count: int


class CalibrationRowOut(BaseModel):
    """One school's (or group's) sampled 优秀, what became of it, and the criterion-level agreement."""

    school_id: int
    school_name: str
    group_id: int | None = None
    group_name: str | None = None
    sampled: int
    confirmed: int
    downgraded: int
    pending: int
    confirmation_rate: float | None
    criteria_compared: int
    agreement: float | None
    kappa: float | None
    lower_criteria: list[LowerCriterionOut]


class SchoolProgressOut(BaseModel):
    school_id: int
    school_name: str
    handed_over: bool
    handed_over_at: datetime | None
    full_time_teachers: int
    excellent: int
    excellent_rate: float | None
    required: int
    downgraded: int


class ProgressTotalsOut(BaseModel):
    schools: int
    handed_over: int
    handed_over_share: float | None
    excellent_percent: float


class ProgressOut(BaseModel):
    """Every school's hand-over and 优秀 standing, and the province's totals."""

    schools: list[SchoolProgressOut]
    totals: ProgressTotalsOut
