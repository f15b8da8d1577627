"""The query of ``pipeline.group_reopen``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import GroupSubmission


def hand_over(session: Session, group_id: int) -> GroupSubmission | None:
    """The group's hand-over row, read afresh (the caller holds the group's lock)."""
    return session.get(GroupSubmission, group_id, populate_existing=True)
