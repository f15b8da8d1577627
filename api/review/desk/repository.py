"""Every query the school desk makes: the school's work in given states, its handed-over groups,
and the audit entries of its submissions."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import String, cast, select, true
from sqlalchemy.orm import Session

from db.models import AuditEntry, GroupSubmission, ResearchGroup, Submission, Teacher, User
from domain.group_workflow import GroupState
from domain.workflow import State


def work_in(session: Session, school_id: int, states: Iterable[State]) -> list[tuple[Submission, Teacher]]:
    """The school's submissions in ``states`` with their authors, longest waiting first."""
    query = (
        select(Submission, Teacher)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Teacher.school_id == school_id, Submission.state.in_([s.value for s in states]))
        .order_by(Submission.updated_at, Submission.id)
    )
    return list(session.execute(query).tuples())


def groups_submitted(session: Session, school_id: int) -> list[tuple[ResearchGroup, GroupSubmission]]:
    """The school's groups whose hand-over is submitted (awaiting the school), earliest first."""
    query = (
        select(ResearchGroup, GroupSubmission)
        .join(GroupSubmission, GroupSubmission.group_id == ResearchGroup.id)
        .where(ResearchGroup.school_id == school_id, GroupSubmission.state == GroupState.SUBMITTED.value)
        .order_by(GroupSubmission.submitted_at, ResearchGroup.id)
    )
    return list(session.execute(query).tuples())


def history_page(
    session: Session, school_id: int, *, actions: tuple[str, ...], after: int | None = None, limit: int, offset: int = 0
) -> list[tuple[AuditEntry, Submission, Teacher, User | None]]:
    """Audit entries of ``actions`` on the school's submissions, newest first (by id, the log's order of
    writing), past the entry ``after`` (keyset on the primary key), with the work and the actor."""
    query = (
        select(AuditEntry, Submission, Teacher, User)
        .join(Submission, cast(Submission.id, String) == AuditEntry.entity_id)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(
            AuditEntry.entity_type == "submission",
            AuditEntry.action.in_(actions),
            Teacher.school_id == school_id,
            AuditEntry.id < after if after is not None else true(),
        )
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(query).tuples())
