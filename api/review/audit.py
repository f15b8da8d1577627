"""The one place a submission's state changes, and the append-only audit log it writes.

Every route that moves a submission calls :func:`apply_transition`: it asks
``domain.workflow.transition`` whether the move is legal for this actor, assigns the new
state, and appends who/when/from/to/why to ``audit_log`` in the same transaction.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden
from db.base import utcnow
from db.models import AuditEntry, Submission
from domain import review_reasons as rr
from domain.roles import Actor
from domain.workflow import Action, Authorship, State, TransitionRefused, transition

# Who may never make this move on this work → 403; the rest (not from this state) → 409.
_ROLE_REFUSALS = {rr.WORKFLOW_ROLE_NOT_ALLOWED.code, rr.WORKFLOW_OWN_WORK.code, rr.WORKFLOW_LEADER_WORK.code}


def record(
    session: Session,
    *,
    entity_type: str,
    entity_id: str | int,
    actor: Actor | None,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        entity_type=entity_type,
        entity_id=str(entity_id),
        actor_id=actor.user_id if actor else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        at=utcnow(),
    )
    session.add(entry)
    return entry


def apply_transition(
    session: Session,
    submission: Submission,
    action: Action,
    *,
    actor: Actor,
    reason: str | None = None,
    group_quota_met: bool | None = None,
    authorship: Authorship = Authorship(),
) -> AuditEntry:
    """Move ``submission`` by ``action`` or raise 403 (wrong role, own work) / 409 (illegal now)."""
    try:
        moved = transition(
            State(submission.state),
            action,
            actor_role=actor.role,
            reason=reason,
            group_quota_met=group_quota_met,
            authorship=authorship,
        )
    except TransitionRefused as refused:
        error = Forbidden if refused.reason.code in _ROLE_REFUSALS else Conflict
        raise error(refused.reason) from None
    submission.state = moved.state.value
    submission.updated_at = utcnow()
    return record(
        session,
        entity_type="submission",
        entity_id=submission.id,
        actor=actor,
        action=action.value,
        from_state=moved.audit.from_state.value,
        to_state=moved.audit.to_state.value,
        reason=moved.audit.reason,
    )
