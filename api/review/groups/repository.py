"""Every query the group hand-over makes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import GroupSubmission


def hand_over(session: Session, group_id: int, *, fresh: bool = False) -> GroupSubmission | None:
    """The group's hand-over row (none until its first submission); ``fresh`` re-reads it under a lock."""
    return session.get(GroupSubmission, group_id, populate_existing=fresh)
