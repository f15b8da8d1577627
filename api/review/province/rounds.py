"""Sampling rounds (抽检) drawn by the provincial reviewer, stored so the same seed draws them again.

Candidates are the forwarded work of schools that have handed over (``domain.school_handover``):
a school still uploading is not sampled. The strata's shares are worked out from their sizes, and
the works inside each stratum drawn where the candidates are (``candidates_repository``). A round takes
the rounds' lock first, so two reviewers drawing at once take turns and the second draws from what
the first left. The drawn works move by SAMPLE through ``submissions.transitions`` in batches
(locked and read as plain rows, checked, written, each batch a fixed number of queries), with the
round's id set on each; the seed, the rate or count and the weighting go into each audit entry too.
A preview runs the same plan without the lock and without writing, so "the same seed gives the same
sample" can be checked before drawing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, NotFound, Unprocessable
from api.review.province import repository, risk
from api.review.province.candidates_repository import RankedCandidates
from api.review.province.schemas import DrawnWorkOut, RoundIn, RoundOut, StratumOut
from api.review.province.works import require_reader
from api.review.submissions import transitions
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.base import utcnow
from db.models import SamplingRound
from domain import province_reasons as pr
from domain import review_api_reasons as ar
from domain.one_time_passwords import ALPHABET
from domain.roles import Actor, Role
from domain.sampling import Stratum, stratum_shares
from domain.workflow import Action

# Drawn works moved per batch: a round of 100,000 keeps every query's IN list well under the
# databases' bind-parameter limits (SQLite 32,766), and a batch's rows in memory.
_BATCH = 2_000


def readable_seed(day: date, choose=secrets.choice) -> str:
    """A seed people can read out and type: the Beijing day and five unambiguous symbols."""
    return f"{day:%Y%m%d}-{''.join(choose(ALPHABET) for _ in range(5))}"


def _require_drawer(actor: Actor) -> None:
    if actor.role is not Role.PROVINCIAL_REVIEWER:
        raise Forbidden()


def _amount(ctx: AppContext, body: RoundIn) -> tuple[float | None, int | None]:
    if body.mode == "count":
        if body.count is None or body.percent is not None:
            raise Unprocessable(pr.SAMPLE_MODE_NEEDS_VALUE)
        return None, body.count
    if body.count is not None:
        raise Unprocessable(pr.SAMPLE_MODE_NEEDS_VALUE)
    return (ctx.settings.review_sampling_percent if body.percent is None else body.percent), None


@dataclass(frozen=True)
class _Plan:
    """What a seed draws now: the candidates' count, each stratum's share, the works drawn (by id)."""

    candidates: int
    shares: tuple[Stratum, ...]
    school_names: dict[str, str]
    drawn: list[int]
    percent: float | None
    count: int | None

    def strata(self) -> list[dict]:
        return [
            {
                "school_id": int(s.school_id),
                "school_name": self.school_names[s.school_id],
                "subject": s.subject,
                "size": s.size,
                "weight": round(float(s.weight), 4),
                "drawn": s.drawn,
            }
            for s in self.shares
        ]


def _plan(session: Session, ctx: AppContext, body: RoundIn, seed: str) -> _Plan:
    """The candidates and what ``seed`` draws from them now; 409 when there is nothing to draw from.

    The shares come from the strata's sizes alone (``domain.sampling.stratum_shares``); the works
    inside each stratum are drawn where the candidates are (``candidates_repository``).
    """
    percent, count = _amount(ctx, body)
    ranked = RankedCandidates(session, seed)
    strata = ranked.strata()
    if not strata:
        forwarded = repository.forwarded_count(session)
        if not forwarded:
            raise Conflict(ar.SAMPLE_NOTHING_FORWARDED)
        raise Conflict(pr.SAMPLE_NO_HANDED_OVER_SCHOOL.format(forwarded=forwarded), extra={"forwarded": forwarded})
    weights = None
    if body.weighting == "risk":
        boost = ctx.settings.review_sampling_risk_boost
        weights = risk.school_weights(session, {r.school_id for r in strata}, boost=boost)
    sizes = {(str(r.school_id), r.subject): r.size for r in strata}
    shares = stratum_shares(sizes, seed=seed, percent=percent, count=count, school_weights=weights)
    names = {str(r.school_id): r.school_name for r in strata}
    drawn = ranked.drawn(shares)
    return _Plan(sum(sizes.values()), shares, names, drawn, percent, count)


def note(round_: SamplingRound) -> str:
    """The audit entry's reason for each drawn work: enough to draw the round again."""
    amount = f"percent={round_.percent:g}" if round_.mode == "percent" else f"count={round_.count}"
    extra = "" if round_.weighting == "uniform" else f", weighting={round_.weighting}"
    return f"抽检 sampling round: seed={round_.seed}, {amount}{extra}"


