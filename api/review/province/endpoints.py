"""The province's routes: its works (filtered, paged), sampling rounds, and its review of a work."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response

from api.deps import Context, CurrentActor, DbSession
from api.review.province import review, rounds, service, works
from api.review.province.repository import WorkFilters
from api.review.province.schemas import (
    FiltersOut,
    ReviewIn,
    ReviewOut,
    RoundIn,
    RoundOut,
    SampleIn,
    SampleOut,
    WorksPage,
)
from api.review.submissions.schemas import SubmissionOut
from api.shared import keyset
from domain.workflow import State

router = APIRouter(prefix="/api/province", tags=["review"])
FORWARDED = keyset.Keyset("province_forwarded", int)  # id, oldest first
COUNT_DOC = "false: no total (null), e.g. for the next page of the same filters, whose first page gave it"


@router.get("/forwarded", response_model=list[SubmissionOut])
def province_forwarded(
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(FORWARDED.after)],
    state: State = State.FORWARDED,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, deprecated=True, description=keyset.OFFSET_DOC)] = 0,
) -> list[SubmissionOut]:
    """Work in ``state``, oldest first; the next page's cursor in ``X-Next-After``."""
    page = service.forwarded(session, actor, state=state, after=after[0] if after else None, limit=limit, offset=offset)
    FORWARDED.send_next(request, response, page.next_key)
    return page.items


@router.post("/sample", response_model=SampleOut)
def province_sample(body: SampleIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SampleOut:
    """A uniform round by rate (deterministic in ``seed``); ``POST /rounds`` does more."""
    return service.sample(session, ctx, actor, seed=body.seed, percent=body.percent)


@router.get("/works", response_model=WorksPage)
def province_works(
    session: DbSession,
    actor: CurrentActor,
    school_id: int | None = None,
    subject: Annotated[str | None, Query(max_length=64)] = None,
    capability_code: Annotated[str | None, Query(max_length=8)] = None,
    state: State | None = None,
    verdict: Literal["excellent", "pass"] | None = None,
    accepted_despite_checks: bool | None = None,
    duplicate: bool | None = None,
    round_id: int | None = None,
    handed_over: bool | None = None,
    after: Annotated[int | None, Query(ge=0)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    count: Annotated[bool, Query(description=COUNT_DOC)] = True,
) -> WorksPage:
    """Work that reached the province, oldest first; pass ``next_after`` as ``after`` for the next page."""
    if state is not None:
        works.require_reader(actor)
        works.require_reached(state)
    filters = WorkFilters(
        school_id=school_id,
        subject=subject,
        capability_code=capability_code,
        state=state,
        verdict=verdict,
        accepted_despite_checks=accepted_despite_checks,
        duplicate=duplicate,
        round_id=round_id,
        handed_over=handed_over,
    )
    return works.page(session, actor, filters, after=after, limit=limit, count=count)


@router.get("/filters", response_model=FiltersOut)
def province_filters(ctx: Context, actor: CurrentActor, background: BackgroundTasks) -> FiltersOut:
    """What the dropdowns offer; worked out at most every ``KEJIAN_PROVINCE_FILTERS_TTL_S`` (60) seconds,
    after the answer that found them older (the first request after a start waits for them)."""
    works.require_reader(actor)
    ttl = ctx.settings.province_filters_ttl_s
    return ctx.memo.get("province.filters", ttl, lambda: works.filters(ctx.sessions), later=background.add_task)


@router.post("/works/{submission_id}/review", response_model=ReviewOut)
def province_review(
    submission_id: int, body: ReviewIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> ReviewOut:
    """Confirm or downgrade (with a reason), optionally with a level for each criterion."""
    return review.review(session, ctx, actor, submission_id, body)


@router.post("/rounds", response_model=RoundOut, status_code=201)
def draw_round(body: RoundIn, session: DbSession, ctx: Context, actor: CurrentActor) -> RoundOut:
    return rounds.out(session, rounds.draw(session, ctx, actor, body))


@router.post("/rounds/preview", response_model=RoundOut)
def preview_round(body: RoundIn, session: DbSession, ctx: Context, actor: CurrentActor) -> RoundOut:
    """What the seed would draw now; nothing changes."""
    return rounds.preview(session, ctx, actor, body)


@router.get("/rounds", response_model=list[RoundOut])
def list_rounds(
    session: DbSession, actor: CurrentActor, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[RoundOut]:
    return rounds.listing(session, actor, limit=limit)


@router.get("/rounds/{round_id}", response_model=RoundOut)
def get_round(round_id: int, session: DbSession, actor: CurrentActor) -> RoundOut:
    return rounds.detail(session, actor, round_id)
