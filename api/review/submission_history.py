"""A submission's history for the people who may see it: every move with its reason.

The return and downgrade reasons tell a teacher what to fix, but the audit log itself is for
administrators (``audit_reader``). This reads only the entries about one submission the actor
can already see, and names the role that acted, not the account.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.review import scope
from api.review.schemas_ui_reads import HistoryEntryOut
from db.models import AuditEntry, User
from domain.roles import Actor


def history(session: Session, actor: Actor, submission_id: int) -> list[HistoryEntryOut]:
    """Oldest first; 404 when the submission is not the actor's to see."""
    submission = scope.visible_submission(session, actor, submission_id)
    rows = session.execute(
        select(AuditEntry, User.role)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.entity_type == "submission", AuditEntry.entity_id == str(submission.id))
        .order_by(AuditEntry.id)
    )
    return [
        HistoryEntryOut(
            action=entry.action,
            from_state=entry.from_state,
            to_state=entry.to_state,
            reason=entry.reason,
            by_role=role,
            at=entry.at,
        )
        for entry, role in rows
    ]
