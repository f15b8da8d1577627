"""Every query the recordings feature makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.visibility import recordings_where
from db.models import Recording
from domain.roles import Actor


def get(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


def visible_page(session: Session, actor: Actor, *, limit: int, offset: int) -> list[Recording]:
    """The actor's recordings, newest first (``api.shared.visibility.recordings_where``)."""
    query = select(Recording).where(recordings_where(actor)).order_by(Recording.created_at.desc(), Recording.id)
    return list(session.scalars(query.limit(limit).offset(offset)))
