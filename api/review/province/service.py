"""The province's side: the forwarded 优秀 list and a sampling round (``domain.sampling``).

A round locks every forwarded submission first, so two reviewers drawing at once take turns
and the second draws from what the first left. Each drawn submission moves by SAMPLE through
``submissions.transitions``; the round's seed and rate go into each audit entry so the draw
can be reproduced.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, Unprocessable
from api.review.province import repository
from api.review.province.schemas import SampleOut
from api.review.submissions import service as submissions
from api.review.submissions import transitions
from api.review.submissions.schemas import SubmissionOut
from domain import reasons
from domain import review_api_reasons as ar
from domain.roles import Actor, Role
from domain.sampling import Candidate, draw_sample
from domain.workflow import REACHED_PROVINCE, Action, State

_PROVINCE_READERS = frozenset({Role.PROVINCIAL_REVIEWER, Role.ADMIN})


def forwarded(session: Session, actor: Actor, *, state: State, limit: int, offset: int) -> list[SubmissionOut]:
    """Forwarded work (or what became of it) for the province, oldest first."""
    if actor.role not in _PROVINCE_READERS:
        raise Forbidden()
    if state not in REACHED_PROVINCE:
        allowed = ", ".join(sorted(s.value for s in REACHED_PROVINCE))
        raise Unprocessable(reasons.INVALID_REQUEST.format(detail=f"state: one of {allowed}"))
    return submissions.listing(session, actor, state=state, oldest_first=True, limit=limit, offset=offset)


def sample(session: Session, ctx: AppContext, actor: Actor, *, seed: str, percent: float | None) -> SampleOut:
    if actor.role is not Role.PROVINCIAL_REVIEWER:
        raise Forbidden()
    percent = ctx.settings.review_sampling_percent if percent is None else percent
    pending = repository.lock_forwarded(session)
    if not pending:
        raise Conflict(ar.SAMPLE_NOTHING_FORWARDED)
    teachers = submissions.authors(session, pending)
    candidates = [Candidate(s.id, teachers[s.teacher_id].school_id, teachers[s.teacher_id].subject) for s in pending]
    drawn = {c.submission_id for c in draw_sample(candidates, percent=percent, seed=seed)}
    note = f"抽检 sampling round: seed={seed}, percent={percent:g}"
    for submission in pending:
        if submission.id in drawn:
            transitions.apply(
                session, actor, transitions.plan(session, ctx, actor, submission, Action.SAMPLE, reason=note)
            )
    return SampleOut(seed=seed, percent=percent, candidates=len(pending), sampled=sorted(drawn))
