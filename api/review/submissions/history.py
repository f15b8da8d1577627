"""A submission's history for the people who may see it: every move with its reason.

The return and downgrade reasons tell a teacher what to fix, but the audit log itself is for
administrators (``api.review.admin``). This reads only the entries about one submission the
actor can already see, and names the role that acted, not the account.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.review.submissions import repository, service
from api.review.submissions.schemas import HistoryEntryOut
from domain.roles import Actor


def history(session: Session, actor: Actor, submission_id: int) -> list[HistoryEntryOut]:
    """Oldest first; 404 when the submission is not the actor's to see."""
    submission = service.get_visible(session, actor, submission_id)
    return [
        HistoryEntryOut.model_validate(entry, from_attributes=True).model_copy(update={"by_role": role})
        for entry, role in repository.history(session, submission.id)
    ]
