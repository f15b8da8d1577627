"""The API's entries in the append-only audit log: who did what to which row, from which state to which, and why.

Every state change and every administrative write records an entry in the same transaction
as the change itself; reading the log is the admin feature's (``api.review.admin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from sqlalchemy.orm import Session

from db import audit as audit_log
from db.models import AuditEntry
from db.state import Move
from domain.roles import Actor


def record(
    session: Session,
    *,
    entity_type: str,
    entity_id: str | int,
    actor: Actor | None,
    action: Enum | str,
    from_state: Enum | str | None = None,
    to_state: Enum | str | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """An entry for ``actor``'s act (``db.audit.write``, the log's one writer)."""
    return audit_log.write(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        actor_id=actor.user_id if actor else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )


def record_move(
    session: Session, actor: Actor, entity: tuple[str, str | int], action: Enum | str, move: Move, *, reason=None
) -> AuditEntry:
    """A state change of ``entity`` (type, id): the action that made it, from which state to which."""
    entity_type, entity_id = entity
    states = {"from_state": move.from_state, "to_state": move.to_state}
    return record(
        session, entity_type=entity_type, entity_id=entity_id, actor=actor, action=action, reason=reason, **states
    )


def record_moves(
    session: Session,
    actor: Actor,
    entity_type: str,
    moves: Sequence[tuple[str | int, Enum | str, Move, str | None, int]],
) -> list[audit_log.Written]:
    """:func:`record_move` for many rows of one type, each (id, action, move, reason, the row's school),
    in one insert: the caller knows each row's school, so none is looked up."""
    return audit_log.write_all(
        session,
        [
            {
                "entity_type": entity_type,
                "entity_id": entity_id,
                "actor_id": actor.user_id,
                "action": action,
                "from_state": move.from_state,
                "to_state": move.to_state,
                "reason": reason,
                "school_id": school_id,
            }
            for entity_id, action, move, reason, school_id in moves
        ],
    )
