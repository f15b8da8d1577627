"""The province's routes: forwarded work by state, and drawing a sampling round."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Context, CurrentActor, DbSession
from api.review.province import service
from api.review.province.schemas import SampleIn, SampleOut
from api.review.submissions.schemas import SubmissionOut
from domain.workflow import State

router = APIRouter(prefix="/api/province", tags=["review"])


@router.get("/forwarded", response_model=list[SubmissionOut])
def province_forwarded(
    session: DbSession,
    actor: CurrentActor,
    state: State = State.FORWARDED,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[SubmissionOut]:
    return service.forwarded(session, actor, state=state, limit=limit, offset=offset)


@router.post("/sample", response_model=SampleOut)
def province_sample(body: SampleIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SampleOut:
    """Draw this round's sample from every forwarded submission (deterministic in ``seed``)."""
    return service.sample(session, ctx, actor, seed=body.seed, percent=body.percent)
