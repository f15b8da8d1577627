"""Counting the province's completion: live for a small province, from each school's counted rows above it.

Whether a teacher completed the programme needs their whole 学时 ledger; the province's view needs
every teacher's. Up to ``hours_live_teachers`` teachers that is worked out live, for an exact answer.
Above it (a province of 300,000 teachers took minutes), the view reads ``school_completion``, says
as of when, and counts again after answering the schools counted longer ago than
``hours_completion_max_age_s`` (and those never counted), each school in its own short
transaction. One refresh runs at a time: an in-process lock, and a PostgreSQL advisory lock across
the API's processes; a second request while one runs only reads.
"""

from __future__ import annotations

import threading
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

log = structlog.get_logger(__name__)

_one_refresh = threading.Lock()


def count_school(session: Session, settings: Settings, school_id: int) -> dict[int | None, tuple[int, int]]:
    """The school's teachers and completed teachers by cohort year, from their ledgers now."""
    cohorts: dict[int | None, tuple[int, int]] = {}
    for row in service.ledgers(session, settings, school_id=school_id):
        teachers, done = cohorts.get(row.teacher.cohort_year, (0, 0))
        cohorts[row.teacher.cohort_year] = (teachers + 1, done + int(row.ledger.complete))
    return cohorts


def live(session: Session, settings: Settings, school_ids: list[int]) -> dict[int, Counted]:
    """Every school counted now (a small province)."""
    now = utcnow()
    return {school_id: Counted(now, count_school(session, settings, school_id)) for school_id in school_ids}


def stale(counted: dict[int, Counted], school_ids: list[int], *, now: datetime, max_age_s: int) -> list[int]:
    """The schools to count again: never counted first, then the longest ago, up to ``max_age_s`` old."""
    cutoff = now - timedelta(seconds=max_age_s)
    old = [i for i in school_ids if i not in counted or counted[i].computed_at < cutoff]
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
                        repository.replace(session, school_id, count_school(session, settings, school_id), utcnow())
                except IntegrityError:  # the school was deleted meanwhile: nothing to count
                    log.warning("hours.completion_school_gone", school_id=school_id)
                    continue
                done += 1
            log.info("hours.completion_refreshed", schools=done)
            return done
    finally:
        _one_refresh.release()
