"""A school's results card a page of teachers at a time, with the counts by result and the pass rate.

The province's largest school (6,366 teachers) took 1.4 s and 4.6 MB to answer whole, for a card
that shows the counts and keeps the teachers folded away. Up to ``school_live_teachers`` teachers
every result is worked out, so the counts are exact. Above it only the page's teachers are, and the
counts and pass rate are those counted with the school's completion (``api.hours.completion``
writes both), as of when; the school is counted again once answered when that is older than
``hours_completion_max_age_s`` or was never done.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.hours import completion
from api.review.results import repository, service
from api.review.results.service import Counted, Row
from api.shared.keyset import page_of
from config import Settings
from domain.teacher_result import PassRate, Result, counts_by_result, pass_rate

DEFAULT_PAGE, MAX_PAGE = 100, 500
Key = tuple[str, int]  # 工号, teacher id


@dataclass(frozen=True)
class SchoolPage:
    rows: list[Row]
    next_key: Key | None
    counted: Counted


def _key(row: Row) -> Key:
    return (row.teacher.staff_id, row.teacher.id)


def totals_counted(settings: Settings, teachers: int) -> bool:
    """Whether a school of ``teachers`` shows counted totals on its results and hours cards (above
    ``school_live_teachers``) rather than working every teacher out."""
    return teachers > settings.school_live_teachers


def page(session: Session, settings: Settings, *, school_id: int, after: Key | None, limit: int) -> SchoolPage:
    if not totals_counted(settings, repository.present_count(session, school_id=school_id)):
        # Ordered and cut by the same comparison (Python's), whatever the database's collation.
        rows = sorted(service.results(session, settings, school_id=school_id), key=_key)
        kept, next_key = page_of([row for row in rows if after is None or _key(row) > after], limit, _key)
        found = [row.result for row in rows]
        return SchoolPage(kept, next_key, Counted(counts_by_result(found), pass_rate(found)))
    listed = repository.present_after(session, school_id=school_id, after=after, limit=limit + 1)
    listed, next_key = page_of(listed, limit, lambda teacher: (teacher[1], teacher[0]))  # (工号, id)
    ids = [teacher_id for teacher_id, _staff_id in listed]
    rows = service.results(session, settings, school_id=school_id, teacher_ids=ids) if ids else []
    return SchoolPage(rows, next_key, _counted(session, settings, school_id))


def _counted(session: Session, settings: Settings, school_id: int) -> Counted:
    row = repository.counted(session, school_id)
    if row is None:
        return Counted(None, None, recount=True)
    counts = {
        Result.IN_PROGRESS: row.in_progress,
        Result.PASS: row.passed_teachers,
        Result.EXCELLENT: row.excellent,
        Result.FAIL: row.failed,
    }
    stale = completion.out_of_date(row.computed_at, max_age_s=settings.hours_completion_max_age_s)
    return Counted(counts, PassRate(row.points_passed, row.points_chosen), row.computed_at, recount=stale)
