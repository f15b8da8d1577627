"""Group hand-over routes: where the group stands, and the leader's submission to the school."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.groups import service
from api.review.groups.schemas import GroupSubmissionOut, GroupSubmitIn

router = APIRouter(prefix="/api/groups/{group_id}", tags=["review"])


@router.get("/submission", response_model=GroupSubmissionOut)
def group_submission(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> GroupSubmissionOut:
    """State, quota numbers and every missing piece (k of n excellent, need m more; session recording)."""
    return service.status(session, ctx, actor, group_id)


@router.post("/submit", response_model=GroupSubmissionOut)
def submit_group(
    group_id: int, session: DbSession, ctx: Context, actor: CurrentActor, body: GroupSubmitIn | None = None
) -> GroupSubmissionOut:
    """The group leader submits; 409 with the explanation while the quota is not met."""
    return service.submit(session, ctx, actor, group_id, version=body.version if body else None)
