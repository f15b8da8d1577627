"""The province's completion view: each school's completed teachers, and seed 002's cohorts against the plan."""

from __future__ import annotations

from fractions import Fraction

from sqlalchemy.orm import Session

from api.hours import repository, service
from api.hours.schemas import CohortOut, ProvinceHoursOut, SchoolCompletionOut
from config import Settings
from domain.training_hours import cohort_lines, parse_plan


def _percent(part: int, whole: int) -> float | None:
    return round(float(Fraction(part * 100, whole)), 1) if whole else None


def completion(session: Session, settings: Settings) -> ProvinceHoursOut:
    schools, cohorts = [], {}
    total = complete = 0
    for school in repository.schools(session):
        rows = service.ledgers(session, settings, school_id=school.id)
        done = sum(1 for r in rows if r.ledger.complete)
        schools.append(
            SchoolCompletionOut(
                school_id=school.id,
                school_name=school.name,
                teachers=len(rows),
                complete=done,
                percent=_percent(done, len(rows)),
            )
        )
        total, complete = total + len(rows), complete + done
        for r in rows:
            teachers, finished = cohorts.get(r.teacher.cohort_year, (0, 0))
            cohorts[r.teacher.cohort_year] = (teachers + 1, finished + int(r.ledger.complete))
    lines = cohort_lines(parse_plan(settings.hours_cohort_plan), total_teachers=total, cohorts=cohorts)
    return ProvinceHoursOut(
        teachers=total,
        complete=complete,
        no_cohort=cohorts.get(None, (0, 0))[0],
        schools=schools,
        cohorts=[CohortOut(**line.__dict__) for line in lines],
    )
