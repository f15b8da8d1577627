"""School desk routes (school_admin of the school, or admin).

GET /api/schools/{id}/desk      leaders' own work to grade, groups handed over, 优秀 to forward; counts
GET /api/schools/{id}/desk/{leaders-work|to-forward}   the next page of a desk list (?after=&limit=)
GET /api/schools/{id}/history   forwards, returns, confirmations, downgrades (?action=&limit=&after=)
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import CurrentActor, DbSession
from api.review.desk import service
from api.review.desk.schemas import DeskWorkOut, SchoolDeskOut, SchoolHistoryEntryOut
from api.shared import keyset
from domain.keyset import MAX_TOKEN
from domain.school_desk import HistoryAction

router = APIRouter(prefix="/api/schools/{school_id}", tags=["review"])
HISTORY = keyset.Keyset("school_history", int)  # audit entry id, newest first
DESK_LISTS = {listed: keyset.Keyset(f"desk_{listed.value}", datetime, int) for listed in service.DeskList}


def _desk_after(
    request: Request,
    listed: service.DeskList,
    after: Annotated[str | None, Query(max_length=MAX_TOKEN, description=keyset.AFTER_DOC)] = None,
) -> tuple | None:
    """The cursor of the list named in the path (a cursor of the other list is refused)."""
    return DESK_LISTS[listed].after(request, after)


@router.get("/desk", response_model=SchoolDeskOut)
def school_desk(school_id: int, request: Request, session: DbSession, actor: CurrentActor) -> SchoolDeskOut:
    return service.desk(session, actor, school_id, cursor=lambda listed, key: DESK_LISTS[listed].token(request, key))


@router.get("/desk/{listed}", response_model=list[DeskWorkOut])
def school_desk_work(
    school_id: int,
    listed: service.DeskList,
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(_desk_after)],
    limit: Annotated[int, Query(ge=1, le=service.MAX_DESK_PAGE)] = service.DESK_PAGE,
) -> list[DeskWorkOut]:
    """The next page of a desk list (``after``: the desk's ``…_next`` or this route's ``X-Next-After``)."""
    page = service.desk_work(session, actor, school_id, listed, after=after, limit=limit)
    DESK_LISTS[listed].send_next(request, response, page.next_key)
    return page.items


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
