"""The append-only audit log's one writer: who did what to which row, when, from which state to which, and why.

The API records its users' acts through ``api.shared.audit`` (which names the actor); the
pipeline records what happens on the workers' side (a group reopened by a re-identification,
with no actor) through this same function, so every entry is made one way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from db import bulk
from db.base import utcnow
from db.models import AuditEntry


def _text(value: Enum | str | None) -> str | None:
    return value.value if isinstance(value, Enum) else value


def write(
    session: Session,
    *,
    entity_type: str,
    entity_id: str | int,
    actor_id: int | None,
    action: Enum | str,
    from_state: Enum | str | None = None,
    to_state: Enum | str | None = None,
    reason: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        entity_type=entity_type,
        entity_id=str(entity_id),
        actor_id=actor_id,
        action=_text(action),
        from_state=_text(from_state),
        to_state=_text(to_state),
        reason=reason,
        at=utcnow(),
    )
    session.add(entry)
    return entry


@dataclass(frozen=True, slots=True)
class Written:
    """An entry :func:`write_all` sent, as recorded but without its id (nothing reads it back): a
    plain record, as a sampling round's 13,000 ORM objects cost half a second to build."""

    entity_type: str
    entity_id: str
    actor_id: int | None
    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    at: datetime


def write_all(session: Session, entries: Sequence[Mapping[str, Any]]) -> list[Written]:
    """:func:`write` for many entries (``write``'s keyword arguments each) in one INSERT.

    The ORM inserts audit rows one at a time where it must read their ids back (SQLite); a
    sampling round writes thousands and nothing reads their ids, so these are sent as one
    statement (``db.bulk.insert_all``) and returned as :class:`Written` records, without ids.
    """
    at = utcnow()
    rows = [
        {
            "entity_type": e["entity_type"],
            "entity_id": str(e["entity_id"]),
            "actor_id": e["actor_id"],
            "action": _text(e["action"]),
            "from_state": _text(e.get("from_state")),
            "to_state": _text(e.get("to_state")),
            "reason": e.get("reason"),
            "at": at,
        }
        for e in entries
    ]
    bulk.insert_all(session, AuditEntry.__table__, rows)
    return [Written(**row) for row in rows]
