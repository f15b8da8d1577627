"""Row locks for review changes: SELECT … FOR UPDATE, re-reading the row under the lock.

PostgreSQL holds the lock until the request's transaction ends, so a second request for the
same row waits and then sees the first one's committed result. SQLite has no row locks
(SQLAlchemy omits the clause) but allows one writer at a time, and the version columns catch
whatever slips through. ``populate_existing`` matters: a row already in the session would
otherwise keep the values read before the lock was granted.

Lock order, always: research group → teacher → selection / submission. Every change that can
move a group's 优秀 count takes the group's lock first, so quota checks never read a count
another transaction is about to change.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.models import ResearchGroup, Submission, Teacher


def locked(session: Session, statement: Select):
    """Run ``statement`` with FOR UPDATE and fresh attributes; returns the scalar result."""
    return session.scalars(statement.with_for_update().execution_options(populate_existing=True))


def lock_group(session: Session, group_id: int | None) -> ResearchGroup | None:
    if group_id is None:
        return None
    return locked(session, select(ResearchGroup).where(ResearchGroup.id == group_id)).one_or_none()


def lock_teacher(session: Session, teacher_id: int) -> Teacher | None:
    return locked(session, select(Teacher).where(Teacher.id == teacher_id)).one_or_none()


def lock_submission(session: Session, submission_id: int) -> Submission | None:
    """Lock the submission's group first (its quota), then the submission itself."""
    group_id = session.scalar(
        select(Teacher.group_id)
        .join(Submission, Submission.teacher_id == Teacher.id)
        .where(Submission.id == submission_id)
    )
    lock_group(session, group_id)
    return locked(session, select(Submission).where(Submission.id == submission_id)).one_or_none()
