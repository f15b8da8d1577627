"""Request and response bodies of the point-selection routes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.shared.schemas import BandOut, ReasonOut
from domain.school_setup import WindowState


class SelectionIn(BaseModel):
    codes: list[str] = Field(max_length=50)
    # The version the client read (or send it as If-Match); a stale one is refused with 409.
    version: int | None = None
    # A school administrator changing a confirmed selection records why (seed 001 “上报…确认”).
    approval_reason: str | None = Field(default=None, max_length=2000)


class ConfirmIn(BaseModel):
    version: int | None = None


class SelectionOut(BaseModel):
    teacher_id: int
    codes: list[str]
    status: str  # none | draft | confirmed
    version: int  # 0 while nothing is stored
    chosen_by: int | None
    confirmed_at: datetime | None
    updated_at: datetime | None
    band: BandOut
    opens_on: date
    closes_on: date
    # What still keeps the stored codes from being a complete, valid selection.
    violations: list[ReasonOut]
    # Recommendations the codes do not follow (seed 004 “主要”): shown, never refused.
    advice: list[ReasonOut] = []


class ChoiceOut(BaseModel):
    code: str
    name_zh: str
    environment: str
    dimension: str
    allowed: bool
    # In an environment seed 004 recommends for the teacher's band (advice only).
    recommended: bool = True
    reasons: list[ReasonOut]


class OptionsOut(BaseModel):
    teacher_id: int
    codes: list[str]
    band: BandOut
    choices: list[ChoiceOut]
    violations: list[ReasonOut]
    advice: list[ReasonOut] = []


class TeacherSelectionOut(BaseModel):
    """One row of the school admin's 教师选点 list."""

    teacher_id: int
    name: str
    staff_id: str
    subject: str
    group_name: str | None
    status: str  # none | draft | confirmed
    codes: list[str]
    version: int
    confirmed_at: datetime | None
    # True: the teacher saved it themselves; False: someone for them; None: nobody yet.
    chosen_by_teacher: bool | None


class SchoolSelectionsOut(BaseModel):
    school_id: int
    opens_on: date
    closes_on: date
    today: date
    window_state: WindowState
    teachers: list[TeacherSelectionOut]
