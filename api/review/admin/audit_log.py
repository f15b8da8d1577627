"""Reading the append-only audit log; there is deliberately nothing here that writes to it.

Admins read everything. A school administrator reads their school's entries: those about the
school (imports, setup) and about its teachers, groups, recordings and submissions, whoever made
them (a provincial reviewer's verdict, say), and those its people made about nothing of a school's
(``db.audit.school_of``, which files each entry under its school when it is written). Nobody else
reads the log.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.review.admin import repository
from api.review.admin.schemas import AuditEntryOut
from api.shared.access import ADMINS, require_role
from api.shared.keyset import Page, page_of
from domain.roles import Actor, Role

MAX_PAGE = 500


def entries(
    session: Session,
    actor: Actor,
    *,
    entity_type: str | None = None,
    entity_id: str | None = None,
    after: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[AuditEntryOut]:
    """Newest first, filtered by entity when asked, limited to what ``actor`` may read, past the entry
    ``after``; and the entry the next page starts after."""
    require_role(actor, ADMINS)
    if actor.role is Role.SCHOOL_ADMIN and actor.school_id is None:
        return Page([], None)  # a school admin whose school is gone reads nothing, not everything
    limit = min(limit, MAX_PAGE)
    rows = repository.audit_page(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        about_school=actor.school_id if actor.role is Role.SCHOOL_ADMIN else None,
        after=after,
        limit=limit + 1,
        offset=offset,
    )
    rows, next_key = page_of(rows, limit, lambda row: (row[0].id,))
    return Page(
        [
            AuditEntryOut.model_validate(entry, from_attributes=True).model_copy(update={"actor_username": username})
            for entry, username in rows
        ],
        next_key,
    )
