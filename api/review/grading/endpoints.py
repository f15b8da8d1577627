"""Grading routes: the leader's verdict, and the rubric it will be checked against."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.grading import rubric, service
from api.review.grading.schemas import RubricOut, ScoreIn
from api.review.submissions import service as submissions
from api.review.submissions.schemas import SubmissionOut

router = APIRouter(prefix="/api/submissions/{submission_id}", tags=["review"])


@router.post("/score", response_model=SubmissionOut)
def score(submission_id: int, body: ScoreIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    """The group leader's verdict; 422 with every violation when it contradicts items or score."""
    submission = service.score(session, ctx, actor, submission_id, body)
    return submissions.out(session, actor, submission)


@router.get("/rubric", response_model=RubricOut)
def submission_rubric(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> RubricOut:
    """The point's evidence items and the teacher's pass line, as the score will be checked."""
    return rubric.rubric(session, ctx, actor, submission_id)
