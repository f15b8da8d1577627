"""A school's (or a group's) hours list a page at a time: behind first, then complete, each by 工号.

Whether a teacher is behind needs their whole ledger (about 0.35 ms a teacher), so the order cannot
come from an index, and the province's largest school (6,366 teachers) took 2.1 s to list whole.
A scope of at most ``school_live_teachers`` teachers (and any group) is still worked out whole:
exact totals, and the page cut from the sorted list. A larger school is read ``limit`` teachers at a
time in 工号 order, only those ledgers worked out, keeping the rows of the part being listed (behind,
then complete); its totals are the school's counted completion (``api.hours.completion``), as of when
it was counted, and it is counted again in the background when that is older than
``hours_completion_max_age_s`` or was never done. A page reads at most ``SCAN_PAGES`` × ``limit``
teachers, so a page can come back short, even empty, with a cursor to go on from.

The cursor is the last teacher read: (part, 工号, id). A teacher whose hours change while someone
pages can move between the parts, so a long list read over minutes may show them twice or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.hours import completion, service
from api.hours import completion_repository as counted_rows
from api.hours.schemas import SchoolHoursOut
from api.hours.service import LedgerRow
from api.review.results import repository as results_rows
from api.review.results.school_page import totals_counted
from api.shared.keyset import page_of
from config import Settings

BEHIND, COMPLETE = 0, 1  # the list's two parts, in this order
SCAN_PAGES = 5
DEFAULT_PAGE, MAX_PAGE = 100, 500
Key = tuple[int, str, int]  # part, 工号, teacher id


@dataclass(frozen=True)
class Totals:
    teachers: int
    complete: int | None  # None while a large school was never counted
    counted_at: datetime | None  # None: worked out now, exact


@dataclass(frozen=True)
class ListPage:
    rows: list[LedgerRow]
    next_key: Key | None
    totals: Totals
    recount: bool  # count the school again once this page is sent


def _part(row: LedgerRow) -> int:
    return COMPLETE if row.ledger.complete else BEHIND


def _key(row: LedgerRow) -> Key:
    return (_part(row), row.teacher.staff_id, row.teacher.id)


def totals_are_counted(session: Session, settings: Settings, school_id: int) -> bool:
    """Whether the school's list shows counted totals (to count again after its hours change)."""
    return totals_counted(settings, results_rows.present_count(session, school_id=school_id))


def page(
    session: Session,
    settings: Settings,
    *,
    school_id: int,
    group_id: int | None = None,
    after: Key | None,
    limit: int,
) -> ListPage:
    size = results_rows.present_count(session, school_id=school_id, group_id=group_id)
    if group_id is not None or not totals_counted(settings, size):
        return _whole(session, settings, school_id=school_id, group_id=group_id, after=after, limit=limit)
    rows, next_key = _scan(session, settings, school_id=school_id, after=after, limit=limit)
    counted = counted_rows.counted_school(session, school_id)
    if counted is None:
        return ListPage(rows, next_key, Totals(size, None, None), recount=True)
    totals = Totals(counted.teachers, counted.complete, counted.computed_at)
    stale = completion.out_of_date(counted.computed_at, max_age_s=settings.hours_completion_max_age_s)
    return ListPage(rows, next_key, totals, recount=stale)


def _whole(
    session: Session, settings: Settings, *, school_id: int, group_id: int | None, after: Key | None, limit: int
) -> ListPage:
    rows = sorted(service.ledgers(session, settings, school_id=school_id, group_id=group_id), key=_key)
    kept, next_key = page_of([row for row in rows if after is None or _key(row) > after], limit, _key)
    totals = Totals(len(rows), sum(1 for row in rows if row.ledger.complete), None)
    return ListPage(kept, next_key, totals, recount=False)


def _scan(
    session: Session, settings: Settings, *, school_id: int, after: Key | None, limit: int
) -> tuple[list[LedgerRow], Key | None]:
    """The next ``limit`` rows of the part being listed, reading the school's teachers ``limit`` at a time."""
    part, position = (after[0], (after[1], after[2])) if after else (BEHIND, None)
    found: list[LedgerRow] = []
    for _ in range(SCAN_PAGES):
        chunk = results_rows.present_after(session, school_id=school_id, after=position, limit=limit)
        ids = [teacher_id for teacher_id, _staff_id in chunk]
        for row in service.ledgers(session, settings, school_id=school_id, teacher_ids=ids) if ids else []:
            if _part(row) == part:
                found.append(row)
                if len(found) == limit:
                    return found, _key(row)
        if len(chunk) == limit:
            teacher_id, staff_id = chunk[-1]
            position = (staff_id, teacher_id)
        elif part == BEHIND:
            part, position = COMPLETE, None
        else:
            return found, None
    return found, (part, *position) if position else (part, "", 0)


def out(settings: Settings, school_id: int, listed: ListPage, *, group_id: int | None = None) -> SchoolHoursOut:
    totals = listed.totals
    return SchoolHoursOut(
        school_id=school_id,
        group_id=group_id,
        profile=settings.hours_profile,
        required=service.required_out(settings.hours_requirement),
        teachers=totals.teachers,
        complete=totals.complete,
        behind=None if totals.complete is None else totals.teachers - totals.complete,
        counted_at=totals.counted_at,
        recounting=listed.recount,
        ledgers=[service.ledger_out(settings, row) for row in listed.rows],
    )
