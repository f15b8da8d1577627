"""Every query the recordings feature makes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, not_, select, tuple_
from sqlalchemy.orm import Session

from api.shared.visibility import recordings_where
from db.models import Recording
from domain.recordings import RecordingKind
from domain.roles import Actor


def get(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


@dataclass(frozen=True)
class ListingFilters:
    kind: RecordingKind | None = None
    group_id: int | None = None
    accepted_despite_checks: bool | None = None  # True: accepted by a leader, checks failed; False: the others


def _filtered(query, filters: ListingFilters):
    if filters.kind is not None:
        query = query.where(Recording.kind == filters.kind.value)
    if filters.group_id is not None:
        query = query.where(Recording.group_id == filters.group_id)
    if filters.accepted_despite_checks is not None:
        flagged = and_(Recording.accepted_at.is_not(None), Recording.checks_ok.is_(False))
        query = query.where(flagged if filters.accepted_despite_checks else not_(flagged))
    return query


def visible_page(
    session: Session,
    actor: Actor,
    *,
    after: tuple[datetime, str] | None = None,
    limit: int,
    offset: int = 0,
    filters: ListingFilters = ListingFilters(),
) -> list[Recording]:
    """The actor's recordings (``api.shared.visibility.recordings_where``), newest first, id breaking
    ties: those past the key ``after`` (keyset; ``ix_recordings_created_at_id`` walks it backwards)."""
    query = _filtered(select(Recording).where(recordings_where(actor)), filters)
    if after is not None:
        query = query.where(tuple_(Recording.created_at, Recording.id) < tuple_(*after))
    query = query.order_by(Recording.created_at.desc(), Recording.id.desc())
    return list(session.scalars(query.limit(limit).offset(offset)))
