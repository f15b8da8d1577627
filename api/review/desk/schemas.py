"""Bodies of the school desk routes: the to-do lists with their counts, and a page of history."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class DeskWorkOut(BaseModel):
    """One submission on the desk, enough to list it and link to /review/{id}."""

    id: int
    teacher_id: int
    teacher_name: str
    group_id: int | None
    capability_code: str
    state: str
    updated_at: datetime


class DeskGroupOut(BaseModel):
    group_id: int
    group_name: str
    subject: str
    submitted_at: datetime | None


class DeskCountsOut(BaseModel):
    leaders_work: int
    groups_submitted: int
    to_forward: int


class SchoolDeskOut(BaseModel):
    """What waits for the school admin: leaders' own work to grade, groups handed over, 优秀 to forward.

    The counts are whole; each work list holds its longest-waiting first page, and its next page's
    cursor (``…_next``, None when that is all) goes to ``GET …/desk/leaders-work`` or ``…/desk/to-forward``
    as ``after``."""

    counts: DeskCountsOut
    # The school's hand-over to the province (学校提交): open | handed_over.
    handover_state: str
    leaders_work: list[DeskWorkOut]
    leaders_work_next: str | None = None
    groups_submitted: list[DeskGroupOut]
    to_forward: list[DeskWorkOut]
    to_forward_next: str | None = None


class SchoolHistoryEntryOut(BaseModel):
    """One forward, return, confirmation or downgrade: who, when, why, and on whose work."""

    id: int
    submission_id: int
    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    at: datetime
    actor_name: str | None
    actor_role: str | None
    teacher_name: str
    capability_code: str
