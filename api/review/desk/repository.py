"""Every query the school desk makes: the school's work in given states, its handed-over groups,
and the audit entries of its submissions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Integer, case, cast, func, select, true, tuple_
from sqlalchemy.orm import Session

from api.peer.repository import users_named
from api.review.submissions.repository import leads_own_group
from db.models import AuditEntry, GroupSubmission, ResearchGroup, Submission, Teacher, User
from domain.group_workflow import GroupState
from domain.workflow import State


def _school_work(school_id: int, states: Iterable[State], *, leaders_only: bool):
    """The school's submissions in ``states`` joined to their authors; only group leaders' own if asked."""
    query = (
        select(Submission, Teacher)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(
            Submission.school_id == school_id,
            Teacher.school_id == school_id,
            Submission.state.in_([s.value for s in states]),
        )
    )
    return query.where(leads_own_group()) if leaders_only else query


def work_page(
    session: Session,
    school_id: int,
    states: Iterable[State],
    *,
    leaders_only: bool = False,
    after: tuple[datetime, int] | None = None,
    limit: int,
) -> list[tuple[Submission, Teacher]]:
    """The school's submissions in ``states`` with their authors, longest waiting first, past ``after``
    (updated_at, id)."""
    query = _school_work(school_id, states, leaders_only=leaders_only)
    if after is not None:
        query = query.where(tuple_(Submission.updated_at, Submission.id) > tuple_(*after))
    return list(session.execute(query.order_by(Submission.updated_at, Submission.id).limit(limit)).tuples())


def work_count(session: Session, school_id: int, states: Iterable[State], *, leaders_only: bool = False) -> int:
    found = _school_work(school_id, states, leaders_only=leaders_only).with_only_columns(func.count(Submission.id))
    return session.scalar(found) or 0


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
    writing), past the entry ``after`` (keyset on the primary key), with the work and the actor.

    Read backwards along the school's own entries (``ix_audit_log_school_id``; each entry is filed under
    its work's school, ``db.audit.school_of``), each work found by its key. Matched through the school's
    works instead, a school whose entries are old walked the province's whole log (5.6-38 s, and over
    5 minutes at the largest school, on the generated province). The work's id is read from the entry
    as a number, inside a CASE so no other kind of entry's id is ever cast: compared as text, no index
    on the works serves the join. The works' own school is not asked again: it would only mislead the
    planner's estimate (55 ms at the largest school instead of 7). The page's actors are read after it,
    by key: joined, the planner hashed every account of a small province (the plan test's Seq Scan)."""
    work_id = case((AuditEntry.entity_type == "submission", cast(AuditEntry.entity_id, Integer)))
    query = (
        select(AuditEntry, Submission, Teacher)
        .join(Submission, Submission.id == work_id)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(
            AuditEntry.school_id == school_id,
            AuditEntry.entity_type == "submission",
            AuditEntry.action.in_(actions),
            AuditEntry.id < after if after is not None else true(),
        )
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = list(session.execute(query).tuples())
    actors = users_named(session, {entry.actor_id for entry, _, _ in rows if entry.actor_id is not None})
    return [(entry, work, teacher, actors.get(entry.actor_id)) for entry, work, teacher in rows]
