"""Review routes: the leader scores and submits the group's work, the school forwards or
returns, the province samples, confirms and downgrades. Each submission move goes through
``apply_transition``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Context, CurrentActor, DbSession
from api.review import group_service, province_service, scoring_service, submissions_service, transitions_service
from api.review.schemas_review import GroupSubmissionOut, GroupSubmitIn
from api.review.schemas_submissions import ReasonIn, SampleIn, SampleOut, ScoreIn, SubmissionOut
from domain.workflow import Action, State

router = APIRouter(tags=["review"])
_ONE = "/api/submissions/{submission_id}"


def _moved(session, ctx, actor, submission_id: int, action: Action, reason: str | None = None) -> SubmissionOut:
    submission = transitions_service.move(session, ctx, actor, submission_id, action, reason=reason)
    return submissions_service.out(session, actor, submission)


@router.post(f"{_ONE}/score", response_model=SubmissionOut)
def score(submission_id: int, body: ScoreIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    """The group leader's verdict; 422 with every violation when it contradicts items or score."""
    submission = scoring_service.score(session, ctx, actor, submission_id, body)
    return submissions_service.out(session, actor, submission)


@router.post(f"{_ONE}/return", response_model=SubmissionOut)
def return_submission(
    submission_id: int, body: ReasonIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SubmissionOut:
    """Back to the teacher with a reason: the leader before grading, leader or school after."""
    return _moved(session, ctx, actor, submission_id, Action.RETURN, body.reason)


@router.post(f"{_ONE}/forward", response_model=SubmissionOut)
def forward(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    """The school sends 优秀 work to the province once its group meets the quota (409 says what is missing)."""
    return _moved(session, ctx, actor, submission_id, Action.FORWARD)


@router.post(f"{_ONE}/confirm", response_model=SubmissionOut)
def confirm(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    return _moved(session, ctx, actor, submission_id, Action.CONFIRM)


@router.post(f"{_ONE}/downgrade", response_model=SubmissionOut)
def downgrade(
    submission_id: int, body: ReasonIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SubmissionOut:
    return _moved(session, ctx, actor, submission_id, Action.DOWNGRADE, body.reason)


@router.get("/api/province/forwarded", response_model=list[SubmissionOut])
def province_forwarded(
    session: DbSession,
    actor: CurrentActor,
    state: State = State.FORWARDED,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[SubmissionOut]:
    return province_service.forwarded(session, actor, state=state, limit=limit, offset=offset)


@router.post("/api/province/sample", response_model=SampleOut)
def province_sample(body: SampleIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SampleOut:
    """Draw this round's sample from every forwarded submission (deterministic in ``seed``)."""
    return province_service.sample(session, ctx, actor, seed=body.seed, percent=body.percent)


@router.get("/api/groups/{group_id}/submission", response_model=GroupSubmissionOut)
def group_submission(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> GroupSubmissionOut:
    """State, quota numbers and every missing piece (k of n excellent, need m more; session recording)."""
    return group_service.status(session, ctx, actor, group_id)


@router.post("/api/groups/{group_id}/submit", response_model=GroupSubmissionOut)
def submit_group(
    group_id: int, session: DbSession, ctx: Context, actor: CurrentActor, body: GroupSubmitIn | None = None
) -> GroupSubmissionOut:
    """The group leader submits; 409 with the explanation while the quota is not met."""
    return group_service.submit(session, ctx, actor, group_id, version=body.version if body else None)
