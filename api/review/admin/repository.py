"""Every query of school administration: setup, the audit log, and the rows of a workbook."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.visibility import teachers_where
from db.models import AuditEntry, PointSelection, ResearchGroup, Submission, Teacher, User
from domain.roles import Actor


def teacher_ages(session: Session, school_id: int) -> list[tuple[str, str, int]]:
    """Name, 工号 and birth year of each of the school's teachers, so a setup refusal can name them."""
    query = (
        select(Teacher.name, Teacher.staff_id, Teacher.birth_year)
        .where(Teacher.school_id == school_id, Teacher.left_at.is_(None))
        .order_by(Teacher.staff_id)
    )
    return [tuple(row) for row in session.execute(query)]


def audit_page(
    session: Session,
    *,
    entity_type: str | None,
    entity_id: str | None,
    about_school: int | None,
    after: int | None = None,
    limit: int,
    offset: int = 0,
) -> list[tuple[AuditEntry, str | None]]:
    """Newest first (by id, the order of writing), past the entry ``after`` (keyset on the primary key),
    with the acting account's username; ``about_school`` narrows to one school's entries: those the
    log keeps under its id (``db.audit.school_of``), read backwards along ``ix_audit_log_school_id``."""
    query = (
        select(AuditEntry, User.username)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if after is not None:
        query = query.where(AuditEntry.id < after)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    if about_school is not None:
        query = query.where(AuditEntry.school_id == about_school)
    return list(session.execute(query).tuples())


def export_teacher_ids(session: Session, actor: Actor, *, school_id: int, group_id: int | None = None) -> list[int]:
    """The teachers a workbook lists: the school's (or the group's) that the actor may see, by 工号.
    Ids only: each sheet reads its teachers a slice at a time. Teachers who left are not listed."""
    query = select(Teacher.id).where(Teacher.school_id == school_id, Teacher.left_at.is_(None), teachers_where(actor))
    if group_id is not None:
        query = query.where(Teacher.group_id == group_id)
    return list(session.scalars(query.order_by(Teacher.staff_id, Teacher.id)))


def teachers_by_ids(session: Session, teacher_ids: Iterable[int]) -> list[Teacher]:
    """The teachers, by 工号 (as :func:`export_teacher_ids` lists them)."""
    query = select(Teacher).where(Teacher.id.in_(list(teacher_ids)))
    return list(session.scalars(query.order_by(Teacher.staff_id, Teacher.id)))


def selections_of(session: Session, teacher_ids: Iterable[int]) -> dict[int, PointSelection]:
    ids = list(teacher_ids)
    return {s.teacher_id: s for s in session.scalars(select(PointSelection).where(PointSelection.teacher_id.in_(ids)))}


def submissions_of(session: Session, teacher_ids: Iterable[int]) -> list[Submission]:
    ids = list(teacher_ids)
    return list(session.scalars(select(Submission).where(Submission.teacher_id.in_(ids)).order_by(Submission.id)))


def group_names(session: Session, group_ids: Iterable[int]) -> dict[int, str]:
    ids = list(group_ids)
    return {g.id: g.name for g in session.scalars(select(ResearchGroup).where(ResearchGroup.id.in_(ids)))}
