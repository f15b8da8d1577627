"""Counting the province's completion: live for a small province, from each school's counted rows above it.

Whether a teacher completed the programme needs their whole 学时 ledger; the province's view needs
every teacher's. Up to ``hours_live_teachers`` teachers that is worked out live, for an exact answer.
Above it (a province of 300,000 teachers took minutes), the view reads ``school_completion``, says
as of when, and counts again after answering the schools counted longer ago than
``hours_completion_max_age_s`` (and those never counted), each school in its own short
transaction. One refresh runs at a time: an in-process lock, and a PostgreSQL advisory lock across
the API's processes; a second request while one runs only reads.

A school's count also keeps its teachers by overall result and its pass rate's parts, which the
same ledgers carry (``school_results_counted``): a school above ``school_live_teachers`` shows them
on its own hours and results cards (``api.hours.school_list``, ``api.review.results.school_page``),
which ask for a count of that school alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from api.hours import completion_repository as repository
from api.hours import service
from api.hours.completion_repository import Counted
from config import Settings
from db.base import utcnow
from db.session import transaction
from domain.teacher_result import PassRate, Result, counts_by_result, pass_rate

log = structlog.get_logger(__name__)

_one_refresh = threading.Lock()


@dataclass(frozen=True)
class SchoolCount:
    """What a school's ledgers add up to: teachers and completed by cohort year, teachers by result,
    and the pass rate's parts (the school's results card above ``school_live_teachers``)."""

    cohorts: dict[int | None, tuple[int, int]]
    results: dict[Result, int]
    rate: PassRate


def count_school(session: Session, settings: Settings, school_id: int) -> SchoolCount:
    """The school's teachers counted from their ledgers now."""
    cohorts: dict[int | None, tuple[int, int]] = {}
    rows = service.ledgers(session, settings, school_id=school_id)
    for row in rows:
        teachers, done = cohorts.get(row.teacher.cohort_year, (0, 0))
        cohorts[row.teacher.cohort_year] = (teachers + 1, done + int(row.ledger.complete))
    results = [row.result for row in rows]
    return SchoolCount(cohorts, counts_by_result(results), pass_rate(results))


def live(session: Session, settings: Settings, school_ids: list[int]) -> dict[int, Counted]:
    """Every school counted now (a small province)."""
    now = utcnow()
    return {school_id: Counted(now, count_school(session, settings, school_id).cohorts) for school_id in school_ids}


def out_of_date(counted_at: datetime, *, max_age_s: int, now: datetime | None = None) -> bool:
    """Whether a count made at ``counted_at`` is older than ``max_age_s`` (``hours_completion_max_age_s``)."""
    return counted_at < (now or utcnow()) - timedelta(seconds=max_age_s)


def stale(counted: dict[int, Counted], school_ids: list[int], *, now: datetime, max_age_s: int) -> list[int]:
    """The schools to count again: never counted first, then the longest ago, up to ``max_age_s`` old."""
    old = [
        i for i in school_ids if i not in counted or out_of_date(counted[i].computed_at, max_age_s=max_age_s, now=now)
    ]
    return sorted(old, key=lambda i: (i in counted, counted[i].computed_at if i in counted else now, i))


def refresh(factory: sessionmaker[Session], settings: Settings, school_ids: list[int]) -> int:
    """Count these schools again, each in its own transaction; 0 when another refresh is running."""
    if not _one_refresh.acquire(blocking=False):
        return 0
    try:
        with transaction(factory) as held:
            if not repository.try_refresh_lock(held):
                return 0
            done = 0
            for school_id in school_ids:
                try:
                    with transaction(factory) as session:
                        found, at = count_school(session, settings, school_id), utcnow()
                        repository.replace(session, school_id, found.cohorts, at)
                        repository.replace_results(session, school_id, found.results, found.rate, at)
                except IntegrityError:  # the school was deleted meanwhile: nothing to count
                    log.warning("hours.completion_school_gone", school_id=school_id)
                    continue
                done += 1
            log.info("hours.completion_refreshed", schools=done)
            return done
    finally:
        _one_refresh.release()
