"""Rows every feature looks up (schools, groups, teachers, setup, catalogue), and row locks.

Locks are SELECT … FOR UPDATE, re-reading the row under the lock. PostgreSQL holds the lock
until the request's transaction ends, so a second request for the same row waits and then
sees the first one's committed result. SQLite has no row locks (SQLAlchemy omits the clause)
but allows one writer at a time, and the version columns catch whatever slips through.
``populate_existing`` matters: a row already in the session would otherwise keep the values
read before the lock was granted.

Lock order, always: research group → teacher → selection / submission. Every change that can
move a group's 优秀 count takes the group's lock first, so quota checks never read a count
another transaction is about to change.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.models import CatalogueVersion, PointSelection, ResearchGroup, School, SchoolSetup, Teacher

Row = TypeVar("Row")


def locked(session: Session, statement: Select):
    """Run ``statement`` with FOR UPDATE and fresh attributes; returns the scalar result."""
    return session.scalars(statement.with_for_update().execution_options(populate_existing=True))


def lock_group(session: Session, group_id: int | None) -> ResearchGroup | None:
    if group_id is None:
        return None
    return locked(session, select(ResearchGroup).where(ResearchGroup.id == group_id)).one_or_none()


def lock_teacher(session: Session, teacher_id: int) -> Teacher | None:
    return locked(session, select(Teacher).where(Teacher.id == teacher_id)).one_or_none()


def teacher(session: Session, teacher_id: int) -> Teacher | None:
    return session.get(Teacher, teacher_id)


def group(session: Session, group_id: int) -> ResearchGroup | None:
    return session.get(ResearchGroup, group_id)


def school(session: Session, school_id: int) -> School | None:
    return session.get(School, school_id)


def school_province(session: Session, school_id: int) -> str | None:
    return session.scalar(select(School.province).where(School.id == school_id))


def school_setup(session: Session, school_id: int) -> SchoolSetup | None:
    return session.get(SchoolSetup, school_id)


def point_selection(session: Session, teacher_id: int, *, lock: bool = False) -> PointSelection | None:
    """The teacher's point selection (none until something was saved); ``lock`` after the teacher's."""
    query = select(PointSelection).where(PointSelection.teacher_id == teacher_id)
    return locked(session, query).one_or_none() if lock else session.scalar(query)


def catalogue_row(session: Session, province: str) -> CatalogueVersion | None:
    """The province's own copy of the catalogue, if an admin has stored one."""
    return session.scalar(select(CatalogueVersion).where(CatalogueVersion.province == province))


def find_by(session: Session, model: type[Row], **lookup) -> Row | None:
    """The one row of ``model`` matching ``lookup`` (the demo seed finds what it made before)."""
    return session.scalar(select(model).filter_by(**lookup))
