"""The rows a set of teachers' results reads, in three queries whatever the number of teachers."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from db.models import PointSelection, ResearchGroup, SchoolResultsCounted, Submission, Teacher


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


def _present(school_id: int, group_id: int | None):
    statement = select(Teacher.id).where(Teacher.school_id == school_id, Teacher.left_at.is_(None))
    return statement if group_id is None else statement.where(Teacher.group_id == group_id)


def present_count(session: Session, *, school_id: int, group_id: int | None = None) -> int:
    """How many teachers the school (or its group) has now, not those who left."""
    return session.scalar(select(func.count()).select_from(_present(school_id, group_id).subquery())) or 0


def present_after(
    session: Session, *, school_id: int, after: tuple[str, int] | None, limit: int
) -> list[tuple[int, str]]:
    """The school's next ``limit`` present teachers by 工号 after ``after`` (工号, id): (id, 工号)."""
    statement = select(Teacher.id, Teacher.staff_id).where(Teacher.school_id == school_id, Teacher.left_at.is_(None))
    if after is not None:
        statement = statement.where(tuple_(Teacher.staff_id, Teacher.id) > tuple_(*after))
    return [tuple(row) for row in session.execute(statement.order_by(Teacher.staff_id, Teacher.id).limit(limit))]


def counted(session: Session, school_id: int) -> SchoolResultsCounted | None:
    """The school's teachers counted by result (``api.hours.completion`` writes it), or None: never counted."""
    return session.get(SchoolResultsCounted, school_id)
