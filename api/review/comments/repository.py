"""Every query the comments feature makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import TimedComment, User


def of_recording(session: Session, recording_id: str) -> list[TimedComment]:
    return list(
        session.scalars(
            select(TimedComment)
            .where(TimedComment.recording_id == recording_id)
            .order_by(TimedComment.at_s, TimedComment.id)
        )
    )


def get(session: Session, comment_id: int) -> TimedComment | None:
    return session.get(TimedComment, comment_id)


def authors(session: Session, user_ids: set[int]) -> dict[int, User]:
    """The authors of a page of comments, in one query, so each comment can say who wrote it."""
    if not user_ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
