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
from db.models import AuditEntry, Recording, ResearchGroup, Submission, Teacher, User

# The row each kind of entry is about, whose school the entry belongs to. An entry about anything
# else (a catalogue, a sign-in name) belongs to its actor's school, or to none.
_ABOUT = {
    "submission": Submission,
    "recording": Recording,
    "group": ResearchGroup,
    "teacher": Teacher,
    "selection": Teacher,  # a teacher's choice of points, by teacher id
    "user": User,
}


def school_of(session: Session, entity_type: str, entity_id: str | int, actor_id: int | None) -> int | None:
    """The school an entry is about, kept on the row so a school admin's page reads its own entries by
    index (``ix_audit_log_school_id``) instead of walking the province's whole log to find them: the
    school itself, else the school of the row it is about, else its actor's school.

    The row is looked up by key (``session.get``, usually already in the session: the caller has just
    changed it). Kept on the entry, the school outlives the row: an entry about a work deleted since
    still shows on its school's page."""
    if entity_type == "school":
        return _int(entity_id)
    model = _ABOUT.get(entity_type)
    key = entity_id if model is Recording else _int(entity_id)
    about = session.get(model, key) if model is not None and key is not None else None
    if about is not None and about.school_id is not None:
        return about.school_id
    actor = session.get(User, actor_id) if actor_id is not None else None
    return actor.school_id if actor is not None else None


def _int(value: str | int) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


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
        school_id=school_of(session, entity_type, entity_id, actor_id),
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
    school_id: int | None


def write_all(session: Session, entries: Sequence[Mapping[str, Any]]) -> list[Written]:
    """:func:`write` for many entries (``write``'s keyword arguments each) in one INSERT; an entry
    may carry its ``school_id`` (a round's works know their authors' schools), else it is looked up.

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
            "school_id": e["school_id"]
            if "school_id" in e
            else school_of(session, e["entity_type"], e["entity_id"], e["actor_id"]),
        }
        for e in entries
    ]
    bulk.insert_all(session, AuditEntry.__table__, rows)
    return [Written(**row) for row in rows]
