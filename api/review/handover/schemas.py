"""Bodies of the hand-over routes: the school's numbers, what is missing, and what changed since."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.shared.schemas import ReasonOut


class SubjectCountOut(BaseModel):
    subject: str
    count: int  # forwarded, still-优秀 works by teachers of this subject


class SinceOut(BaseModel):
    """How the counted 优秀 moved after the hand-over: the province downgrades, the school forwards more."""

    excellent_at_hand_over: int
    excellent_now: int
    change: int
    downgraded: int
    forwarded: int


class HandoverOut(BaseModel):
    school_id: int
    school_name: str
    state: str  # open | handed_over
    handed_over_at: datetime | None
    handed_over_by: int | None
    handed_over_by_name: str | None
    full_time_teachers: int
    excellent_percent: float
    required_excellent: int
    # forwarded to the province and still 优秀 there: what the hand-over counts
    excellent_count: int
    missing_excellent: int
    # graded 优秀 at school, not forwarded yet: counts once forwarded
    awaiting_forward: int
    subjects_taught: list[str]
    by_subject: list[SubjectCountOut]
    uncovered_subjects: list[str]
    ready: bool  # nothing missing (a handed-over school may still read false after a downgrade)
    missing: list[ReasonOut]
    since: SinceOut | None  # after a hand-over
    version: int
