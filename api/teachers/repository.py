"""Every query the teachers feature makes: teachers in sight, and their reference photos."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.visibility import teachers_where
from db.models import Teacher, TeacherReference
from domain.roles import Actor


def visible(session: Session, actor: Actor) -> list[Teacher]:
    """The teachers ``actor`` may see (``api.shared.visibility.teachers_where``), by id."""
    return list(session.scalars(select(Teacher).where(teachers_where(actor)).order_by(Teacher.id)))


def reference(session: Session, reference_id: str) -> TeacherReference | None:
    return session.get(TeacherReference, reference_id)


def references_of(session: Session, teacher_id: int) -> list[TeacherReference]:
    query = select(TeacherReference).where(TeacherReference.teacher_id == teacher_id)
    return list(session.scalars(query.order_by(TeacherReference.created_at, TeacherReference.id)))
