"""Response bodies of the 学时 ledger: the platforms' shape (issue 20 item 7), the ledger card, the dashboards."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.shared.schemas import ReasonOut


class RequiredHoursOut(BaseModel):
    online: float
    practice: float
    assessment: float


class HoursOut(BaseModel):
    """A teacher's hours as platforms read them: counted hours per part, the requirement, what is held, done."""

    online: float = Field(description="Online hours counted (在线教学 courses up to the cap, seed 002)")
    practice: float = Field(description="Practice hours counted; 0 while they are held")
    assessment: float = Field(description="School-based assessment hours (seed 000), earned when the points pass")
    required: RequiredHoursOut
    held: list[ReasonOut] = Field(description="Why practice hours are held (seed 001), each with code, zh, en")
    complete: bool = Field(description="Every part reached and the capability points passed")


class PracticePartOut(BaseModel):
    count: int
    hours: float


class LedgerOut(BaseModel):
    """The ledger card and the school's dashboard: the hours, how they were earned, and what is short."""

    teacher_id: int
    name: str
    staff_id: str
    group_id: int | None
    group_name: str | None
    cohort_year: int | None
    hours: HoursOut
    online_recorded: float  # 网络研修 hours as imported
    online_teaching_recorded: float  # 在线教学 hours as imported
    online_teaching_counted: float
    online_teaching_cap: float
    practice_earned: float
    practice_held: float
    sessions: PracticePartOut
    peer_views: PracticePartOut
    peer_comments: PracticePartOut
    points_passed: PracticePartOut
    peer_assigned: int
    peer_pending: int
    result: str  # the overall result (issue 10): in_progress | pass | excellent | fail
    missing: list[ReasonOut]  # what is still short; empty when complete


class SchoolHoursOut(BaseModel):
    """A page of the school's (or a group's) ledgers, behind first, then by 工号; the next page's cursor
    is in ``X-Next-After``. The totals are exact (``counted_at`` None) for a group or a school of at most
    ``KEJIAN_SCHOOL_LIVE_TEACHERS``; a larger school's are its counted completion as of
    ``counted_at`` (``complete`` and ``behind`` None until first counted; ``recounting``: being counted)."""

    school_id: int
    group_id: int | None = None  # set when the list is one group's
    profile: str
    required: RequiredHoursOut
    teachers: int
    complete: int | None
    behind: int | None
    counted_at: datetime | None = Field(None, description="when a large school's totals were counted; None: exact")
    recounting: bool = False
    ledgers: list[LedgerOut] = Field(description="this page: behind first, then complete, each by 工号")


class RowErrorOut(BaseModel):
    row: int
    code: str
    message_zh: str
    message_en: str


class ImportOut(BaseModel):
    """What an import did: rows read, entries added, replaced (a later export) or unchanged, rows refused."""

    import_id: int
    school_id: int
    filename: str
    sha256: str
    repeat: bool  # the same file was imported before: nothing it set was replaced
    imported_at: datetime
    rows: int
    added: int
    replaced: int
    unchanged: int
    refused: int
    errors: list[RowErrorOut]


class CohortOut(BaseModel):
    year: int
    planned_percent: float
    planned: int
    assigned: int
    completed: int


class SchoolCompletionOut(BaseModel):
    school_id: int
    school_name: str
    teachers: int
    complete: int
    percent: float | None  # None while the school is not counted yet
    counted_at: datetime | None = Field(description="when the school's completion was counted; None: not yet")


class ProvinceHoursOut(BaseModel):
    """Completion by school and by cohort year against seed 002's plan (30/50/20%).

    A small province is counted live (``live``); a large one from each school's counted rows, as of
    ``as_of`` (the oldest school's count), with ``schools_not_counted`` not in the totals yet and
    ``recounting`` schools being counted again after this answer.
    """

    teachers: int
    complete: int
    no_cohort: int  # teachers with no cohort year yet
    schools: list[SchoolCompletionOut]
    cohorts: list[CohortOut]
    live: bool
    as_of: datetime
    schools_not_counted: int
    recounting: int


class RemindersOut(BaseModel):
    behind: int  # teachers not complete
    told: int  # accounts notified
    without_account: list[str]  # behind teachers nobody could be notified for: “name（工号）”
