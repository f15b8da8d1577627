"""Every query the roster import makes while planning (writing needs none)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ResearchGroup, School, Teacher, User


def school_by_code(session: Session, code: str) -> School | None:
    return session.scalar(select(School).where(School.code == code))


def teachers_by_staff_id(session: Session, school_id: int) -> dict[str, Teacher]:
    return {t.staff_id: t for t in session.scalars(select(Teacher).where(Teacher.school_id == school_id))}


def accounts_by_teacher(session: Session, school_id: int) -> dict[int, User]:
    """Each teacher's account; where a teacher has several, the oldest."""
    linked = select(User).join(Teacher, User.teacher_id == Teacher.id).where(Teacher.school_id == school_id)
    return {user.teacher_id: user for user in session.scalars(linked.order_by(User.id.desc()))}


def group_named(session: Session, school_id: int, name: str) -> ResearchGroup | None:
    return session.scalar(select(ResearchGroup).where(ResearchGroup.school_id == school_id, ResearchGroup.name == name))


def taken_usernames(session: Session, names: Iterable[str]) -> set[str]:
    """Which of ``names`` some account already has."""
    return set(session.scalars(select(User.username).where(User.username.in_(list(names)))))
