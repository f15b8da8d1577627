"""School desk routes (school_admin of the school, or admin).

GET /api/schools/{id}/desk      leaders' own work to grade, groups handed over, 优秀 to forward; counts
GET /api/schools/{id}/history   forwards, returns, confirmations, downgrades (?action=&limit=&after=)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import CurrentActor, DbSession
from api.review.desk import service
from api.review.desk.schemas import SchoolDeskOut, SchoolHistoryEntryOut
from api.shared import keyset
from domain.school_desk import HistoryAction

router = APIRouter(prefix="/api/schools/{school_id}", tags=["review"])
HISTORY = keyset.Keyset("school_history", int)  # audit entry id, newest first


@router.get("/desk", response_model=SchoolDeskOut)
def school_desk(school_id: int, session: DbSession, actor: CurrentActor) -> SchoolDeskOut:
    return service.desk(session, actor, school_id)


@router.get("/history", response_model=list[SchoolHistoryEntryOut])
def school_history(
    school_id: int,
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(HISTORY.after)],
    action: HistoryAction | None = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_HISTORY_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, deprecated=True, description=keyset.OFFSET_DOC)] = 0,
) -> list[SchoolHistoryEntryOut]:
    """Newest first; the next page's cursor in ``X-Next-After``."""
    page = service.history(
        session, actor, school_id, action=action, after=after[0] if after else None, limit=limit, offset=offset
    )
    HISTORY.send_next(request, response, page.next_key)
    return page.items
