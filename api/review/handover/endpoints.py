"""The school's hand-over routes (学校提交).

GET  /api/schools/{id}/handover              the state, the counts, what is missing, what changed since
                                             (the school's admin, provincial reviewers, admin)
POST /api/schools/{id}/handover              the school's admin hands over; 409 with what is missing
GET  /api/schools/{id}/handover/package.zip  the ZIP the school uploads to the provincial platform
                                             (a draft before the hand-over; same readers)
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import Context, CurrentActor, DbSession
from api.review.admin.exports import content_disposition
from api.review.handover import package, service
from api.review.handover.schemas import HandoverOut
from db.base import utcnow

router = APIRouter(prefix="/api/schools/{school_id}/handover", tags=["review"])


@router.get("", response_model=HandoverOut)
def get_handover(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> HandoverOut:
    return service.status(session, ctx, actor, school_id)


@router.post("", response_model=HandoverOut)
def hand_over(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> HandoverOut:
    return service.hand_over(session, ctx, actor, school_id)


@router.get("/package.zip")
def handover_package(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> Response:
    now = utcnow()
    data, names = service.package(session, ctx, actor, school_id, now=now)
    headers = {"Content-Disposition": content_disposition(*names), "Cache-Control": "no-store"}
    return Response(data, media_type=package.ZIP_TYPE, headers=headers)
