"""The append-only audit log's one writer: who did what to which row, when, from which state to which, and why.

The API records its users' acts through ``api.shared.audit`` (which names the actor); the
pipeline records what happens on the workers' side (a group reopened by a re-identification,
with no actor) through this same function, so every entry is made one way.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy.orm import Session

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
