"""Every query of the counted completion (``school_completion``, ``school_results_counted``): read it, replace a
school's rows, lock a refresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from db.models import School, SchoolCompletion, SchoolResultsCounted, Teacher
from domain.teacher_result import PassRate, Result

_REFRESH_LOCK = 0x6B6A_4843  # "kjHC": one refresh of the province's counted completion at a time


@dataclass
class Counted:
    """One school's counted completion: cohort year → (teachers, complete), as of ``computed_at``."""

    computed_at: datetime
    cohorts: dict[int | None, tuple[int, int]] = field(default_factory=dict)

    @property
    def teachers(self) -> int:
        return sum(n for n, _done in self.cohorts.values())

    @property
    def complete(self) -> int:
        return sum(done for _n, done in self.cohorts.values())


def school_names(session: Session) -> list[tuple[int, str]]:
    """Every school's (id, name), by code: plain rows, 2,000 of them cost no ORM objects."""
    return [tuple(row) for row in session.execute(select(School.id, School.name).order_by(School.code, School.id))]


def present_teachers_by_school(session: Session) -> dict[int, int]:
    """How many teachers each school has now (not those who left): one grouped count."""
    rows = session.execute(
        select(Teacher.school_id, func.count(Teacher.id)).where(Teacher.left_at.is_(None)).group_by(Teacher.school_id)
    )
    return dict(rows.all())


def teachers_at_most(session: Session, limit: int) -> bool:
    """Whether the province has at most ``limit`` teachers (not those who left), reading at most limit + 1 rows."""
    some = select(Teacher.id).where(Teacher.left_at.is_(None)).limit(limit + 1).subquery()
    return (session.scalar(select(func.count()).select_from(some)) or 0) <= limit


_COUNTED_COLUMNS = (
    SchoolCompletion.school_id,
    SchoolCompletion.cohort_year,
    SchoolCompletion.teachers,
    SchoolCompletion.complete,
    SchoolCompletion.computed_at,
)


def _by_school(rows) -> dict[int, Counted]:
    found: dict[int, Counted] = {}
    for school_id, year, teachers, complete, at in rows:
        entry = found.setdefault(school_id, Counted(at))
        entry.computed_at = min(entry.computed_at, at)
        entry.cohorts[year] = (teachers, complete)
    return found


def counted(session: Session) -> dict[int, Counted]:
    """Every school's counted completion, by school."""
    return _by_school(session.execute(select(*_COUNTED_COLUMNS)))


def counted_school(session: Session, school_id: int) -> Counted | None:
    """One school's counted completion, or None when it was never counted."""
    rows = session.execute(select(*_COUNTED_COLUMNS).where(SchoolCompletion.school_id == school_id))
    return _by_school(rows).get(school_id)


def replace(session: Session, school_id: int, cohorts: dict[int | None, tuple[int, int]], at: datetime) -> None:
    """The school's rows become these (one per cohort year; one empty row for a school without teachers)."""
    session.execute(delete(SchoolCompletion).where(SchoolCompletion.school_id == school_id))
    rows = [
        {"school_id": school_id, "cohort_year": year, "teachers": n, "complete": done, "computed_at": at}
        for year, (n, done) in (cohorts or {None: (0, 0)}).items()
    ]
    session.execute(insert(SchoolCompletion), rows)


def replace_results(session: Session, school_id: int, counts: dict[Result, int], rate: PassRate, at: datetime) -> None:
    """The school's teachers by result and its pass rate's parts become these."""
    session.execute(delete(SchoolResultsCounted).where(SchoolResultsCounted.school_id == school_id))
    session.add(
        SchoolResultsCounted(
            school_id=school_id,
            in_progress=counts[Result.IN_PROGRESS],
            passed_teachers=counts[Result.PASS],
            excellent=counts[Result.EXCELLENT],
            failed=counts[Result.FAIL],
            points_passed=rate.passed,
            points_chosen=rate.chosen,
            computed_at=at,
        )
    )
    session.flush()


def try_refresh_lock(session: Session) -> bool:
    """Take, until the session's connection ends the transaction, the lock that makes one refresh run at a
    time across API processes (PostgreSQL); SQLite serves one process, whose own lock suffices."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _REFRESH_LOCK}))
