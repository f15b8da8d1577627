"""The province's older routes: the forwarded list by state, and the first sampling route.

``POST /api/province/sample`` is kept for scripts: it draws a uniform round by rate through
``rounds.draw`` (stored, and limited to schools that handed over like every round).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review.province import rounds
from api.review.province.schemas import RoundIn, SampleOut
from api.review.province.works import require_reached, require_reader
from api.review.submissions import service as submissions
from api.review.submissions.schemas import SubmissionOut
from api.shared.keyset import Page
from domain.roles import Actor
from domain.workflow import State


def forwarded(
    session: Session, actor: Actor, *, state: State, after: int | None = None, limit: int, offset: int = 0
) -> Page[SubmissionOut]:
    """Forwarded work (or what became of it) for the province, oldest first, past the id ``after``."""
    require_reader(actor)
    require_reached(state)
    return submissions.listing(session, actor, state=state, oldest_first=True, after=after, limit=limit, offset=offset)


def sample(session: Session, ctx: AppContext, actor: Actor, *, seed: str, percent: float | None) -> SampleOut:
    """A uniform round by rate (the setting's rate unless given)."""
    round_ = rounds.draw(session, ctx, actor, RoundIn(mode="percent", percent=percent, seed=seed))
    return SampleOut(
        seed=round_.seed,
        percent=round_.percent,
        candidates=round_.candidates,
        sampled=list(round_.drawn),
        round_id=round_.id,
    )
