"""Calibration: how the province's re-review of sampled 优秀 work agrees with the schools' grading.

Per unit (a school or a research group) it counts the 优秀 work a sampling round drew and what
became of it: confirmed (省级确认), downgraded (省级降等) or still pending. The confirmation rate
is confirmed / (confirmed + downgraded): pending work has no verdict yet, so it counts for
neither side; with nothing decided the rate is ``None``, not 0.

Agreement compares the group leader's criterion levels (``submissions.item_grades["criteria"]``)
with the province's latest review of the same work, over the criteria both graded. Every work
the province reviewed counts, sampled or not: each is a pair of judgements of the same evidence.
A pair graded under different rubric versions is skipped, since a key may name a different
criterion in another version. Two figures are given:

* the exact-agreement share: equal levels / criteria compared;
* Cohen's kappa over the three levels (优秀 / 合格 / 不合格), which discounts the agreement that
  chance alone would give: ``κ = (p_o − p_e) / (1 − p_e)``, ``p_e = Σ_level p_leader × p_province``.

Degenerate cases: no criterion compared → share and kappa ``None`` (nothing is known). When
both sides used one and the same level throughout, ``p_e = 1`` and kappa is 0/0: we return
``None``, not 1. Kappa measures agreement *beyond* chance, and when chance alone predicts every
pair there is none to measure; the share (1.0) still says they agreed. Reporting 1 would claim a
perfect calibration on evidence that cannot tell a careful reviewer from one who always writes
优秀. (Kappa is also low when the leaders' levels are almost all 优秀, as they are for 优秀 work
— the known prevalence paradox — so the UI shows the share beside it.)

Per-criterion disagreement counts say which criteria the province rates *lower* than the
leader (优秀 > 合格 > 不合格), most often first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from domain.grading import Level
from domain.workflow import State

_RANK = {Level.FAIL: 0, Level.PASS: 1, Level.EXCELLENT: 2}


class Outcome(str, Enum):
    """What became of a sampled 优秀 work."""

    CONFIRMED = "confirmed"
    DOWNGRADED = "downgraded"
    PENDING = "pending"


@dataclass(frozen=True)
class ReviewedWork:
    """One work of a unit as calibration reads it.

    ``outcome`` is set for work a sampling round drew (``None`` otherwise); ``province`` holds the
    province's latest criterion levels, ``None`` when it has not reviewed the work by criteria.
    """

    unit: Hashable
    outcome: Outcome | None
    leader: Mapping[str, str]
    province: Mapping[str, str] | None = None
    leader_rubric: int | None = None
    province_rubric: int | None = None


@dataclass(frozen=True)
class Agreement:
    compared: int
    agreed: int
    share: Fraction | None
    kappa: Fraction | None


@dataclass(frozen=True)
class Calibration:
    sampled: int
    confirmed: int
    downgraded: int
    pending: int
    confirmation_rate: Fraction | None
    agreement: Agreement
    # (criterion key, how often the province rated it lower), most often first, then by key.
    lower_criteria: tuple[tuple[str, int], ...]


_OUTCOMES = {State.SAMPLED: Outcome.PENDING, State.CONFIRMED: Outcome.CONFIRMED, State.DOWNGRADED: Outcome.DOWNGRADED}


def sampled_outcome(state: str | State) -> Outcome | None:
    """What a drawn work's state says: confirmed, downgraded, or pending while it waits as ``sampled``.

    The state is the latest verdict: a downgrade the province undid (re-confirmed) counts as confirmed.
    """
    return _OUTCOMES.get(State(state))


def criterion_pairs(
    leader: Mapping[str, str],
    province: Mapping[str, str] | None,
    *,
    leader_rubric: int | None = None,
    province_rubric: int | None = None,
) -> list[tuple[str, Level, Level]]:
    """(key, leader's level, province's level) for each criterion both graded, by key.

    Unknown level words are left out; different known rubric versions give no pairs.
    """
    if not province or (leader_rubric is not None and province_rubric is not None and leader_rubric != province_rubric):
        return []
    pairs = []
    for key in sorted(set(leader) & set(province)):
        mine, theirs = _level(leader[key]), _level(province[key])
        if mine is not None and theirs is not None:
            pairs.append((key, mine, theirs))
    return pairs


def agreement(pairs: Iterable[tuple[Level, Level]]) -> Agreement:
    """Exact-agreement share and Cohen's kappa of (leader, province) level pairs (see the module)."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return Agreement(0, 0, None, None)
    agreed = sum(1 for a, b in pairs if a is b)
    observed = Fraction(agreed, n)
    leader, province = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(Fraction(leader[level] * province[level], n * n) for level in Level)
    kappa = None if chance == 1 else (observed - chance) / (1 - chance)
    return Agreement(n, agreed, observed, kappa)


def calibrate(works: Iterable[ReviewedWork]) -> dict[Hashable, Calibration]:
    """Each unit's calibration, for the units that have any sampled or province-reviewed work."""
    outcomes: dict[Hashable, Counter] = defaultdict(Counter)
    pairs: dict[Hashable, list[tuple[str, Level, Level]]] = defaultdict(list)
    for work in works:
        outcomes[work.unit]  # noqa: B018 - the unit is listed even with no outcome and no pair
        if work.outcome is not None:
            outcomes[work.unit][Outcome(work.outcome)] += 1
        pairs[work.unit].extend(
            criterion_pairs(
                work.leader, work.province, leader_rubric=work.leader_rubric, province_rubric=work.province_rubric
            )
        )
    return {unit: _unit(outcomes[unit], pairs[unit]) for unit in outcomes}


def _unit(outcomes: Counter, pairs: list[tuple[str, Level, Level]]) -> Calibration:
    confirmed, downgraded = outcomes[Outcome.CONFIRMED], outcomes[Outcome.DOWNGRADED]
    decided = confirmed + downgraded
    lower = Counter(key for key, mine, theirs in pairs if _RANK[theirs] < _RANK[mine])
    return Calibration(
        sampled=sum(outcomes.values()),
        confirmed=confirmed,
        downgraded=downgraded,
        pending=outcomes[Outcome.PENDING],
        confirmation_rate=Fraction(confirmed, decided) if decided else None,
        agreement=agreement((mine, theirs) for _, mine, theirs in pairs),
        lower_criteria=tuple(sorted(lower.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _level(word: str) -> Level | None:
    try:
        return Level(word)
    except ValueError:
        return None
