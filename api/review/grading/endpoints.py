"""Grading routes: the leader's verdict by criteria, and the rubric it is checked against."""

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
    """The group leader's verdict; 422 with every violation when it contradicts the criteria or the score,
    409 when the rubric changed since the form was opened."""
    submission = service.score(session, ctx, actor, submission_id, body)
    return submissions.out(session, actor, submission)


@router.get("/rubric", response_model=RubricOut)
def submission_rubric(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> RubricOut:
    """The rubric the work is graded by (graded work: the version it was graded under) and the pass line."""
    return rubric.rubric(session, ctx, actor, submission_id)
