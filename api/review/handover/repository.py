"""Every query of the school's hand-over: its row (locked), what changed since, and the works it hands over."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from api.shared.repository import locked
from db.models import (
    AuditEntry,
    Recording,
    ResearchGroup,
    School,
    SchoolHandover,
    Submission,
    SubmissionDocument,
    Teacher,
    User,
)
from domain.school_handover import COUNTED_STATES
from domain.workflow import Action, State

_COUNTED = sorted(s.value for s in COUNTED_STATES)


def handover(session: Session, school_id: int) -> SchoolHandover | None:
    return session.get(SchoolHandover, school_id)


def lock(session: Session, school_id: int) -> SchoolHandover | None:
    """The school's row lock, then its hand-over row read fresh under it (none before the first hand-over).

    The school's row always exists, so two clicks at once queue on it even before the first
    hand-over row is written; the second then reads the first one's result.
    """
    locked(session, select(School.id).where(School.id == school_id)).one_or_none()
    return locked(session, select(SchoolHandover).where(SchoolHandover.school_id == school_id)).one_or_none()


def user_name(session: Session, user_id: int | None) -> str | None:
    return session.scalar(select(User.display_name).where(User.id == user_id)) if user_id is not None else None


def _school_moves(school_id: int, action: Action, since: datetime, *, now_in: tuple[State, ...] = ()):
    """The school's works (those now in ``now_in`` only, when given) with ``action`` logged after ``since``.

    The log files each entry under its school (``db.audit.school_of``), so this reads the school's
    moves of one kind from ``ix_audit_log_school_action_at`` rather than matching the log against
    the school's every work (32,000 ids hashed at the generated province's largest school)."""
    query = select(func.count(func.distinct(AuditEntry.entity_id))).where(
        AuditEntry.school_id == school_id,
        AuditEntry.action == action.value,
        AuditEntry.at > since,
        AuditEntry.entity_type == "submission",
    )
    if now_in:
        states = [state.value for state in now_in]
        works = select(cast(Submission.id, String)).where(Submission.school_id == school_id)
        works = works.where(Submission.state.in_(states))
        query = query.where(AuditEntry.entity_id.in_(works))
    return query


def downgraded_since(session: Session, school_id: int, since: datetime) -> int:
    """The school's works the province downgraded after ``since`` and that are still downgraded."""
    return session.scalar(_school_moves(school_id, Action.DOWNGRADE, since, now_in=(State.DOWNGRADED,))) or 0


def forwarded_since(session: Session, school_id: int, since: datetime) -> int:
    return session.scalar(_school_moves(school_id, Action.FORWARD, since)) or 0


def handed_over_works(
    session: Session, school_id: int
) -> list[tuple[Submission, Teacher, ResearchGroup | None, Recording | None]]:
    """The school's forwarded, still-优秀 works with their authors, groups and lessons, by subject and 工号."""
    query = (
        select(Submission, Teacher, ResearchGroup, Recording)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .outerjoin(ResearchGroup, ResearchGroup.id == Teacher.group_id)
        .outerjoin(Recording, Recording.id == Submission.recording_id)
        .where(Submission.school_id == school_id, Teacher.school_id == school_id, Submission.state.in_(_COUNTED))
        .order_by(Teacher.subject, Teacher.staff_id, Submission.capability_code, Submission.id)
    )
    return list(session.execute(query).tuples())


def forwarded_at(session: Session, submission_ids: Iterable[int]) -> dict[int, datetime]:
    """When each work was last forwarded (its audit entry)."""
    ids = [str(i) for i in submission_ids]
    rows = session.execute(
        select(AuditEntry.entity_id, func.max(AuditEntry.at))
        .where(
            AuditEntry.entity_type == "submission",
            AuditEntry.action == Action.FORWARD.value,
            AuditEntry.entity_id.in_(ids),
        )
        .group_by(AuditEntry.entity_id)
    )
    return {int(entity_id): at for entity_id, at in rows.all()}


def documents_of(session: Session, submission_ids: Iterable[int]) -> dict[int, list[SubmissionDocument]]:
    found: dict[int, list[SubmissionDocument]] = {}
    query = (
        select(SubmissionDocument)
        .where(SubmissionDocument.submission_id.in_(list(submission_ids)))
        .order_by(SubmissionDocument.created_at, SubmissionDocument.id)
    )
    for document in session.scalars(query):
        found.setdefault(document.submission_id, []).append(document)
    return found
