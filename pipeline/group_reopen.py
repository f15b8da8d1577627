"""Reopen a submitted group's hand-over, saying why: the one writer of a reopening.

A group's submission stands on its work as it was when the leader handed it over. When part of
that no longer stands — a member's work came back to the group (``api.review.groups``), or a
session recording that counted stopped counting (a photo removed, an acceptance withdrawn:
issue 16) — the hand-over reopens, and the leader and the school admin read why on the group's
status. The API and the workers both reopen through here, in the transaction of the change.
"""

from __future__ import annotations

from db import audit
from db.base import utcnow
from db.state import apply, current
from domain.group_workflow import GROUPS, GroupEvent
from pipeline.group_repository import hand_over


def reopen(session, group_id: int | None, *, reason: str, actor_id: int | None) -> bool:
    """Reopen the group's hand-over if it is submitted; whether it did. The caller holds the group's lock."""
    row = hand_over(session, group_id, fresh=True) if group_id is not None else None
    if row is None or not GROUPS.allows(current(row, GROUPS), GroupEvent.REOPEN):
        return False
    move = apply(row, GROUPS, GroupEvent.REOPEN)
    row.reopened_at, row.reopen_reason = utcnow(), reason
    audit.write(
        session,
        entity_type="group",
        entity_id=group_id,
        actor_id=actor_id,
        action=GroupEvent.REOPEN,
        from_state=move.from_state,
        to_state=move.to_state,
        reason=reason,
    )
    return True
