"""Rows of a research group that the API and the workers both read and lock: its hand-over to the
school, and a group-session recording under the group's lock.

The lock order is written once here: the group's row, then the recording's. The API (a leader's
acceptance, deletion, re-run) and the workers (an analysis or identification recording its result,
which may reopen the group) take both, so taking them in one order everywhere keeps them from
deadlocking one another on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import GroupSubmission, Recording, ResearchGroup


def hand_over(session: Session, group_id: int, *, fresh: bool = False) -> GroupSubmission | None:
    """The group's hand-over row (none until its first submission); ``fresh`` re-reads it under a lock."""
    return session.get(GroupSubmission, group_id, populate_existing=fresh)


def lock_group_session(session: Session, group_id: int | None, recording_id: str) -> Recording | None:
    """The recording, read afresh under its row lock, taken after its group's (None once deleted)."""
    if group_id is not None:
        session.get(ResearchGroup, group_id, with_for_update=True, populate_existing=True)
    return session.get(Recording, recording_id, with_for_update=True, populate_existing=True)
