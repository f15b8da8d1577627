"""The province's side: the forwarded 优秀 list and a sampling round (``domain.sampling``).

A round locks every forwarded submission first, so two reviewers drawing at once take turns
and the second draws from what the first left. Each drawn submission moves by SAMPLE through
``apply_transition``; the round's seed and rate go into each audit entry so the draw can be
reproduced.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.review import audit, locks, refusals, scope, submissions_service
from api.review.schemas_submissions import SampleOut, SubmissionOut
from db.models import Submission, Teacher
from domain import reasons
from domain import review_api_reasons as ar
from domain.roles import Actor, Role
from domain.sampling import Candidate, draw_sample
from domain.workflow import Action, State

_PROVINCE_READERS = frozenset({Role.PROVINCIAL_REVIEWER, Role.ADMIN})


def forwarded(session: Session, actor: Actor, *, state: State, limit: int, offset: int) -> list[SubmissionOut]:
    """Forwarded work (or what became of it) for the province, oldest first."""
    if actor.role not in _PROVINCE_READERS:
        raise Forbidden()
    if state not in scope.FORWARDED_STATES:
        allowed = ", ".join(sorted(s.value for s in scope.FORWARDED_STATES))
        raise refusals.Unprocessable(reasons.INVALID_REQUEST.format(detail=f"state: one of {allowed}"))
    query = (
        scope.visible_submissions(actor)
        .where(Submission.state == state.value)
        .order_by(None)
        .order_by(Submission.id)
        .limit(limit)
        .offset(offset)
    )
    return submissions_service.out_many(session, actor, list(session.scalars(query)))


def sample(session: Session, ctx: AppContext, actor: Actor, *, seed: str, percent: float | None) -> SampleOut:
    if actor.role is not Role.PROVINCIAL_REVIEWER:
        raise Forbidden()
    percent = ctx.settings.review_sampling_percent if percent is None else percent
    pending = locks.locked(
        session, select(Submission).where(Submission.state == State.FORWARDED.value).order_by(Submission.id)
    ).all()
    if not pending:
        raise Conflict(ar.SAMPLE_NOTHING_FORWARDED)
    teachers = {
        t.id: t for t in session.scalars(select(Teacher).where(Teacher.id.in_({s.teacher_id for s in pending})))
    }
    candidates = [Candidate(s.id, teachers[s.teacher_id].school_id, teachers[s.teacher_id].subject) for s in pending]
    drawn = {c.submission_id for c in draw_sample(candidates, percent=percent, seed=seed)}
    note = f"抽检 sampling round: seed={seed}, percent={percent:g}"
    for submission in pending:
        if submission.id in drawn:
            audit.apply_transition(session, submission, Action.SAMPLE, actor=actor, reason=note)
    refusals.flush(session)
    return SampleOut(seed=seed, percent=percent, candidates=len(pending), sampled=sorted(drawn))
