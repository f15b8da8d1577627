"""Every query the teachers feature makes: teachers in sight, their accounts, and their reference photos."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.repository import locked
from api.shared.visibility import teachers_where
from db.models import Teacher, TeacherReference, User
from domain.roles import Actor


def visible(session: Session, actor: Actor) -> list[Teacher]:
    """The teachers ``actor`` may see (``api.shared.visibility.teachers_where``), by id."""
    return list(session.scalars(select(Teacher).where(teachers_where(actor)).order_by(Teacher.id)))


def lock_account_of(session: Session, teacher_id: int) -> User | None:
    """The teacher's account, row-locked so two resets at once cannot both be the one shown."""
    return locked(session, select(User).where(User.teacher_id == teacher_id)).first()


def accounts_of(session: Session, teacher_id: int) -> list[User]:
    """Every account linked to the teacher (a teacher's, a leader's), to close or open them together."""
    return list(session.scalars(select(User).where(User.teacher_id == teacher_id).order_by(User.id)))


def reference(session: Session, reference_id: str) -> TeacherReference | None:
    return session.get(TeacherReference, reference_id)


def references_of(session: Session, teacher_id: int) -> list[TeacherReference]:
    query = select(TeacherReference).where(TeacherReference.teacher_id == teacher_id)
    return list(session.scalars(query.order_by(TeacherReference.created_at, TeacherReference.id)))


def reference_states(session: Session, teacher_ids: list[int]) -> dict[int, list[str]]:
    """The distinct states of each teacher's references, in one grouped query for a whole list."""
    if not teacher_ids:
        return {}
    query = (
        select(TeacherReference.teacher_id, TeacherReference.state)
        .where(TeacherReference.teacher_id.in_(teacher_ids))
        .group_by(TeacherReference.teacher_id, TeacherReference.state)
    )
    states: dict[int, list[str]] = {}
    for teacher_id, state in session.execute(query):
        states.setdefault(teacher_id, []).append(state)
    return states


def teachers_by_staff_id(session: Session, school_id: int, staff_ids: list[str]) -> dict[str, Teacher]:
    """The school's teachers with these staff ids (工号), by staff id."""
    if not staff_ids:
        return {}
    query = select(Teacher).where(Teacher.school_id == school_id, Teacher.staff_id.in_(staff_ids))
    return {t.staff_id: t for t in session.scalars(query)}
