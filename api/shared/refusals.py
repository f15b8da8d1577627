"""Refusals that list every broken rule, and concurrency as 409.

The rules return tuples of bilingual reasons; :func:`violations` renders them for the
``error.violations`` field so a client can show every problem at once. A lost race (a row's
version moved, a duplicate insert) becomes one bilingual 409, wherever it surfaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.errors import ApiError, Conflict, Forbidden, Unprocessable
from domain import review_api_reasons as ar
from domain import review_reasons as rr
from domain.reasons import Reason


def violations(reasons: Iterable[Reason]) -> dict:
    return {"violations": [r.as_dict() for r in reasons]}


def refuse_all(summary: Reason, found: tuple[Reason, ...]) -> Unprocessable:
    """A 422 whose code summarises and whose ``violations`` explain each broken rule."""
    return Unprocessable(summary.format(count=len(found)), extra=violations(found))


_FORBIDDING = {
    rr.SELECTION_ROLE_NOT_ALLOWED.code,
    rr.SELECTION_APPROVER_NOT_ADMIN.code,
    rr.WORKFLOW_ROLE_NOT_ALLOWED.code,
}


def refuse_authority(found: tuple[Reason, ...]) -> ApiError:
    """A role that may never do this → 403; the right role at the wrong time → 409."""
    extra = violations(found)
    if any(r.code in _FORBIDDING for r in found):
        first = next(r for r in found if r.code in _FORBIDDING)
        return Forbidden(first, extra=extra)
    return Conflict(found[0] if len(found) == 1 else ar.SELECTION_NOT_ALLOWED_NOW, extra=extra)


def check_version(current: int, given: int | None) -> None:
    """Optimistic locking from the client: a version it read must still be the current one."""
    if given is not None and given != current:
        raise Conflict(ar.STALE_VERSION.format(current=current, given=given), extra={"current_version": current})


@contextmanager
def conflicts_as_409() -> Iterator[None]:
    """Translate a lost race (version_id_col mismatch, duplicate insert) into a bilingual 409."""
    try:
        yield
    except (StaleDataError, IntegrityError) as exc:
        raise Conflict(ar.CONCURRENT_CHANGE) from exc


def flush(session: Session) -> None:
    """Write pending changes now, so a lost race surfaces here as a 409 and not at commit."""
    with conflicts_as_409():
        session.flush()
