"""Teachers' overall results (``domain.teacher_result``) for one teacher, a group or a school.

Every reader (the teacher's page, the leader's list, the school's table, the workbooks) goes
through :func:`results`, so they never disagree: three grouped queries (teachers, selections,
work), then the pure rule per teacher. The rule in force and the closing date are settings
(``review_teacher_excellent_rule``, ``review_assessment_closes_on``); "today" is the school's
calendar day (``api.shared.review_inputs.today``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from api.review.results import repository
from api.review.results.schemas import PassRateOut, PointResultOut, ResultsOut, TeacherResultOut
from api.shared import review_inputs as inputs
from api.shared.schemas import ReasonOut, reasons_out
from config import Settings
from db.models import Teacher
from domain.school_setup import SelectionStatus
from domain.teacher_result import (
    RESULT_LABELS,
    ExcellentRule,
    PassRate,
    Result,
    TeacherResult,
    closed_on,
    counts_by_result,
    pass_rate,
    teacher_result,
)
from domain.workflow import State


@dataclass(frozen=True)
class Row:
    teacher: Teacher
    group_name: str | None
    result: TeacherResult


@dataclass(frozen=True)
class Counted:
    """Counts by result and the pass rate: worked out now (``at`` None), or a large school's as counted."""

    counts: dict[Result, int] | None  # None: a large school never counted yet
    rate: PassRate | None
    at: datetime | None = None
    recount: bool = False  # count the school again once answered


def closed(settings: Settings, today: date | None = None) -> date | None:
    """The closing date once the assessment has closed, else None."""
    return closed_on(settings.review_assessment_closes_on, today or inputs.today(settings))


def results(
    session: Session,
    settings: Settings,
    *,
    school_id: int,
    group_id: int | None = None,
    teacher_id: int | None = None,
    teacher_ids: Collection[int] | None = None,
) -> list[Row]:
    """Each teacher in scope with their result, by 工号 (``teacher_ids``: only those, e.g. an export's slice)."""
    scope = {"school_id": school_id, "group_id": group_id, "teacher_id": teacher_id, "teacher_ids": teacher_ids}
    chosen = repository.selections(session, **scope)
    work = repository.work_states(session, **scope)
    rule = ExcellentRule(settings.review_teacher_excellent_rule)
    closed_day = closed(settings)
    rows = []
    for teacher, group_name in repository.teachers(session, **scope):
        status, codes = chosen.get(teacher.id, (SelectionStatus.NONE.value, []))
        states = {code: State(state) for code, state in work.get(teacher.id, {}).items()}
        result = teacher_result(
            selection_status=SelectionStatus(status), codes=codes, states=states, rule=rule, closed=closed_day
        )
        rows.append(Row(teacher, group_name, result))
    return rows


def teacher_out(row: Row) -> TeacherResultOut:
    result, teacher = row.result, row.teacher
    zh, en = RESULT_LABELS[result.result]
    return TeacherResultOut(
        teacher_id=teacher.id,
        name=teacher.name,
        staff_id=teacher.staff_id,
        subject=teacher.subject,
        group_id=teacher.group_id,
        group_name=row.group_name,
        result=result.result.value,
        result_zh=zh,
        result_en=en,
        chosen=result.chosen,
        passed=result.passed,
        excellent=result.excellent,
        points=[
            PointResultOut(
                code=p.code,
                state=p.state.value if p.state else None,
                level=p.level.value if p.level else None,
                passed=p.passed,
                reason=ReasonOut.of(p.reason) if p.reason else None,
            )
            for p in result.points
        ],
        reasons=reasons_out(result.reasons),
    )


def results_out(
    settings: Settings,
    rows: list[Row],
    *,
    school_id: int,
    group_id: int | None,
    counted: Counted | None = None,
) -> ResultsOut:
    """``rows`` with their counts and pass rate, or, for a page of a large school, with ``counted``."""
    if counted is None:
        found = [row.result for row in rows]
        counted = Counted(counts_by_result(found), pass_rate(found))
    rate = counted.rate
    return ResultsOut(
        school_id=school_id,
        group_id=group_id,
        excellent_rule=settings.review_teacher_excellent_rule,
        closes_on=settings.review_assessment_closes_on,
        closed=closed(settings) is not None,
        counts={result.value: n for result, n in counted.counts.items()} if counted.counts is not None else None,
        pass_rate=PassRateOut(passed=rate.passed, chosen=rate.chosen, percent=rate.percent) if rate else None,
        counted_at=counted.at,
        recounting=counted.recount,
        teachers=[teacher_out(row) for row in rows],
    )


def of_teacher(session: Session, settings: Settings, teacher: Teacher) -> TeacherResultOut:
    (row,) = results(session, settings, school_id=teacher.school_id, teacher_id=teacher.id)
    return teacher_out(row)


def of_group(session: Session, settings: Settings, *, school_id: int, group_id: int) -> ResultsOut:
    rows = results(session, settings, school_id=school_id, group_id=group_id)
    return results_out(settings, rows, school_id=school_id, group_id=group_id)
