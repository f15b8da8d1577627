"""The rows a set of teachers' results reads, in three queries whatever the number of teachers."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PointSelection, ResearchGroup, Submission, Teacher


def _scope(
    statement,
    *,
    school_id: int,
    group_id: int | None,
    teacher_id: int | None,
    teacher_ids: Collection[int] | None = None,
):
    """The teachers of a school, narrowed to a group, to one teacher, or to some (a slice of an export).

    A list leaves out teachers who left the school (离校); one teacher asked for by id is still read.
    """
    statement = statement.where(Teacher.school_id == school_id)
    if teacher_id is None:
        statement = statement.where(Teacher.left_at.is_(None))
    if group_id is not None:
        statement = statement.where(Teacher.group_id == group_id)
    if teacher_id is not None:
        statement = statement.where(Teacher.id == teacher_id)
    if teacher_ids is not None:
        statement = statement.where(Teacher.id.in_(list(teacher_ids)))
    return statement


def teachers(
    session: Session,
    *,
    school_id: int,
    group_id: int | None = None,
    teacher_id: int | None = None,
    teacher_ids: Collection[int] | None = None,
) -> list[tuple[Teacher, str | None]]:
    """The teachers in scope with their group's name, by 工号."""
    statement = select(Teacher, ResearchGroup.name).outerjoin(ResearchGroup, ResearchGroup.id == Teacher.group_id)
    scoped = _scope(statement, school_id=school_id, group_id=group_id, teacher_id=teacher_id, teacher_ids=teacher_ids)
    return list(session.execute(scoped.order_by(Teacher.staff_id, Teacher.id)).tuples())


def selections(
    session: Session,
    *,
    school_id: int,
    group_id: int | None = None,
    teacher_id: int | None = None,
    teacher_ids: Collection[int] | None = None,
) -> dict[int, tuple[str, list[str]]]:
    """Each teacher's selection as (status, codes); teachers who saved nothing are absent."""
    statement = select(PointSelection.teacher_id, PointSelection.status, PointSelection.codes).join(
        Teacher, Teacher.id == PointSelection.teacher_id
    )
    scoped = _scope(statement, school_id=school_id, group_id=group_id, teacher_id=teacher_id, teacher_ids=teacher_ids)
    rows = session.execute(scoped)
    return {tid: (status, list(codes or [])) for tid, status, codes in rows}


def work_states(
    session: Session,
    *,
    school_id: int,
    group_id: int | None = None,
    teacher_id: int | None = None,
    teacher_ids: Collection[int] | None = None,
) -> dict[int, dict[str, str]]:
    """Each teacher's submissions as point code → state."""
    statement = select(Submission.teacher_id, Submission.capability_code, Submission.state).join(
        Teacher, Teacher.id == Submission.teacher_id
    )
    found: dict[int, dict[str, str]] = {}
    for tid, code, state in session.execute(
        _scope(statement, school_id=school_id, group_id=group_id, teacher_id=teacher_id, teacher_ids=teacher_ids)
    ):
        found.setdefault(tid, {})[code] = state
    return found
