"""The province's calibration and progress routes (provincial_reviewer and admin; 403 others).

GET /api/province/calibration?by=school|group   sampled 优秀 confirmed / downgraded / pending and the
                                                criterion-level agreement with the leaders, per unit
GET /api/province/progress                      every school's hand-over and 优秀 rate, with totals
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.calibration import service
from api.review.calibration.schemas import CalibrationRowOut, ProgressOut

router = APIRouter(prefix="/api/province", tags=["review"])


@router.get("/calibration", response_model=list[CalibrationRowOut])
def province_calibration(
    session: DbSession, actor: CurrentActor, by: service.Unit = "school"
) -> list[CalibrationRowOut]:
    return service.calibration(session, actor, by=by)


@router.get("/progress", response_model=ProgressOut)
def province_progress(session: DbSession, ctx: Context, actor: CurrentActor) -> ProgressOut:
    return service.progress(session, ctx.settings, actor)
