"""The province's calibration (``domain.calibration``) and every school's progress toward hand-over.

Calibration reads each work a sampling round drew or the province reviewed, and the province's
criterion levels, in two queries whatever the number of schools; the domain does the counting, so
the numbers the API shows are the ones its table tests check. The province's levels of a work are
those of its latest review that gave any (a re-confirmation without criteria keeps them).
Progress counts a school's 优秀 as the hand-over does (``domain.school_handover.COUNTED_STATES``:
forwarded and still 优秀 at the province) against its 专任教师 today, with the required number
from ``domain.quotas.required_excellent`` and the setting ``review_school_excellent_percent``.
Readers: the provincial reviewer and the admin.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from sqlalchemy.orm import Session

from api.review.calibration import repository
from api.review.calibration.schemas import (
    CalibrationRowOut,
    LowerCriterionOut,
    ProgressOut,
    ProgressTotalsOut,
    SchoolProgressOut,
)
from api.shared.access import EVERYWHERE, require_role
from config import Settings
from domain.calibration import Calibration, ReviewedWork, calibrate, sampled_outcome
from domain.quotas import required_excellent
from domain.roles import Actor
from domain.school_handover import COUNTED_STATES, HandoverState
from domain.workflow import State

Unit = Literal["school", "group"]
_COUNTED = {s.value for s in COUNTED_STATES}
_SEP = "\x1f"  # between a point's code and its criterion key; in neither


def calibration(session: Session, actor: Actor, *, by: Unit) -> list[CalibrationRowOut]:
    """One row per school (or per group, teachers without a group under none), by school then group id."""
    require_role(actor, EVERYWHERE)
    works = []
    province_levels = repository.province_levels(session)
    for submission_id, school_id, group_id, code, state, drawn, leader_grades in repository.reviewed_works(session):
        grades = leader_grades or {}
        province, province_rubric = province_levels.get(submission_id, (None, None))
        works.append(
            ReviewedWork(
                unit=(school_id, group_id if by == "group" else None),
                outcome=sampled_outcome(state) if drawn else None,
                leader=_of_point(code, grades.get("criteria")),
                province=_of_point(code, province) if province is not None else None,
                leader_rubric=grades.get("rubric_version"),
                province_rubric=province_rubric,
            )
        )
    units = calibrate(works)
    schools = repository.school_names(session, {school for school, _ in units})
    groups = repository.group_names(session, {group for _, group in units if group is not None})
    return [
        _row(school, schools[school], group, groups.get(group), units[(school, group)])
        for school, group in sorted(units, key=lambda unit: (unit[0], unit[1] is not None, unit[1] or 0))
    ]


def progress(session: Session, settings: Settings, actor: Actor) -> ProgressOut:
    """Every school's hand-over and 优秀 rate, and how many schools have handed over."""
    require_role(actor, EVERYWHERE)
    percent = settings.review_school_excellent_percent
    teachers = repository.full_time_teachers(session)
    works = repository.works_by_school_and_state(session, _COUNTED | {State.DOWNGRADED.value})
    rows = []
    for school_id, name, state, handed_over_at in repository.schools_with_handovers(session):
        staff = teachers[school_id]
        excellent = sum(works[(school_id, s)] for s in _COUNTED)
        rows.append(
            SchoolProgressOut(
                school_id=school_id,
                school_name=name,
                handed_over=state == HandoverState.HANDED_OVER.value,
                handed_over_at=handed_over_at,
                full_time_teachers=staff,
                excellent=excellent,
                excellent_rate=_float(Fraction(excellent, staff)) if staff else None,
                required=required_excellent(staff, percent=percent),
                downgraded=works[(school_id, State.DOWNGRADED.value)],
            )
        )
    done = sum(1 for r in rows if r.handed_over)
    totals = ProgressTotalsOut(
        schools=len(rows),
        handed_over=done,
        handed_over_share=_float(Fraction(done, len(rows))) if rows else None,
        excellent_percent=percent,
    )
    return ProgressOut(schools=rows, totals=totals)


def _row(school_id: int, school_name: str, group_id, group_name, c: Calibration) -> CalibrationRowOut:
    return CalibrationRowOut(
        school_id=school_id,
        school_name=school_name,
        group_id=group_id,
        group_name=group_name,
        sampled=c.sampled,
        confirmed=c.confirmed,
        downgraded=c.downgraded,
        pending=c.pending,
        confirmation_rate=_float(c.confirmation_rate),
        criteria_compared=c.agreement.compared,
        agreement=_float(c.agreement.share),
        kappa=_float(c.agreement.kappa),
        lower_criteria=[
            LowerCriterionOut(capability_code=code, key=key, count=n)
            for code, key, n in ((*k.split(_SEP, 1), n) for k, n in c.lower_criteria)
        ],
    )


def _of_point(code: str, criteria: dict | None) -> dict[str, str]:
    """Criterion keys are a point's own (``c1`` of A1 is not ``c1`` of B4): name each with its point."""
    return {f"{code}{_SEP}{key}": level for key, level in (criteria or {}).items()}


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)
