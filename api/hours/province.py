"""The province's completion view: each school's completed teachers, and seed 002's cohorts against the plan.

Counted live for a small province, from each school's counted rows above ``hours_live_teachers``
(``api.hours.completion``): the answer then says as of when, how many schools are not counted yet,
and which schools to count again once it is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy.orm import Session

from api.hours import completion
from api.hours import completion_repository as counted_rows
from api.hours.schemas import CohortOut, ProvinceHoursOut, SchoolCompletionOut
from config import Settings
from db.base import utcnow
from domain.training_hours import cohort_lines, parse_plan


@dataclass(frozen=True)
class ProvinceView:
    out: ProvinceHoursOut
    to_refresh: list[int]  # schools to count again after answering


def _percent(part: int, whole: int) -> float | None:
    return round(float(Fraction(part * 100, whole)), 1) if whole else None


def completion_view(session: Session, settings: Settings) -> ProvinceView:
    schools = counted_rows.school_names(session)
    ids = [school_id for school_id, _name in schools]
    now = utcnow()
    is_live = counted_rows.teachers_at_most(session, settings.hours_live_teachers)
    counted = completion.live(session, settings, ids) if is_live else counted_rows.counted(session)
    # Teachers of schools not counted yet are listed from the roster (one grouped count, only then).
    present = counted_rows.present_teachers_by_school(session) if any(i not in counted for i in ids) else {}
    to_refresh = (
        [] if is_live else completion.stale(counted, ids, now=now, max_age_s=settings.hours_completion_max_age_s)
    )
    rows, cohorts = [], {}
    for school_id, school_name in schools:
        found = counted.get(school_id)
        teachers = found.teachers if found else present.get(school_id, 0)
        done = found.complete if found else 0
        rows.append(
            SchoolCompletionOut(
                school_id=school_id,
                school_name=school_name,
                teachers=teachers,
                complete=done,
                percent=_percent(done, teachers) if found else None,
                counted_at=found.computed_at if found else None,
            )
        )
        for year, (n, d) in (found.cohorts if found else {}).items():
            sofar = cohorts.get(year, (0, 0))
            cohorts[year] = (sofar[0] + n, sofar[1] + d)
    total = sum(n for n, _d in cohorts.values())
    lines = cohort_lines(parse_plan(settings.hours_cohort_plan), total_teachers=total, cohorts=cohorts)
    out = ProvinceHoursOut(
        teachers=total,
        complete=sum(d for _n, d in cohorts.values()),
        no_cohort=cohorts.get(None, (0, 0))[0],
        schools=rows,
        cohorts=[CohortOut(**line.__dict__) for line in lines],
        live=is_live,
        as_of=min((c.computed_at for c in counted.values()), default=now),
        schools_not_counted=sum(1 for i in ids if i not in counted),
        recounting=len(to_refresh),
    )
    return ProvinceView(out, to_refresh)
