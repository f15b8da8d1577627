"""School desk routes (school_admin of the school, or admin).

GET /api/schools/{id}/desk      leaders' own work to grade, groups handed over, 优秀 to forward; counts
GET /api/schools/{id}/history   forwards, returns, confirmations, downgrades (?action=&limit=&offset=)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentActor, DbSession
from api.review.desk import service
from api.review.desk.schemas import SchoolDeskOut, SchoolHistoryEntryOut
from domain.school_desk import HistoryAction

router = APIRouter(prefix="/api/schools/{school_id}", tags=["review"])


@router.get("/desk", response_model=SchoolDeskOut)
def school_desk(school_id: int, session: DbSession, actor: CurrentActor) -> SchoolDeskOut:
    return service.desk(session, actor, school_id)


@router.get("/history", response_model=list[SchoolHistoryEntryOut])
def school_history(
    school_id: int,
    session: DbSession,
    actor: CurrentActor,
    action: HistoryAction | None = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_HISTORY_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[SchoolHistoryEntryOut]:
    return service.history(session, actor, school_id, action=action, limit=limit, offset=offset)
