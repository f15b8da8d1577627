"""Every query the submissions feature makes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.repository import lock_group, locked
from api.shared.visibility import submissions_where, submissions_with_teachers
from db import bulk
from db.models import AuditEntry, Recording, Submission, SubmissionDocument, Teacher, User
from domain.roles import Actor, Role
from domain.workflow import State


def get(session: Session, submission_id: int) -> Submission | None:
    return session.get(Submission, submission_id)


def lock(session: Session, submission_id: int) -> Submission | None:
    """Lock the submission's group first (its quota), then the submission itself."""
    group_id = session.scalar(
        select(Teacher.group_id)
        .join(Submission, Submission.teacher_id == Teacher.id)
        .where(Submission.id == submission_id)
    )
    lock_group(session, group_id)
    return locked(session, select(Submission).where(Submission.id == submission_id)).one_or_none()


def teachers(session: Session, teacher_ids: Iterable[int]) -> dict[int, Teacher]:
    ids = set(teacher_ids)
    if not ids:
        return {}
    return {t.id: t for t in session.scalars(select(Teacher).where(bulk.ids_in(session, Teacher.id, ids)))}


def visible_page(
    session: Session,
    actor: Actor,
    *,
    state: State | None = None,
    teacher_id: int | None = None,
    group_id: int | None = None,
    oldest_first: bool = False,
    after: int | None = None,
    limit: int,
    offset: int = 0,
) -> list[Submission]:
    """The submissions ``actor`` may see (``api.shared.visibility.submissions_where``), filtered, by id
    (newest first unless ``oldest_first``): those past the id ``after`` (keyset on the primary key)."""
    query = submissions_with_teachers().where(submissions_where(actor))
    if state is not None:
        query = query.where(Submission.state == state.value)
    if teacher_id is not None:
        query = query.where(Submission.teacher_id == teacher_id)
    if group_id is not None:
        query = query.where(Teacher.group_id == group_id)
    if after is not None:
        query = query.where(Submission.id > after if oldest_first else Submission.id < after)
    order = Submission.id if oldest_first else Submission.id.desc()
    return list(session.scalars(query.order_by(order).limit(limit).offset(offset)))


def id_for_point(session: Session, teacher_id: int, code: str) -> int | None:
    return session.scalar(
        select(Submission.id).where(Submission.teacher_id == teacher_id, Submission.capability_code == code)
    )


def recording(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


def _leader_account():
    """An active group-leader account linked to ``Teacher`` and to their group (the roster import makes
    exactly that link for a 教研组长 row): conditions over ``User`` and ``Teacher``."""
    return (
        User.teacher_id == Teacher.id,
        User.role == Role.GROUP_LEADER.value,
        User.is_active.is_(True),
        User.group_id == Teacher.group_id,
    )


def leads_own_group():
    """Over ``Teacher``: the teacher leads the group they belong to."""
    return select(User.id).where(*_leader_account()).exists()


def leaders_among(session: Session, teacher_ids: Iterable[int]) -> set[int]:
    """The teachers of ``teacher_ids`` who lead the group they belong to (one query for a page; read from
    the accounts' side, which 13,000 teachers of a sampling round reach by their index)."""
    ids = set(teacher_ids)
    if not ids:
        return set()
    query = select(User.teacher_id).join(Teacher, Teacher.id == User.teacher_id)
    return set(session.scalars(query.where(bulk.ids_in(session, User.teacher_id, ids), *_leader_account())))


def documents_of(session: Session, submission_id: int) -> list[SubmissionDocument]:
    query = select(SubmissionDocument).where(SubmissionDocument.submission_id == submission_id)
    return list(session.scalars(query.order_by(SubmissionDocument.created_at, SubmissionDocument.id)))


def document(session: Session, document_id: str) -> SubmissionDocument | None:
    return session.get(SubmissionDocument, document_id)


def history(session: Session, submission_id: int) -> list[tuple[AuditEntry, str | None]]:
    """The submission's audit entries, oldest first, each with the role of whoever acted."""
    return list(
        session.execute(
            select(AuditEntry, User.role)
            .outerjoin(User, User.id == AuditEntry.actor_id)
            .where(AuditEntry.entity_type == "submission", AuditEntry.entity_id == str(submission_id))
            .order_by(AuditEntry.id)
        ).tuples()
    )
