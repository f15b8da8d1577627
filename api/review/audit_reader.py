"""Reading the append-only audit log; there is deliberately nothing here that writes to it.

Admins read everything. A school administrator reads entries made by their school's people,
entries about their school (imports, setup) and about their school's submissions, whoever
made them (a provincial reviewer's verdict, say). Nobody else reads the log.
"""

from __future__ import annotations

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from api.review.admin_access import ADMINS, require_role
from api.review.schemas_admin import AuditEntryOut
from db.models import AuditEntry, Submission, Teacher, User
from domain.roles import Actor, Role

MAX_PAGE = 500


def entries(
    session: Session,
    actor: Actor,
    *,
    entity_type: str | None = None,
    entity_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEntryOut]:
    """Newest first, filtered by entity when asked, limited to what ``actor`` may read."""
    require_role(actor, ADMINS)
    query = (
        select(AuditEntry, User.username)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .order_by(AuditEntry.id.desc())
        .limit(min(limit, MAX_PAGE))
        .offset(offset)
    )
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor.role is Role.SCHOOL_ADMIN:
        query = query.where(_about_school(actor.school_id))
    return [
        AuditEntryOut(
            id=entry.id,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            actor_id=entry.actor_id,
            actor_username=username,
            action=entry.action,
            from_state=entry.from_state,
            to_state=entry.to_state,
            reason=entry.reason,
            at=entry.at,
        )
        for entry, username in session.execute(query)
    ]


def _about_school(school_id: int | None):
    people = select(User.id).where(User.school_id == school_id)
    submissions = (
        select(cast(Submission.id, String))
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Teacher.school_id == school_id)
    )
    return or_(
        AuditEntry.actor_id.in_(people),
        (AuditEntry.entity_type == "school") & (AuditEntry.entity_id == str(school_id)),
        (AuditEntry.entity_type == "submission") & AuditEntry.entity_id.in_(submissions),
    )