def preview(session: Session, ctx: AppContext, actor: Actor, body: RoundIn) -> RoundOut:
    """What ``body.seed`` would draw now; nothing changes."""
    _require_drawer(actor)
    if body.seed is None:
        raise Unprocessable(pr.SAMPLE_SEED_REQUIRED)
    plan = _plan(session, ctx, body, body.seed)
    return RoundOut(
        id=None,
        seed=body.seed,
        mode=body.mode,
        percent=plan.percent,
        count=plan.count,
        weighting=body.weighting,
        candidates=plan.candidates,
        drawn=plan.drawn,
        strata=[StratumOut(**s) for s in plan.strata()],
        drawn_works=works_named(session, plan.drawn),
    )


def draw(session: Session, ctx: AppContext, actor: Actor, body: RoundIn) -> SamplingRound:
    """Draw and store a round; each drawn work is SAMPLEd through the workflow, in the round."""
    _require_drawer(actor)
    seed = body.seed or readable_seed(inputs.today(ctx.settings))
    repository.take_turns(session)
    plan = _plan(session, ctx, body, seed)
    drawn = plan.drawn
    round_ = SamplingRound(
        seed=seed,
        mode=body.mode,
        percent=plan.percent,
        count=plan.count,
        weighting=body.weighting,
        candidates=plan.candidates,
        drawn=drawn,
        strata=plan.strata(),
        drawn_by=actor.user_id,
        drawn_at=utcnow(),
    )
    session.add(round_)
    refusals.flush(session)
    reason = note(round_)
    for start in range(0, len(drawn), _BATCH):
        works, authors = repository.works_to_move(session, drawn[start : start + _BATCH])
        moves = transitions.plan_many(session, ctx, actor, works, Action.SAMPLE, reason=reason, authors=authors)
        transitions.apply_many(session, actor, moves, sampling_round_id=round_.id)
    refusals.flush(session)
    return round_


def works_named(session: Session, ids: list[int]) -> list[DrawnWorkOut]:
    fields = ("id", "teacher_name", "school_name", "subject", "capability_code")
    return [DrawnWorkOut(**dict(zip(fields, row))) for row in repository.drawn_works(session, ids)]


def out(session: Session, round_: SamplingRound, names: dict[int, str] | None = None) -> RoundOut:
    """The round; read alone (``names`` not given) it also names its drawn works."""
    alone = names is None
    if names is None:
        names = _names(session, [round_])
    return RoundOut(
        id=round_.id,
        seed=round_.seed,
        mode=round_.mode,
        percent=round_.percent,
        count=round_.count,
        weighting=round_.weighting,
        candidates=round_.candidates,
        drawn=list(round_.drawn or []),
        strata=[StratumOut(**s) for s in round_.strata or []],
        drawn_by=round_.drawn_by,
        drawn_by_name=names.get(round_.drawn_by) if round_.drawn_by is not None else None,
        drawn_at=round_.drawn_at,
        drawn_works=works_named(session, list(round_.drawn or [])) if alone else None,
    )


def _names(session: Session, rounds: list[SamplingRound]) -> dict[int, str]:
    return repository.display_names(session, {r.drawn_by for r in rounds if r.drawn_by is not None})


def listing(session: Session, actor: Actor, *, limit: int) -> list[RoundOut]:
    """The rounds, newest first."""
    require_reader(actor)
    rounds = repository.rounds(session, limit=limit)
    names = _names(session, rounds)
    return [out(session, r, names) for r in rounds]


def detail(session: Session, actor: Actor, round_id: int) -> RoundOut:
    require_reader(actor)
    round_ = repository.round_(session, round_id)
    if round_ is None:
        raise NotFound("抽检轮次", "Sampling round")
    return out(session, round_)
