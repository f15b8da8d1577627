"""Provincial sampling (抽检) of the 优秀 submissions that schools handed over.

Seed 001 §六.1 has schools upload their 优秀 work to the provincial platform “供全省教师学习
点评使用”; no seed gives a sampling rate, so the rate is a setting whose default (10%) is our
choice, not policy. A round asks for a rate (the ceiling of rate × candidates) or a number of
works. The sample is fair across schools and subjects: the total is shared among (school,
subject) strata in proportion to their size by largest remainder (Hamilton), ties and the draw
inside a stratum broken by a hash of the round's seed. Same seed and same candidates give the
same sample, whatever their order.

**Risk weighting** (an option of the round): a stratum's share is its size times its school's
weight, so a school whose work the province downgraded before, whose 优秀 was given despite failed
automatic checks, or whose recordings were flagged as near-copies is sampled at a higher rate.
The weight is ``1 + boost × (downgraded + overridden + duplicates) / works`` (see
:func:`risk_weight`); with every weight 1 the draw is the uniform one. No stratum gives more than
it has: what a full stratum cannot take goes to the others, again by weight.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol


class Drawable(Protocol):
    """What the draw reads of a candidate: any row with these attributes (a query's rows as they come)."""

    @property
    def submission_id(self) -> int | str: ...
    @property
    def school_id(self) -> int | str: ...
    @property
    def subject(self) -> str: ...


@dataclass(frozen=True)
class Candidate:
    """A forwarded 优秀 submission; the caller passes only those (state ``forwarded``)."""

    submission_id: int | str
    school_id: int | str
    subject: str


@dataclass(frozen=True)
class SchoolRisk:
    """What a school's work that reached the province shows: the signals risk weighting reads."""

    school_id: int | str
    works: int  # its work that reached the province
    downgraded: int  # downgraded by the province
    overridden: int  # graded 优秀 though an automatic check failed
    duplicates: int  # flagged as a near-copy of an earlier recording


@dataclass(frozen=True)
class Stratum:
    """One (school, subject) stratum of a round: its size, its school's weight, how many drawn."""

    school_id: str
    subject: str
    size: int
    weight: Fraction
    drawn: int


@dataclass(frozen=True)
class Sample:
    drawn: tuple[Drawable, ...]
    strata: tuple[Stratum, ...]


def sample_size(count: int, *, percent: float) -> int:
    """The ceiling of ``percent`` % of ``count``: a round with any forwarded work samples some."""
    if not 0 <= percent <= 100:
        raise ValueError("the sampling rate must be between 0 and 100 percent")
    return math.ceil(Fraction(str(percent)) * count / 100)


def risk_weight(risk: SchoolRisk, *, boost: float) -> Fraction:
    """``1 + boost × signals / works``, each signal's share capped at 1: between 1 and 1 + 3 × boost."""
    if boost < 0:
        raise ValueError("the risk boost must not be negative")
    if min(risk.works, risk.downgraded, risk.overridden, risk.duplicates) < 0:
        raise ValueError("risk counts must not be negative")  # a negative share would break the bounds
    if risk.works <= 0:
        return Fraction(1)
    shares = sum(Fraction(min(n, risk.works), risk.works) for n in (risk.downgraded, risk.overridden, risk.duplicates))
    return 1 + Fraction(str(boost)) * shares


def plan_sample(
    candidates: Iterable[Drawable],
    *,
    seed: str,
    percent: float | None = None,
    count: int | None = None,
    school_weights: Mapping[str, Fraction] | None = None,
) -> Sample:
    """The submissions the province re-reviews this round and each stratum's share, deterministic in ``seed``.

    Give ``percent`` or ``count``; ``school_weights`` (by school id, int or str alike; default 1)
    tilts the shares toward riskier schools. The same as :func:`stratum_shares` on the strata's
    sizes, then :func:`draw_within` each stratum.
    """
    listed = list(candidates)
    unique = {str(c.submission_id): c for c in listed}
    if len(unique) != len(listed):
        raise ValueError("a submission is listed twice")
    strata: dict[tuple[str, str], list[Drawable]] = defaultdict(list)
    for c in unique.values():
        strata[(str(c.school_id), c.subject)].append(c)
    sizes = {key: len(members) for key, members in strata.items()}
    shares = stratum_shares(sizes, seed=seed, percent=percent, count=count, school_weights=school_weights)
    return Sample(draw_within(strata, shares, seed=seed), shares)


def stratum_shares(
    sizes: Mapping[tuple[str, str], int],
    *,
    seed: str,
    percent: float | None = None,
    count: int | None = None,
    school_weights: Mapping[str, Fraction] | None = None,
) -> tuple[Stratum, ...]:
    """How many each (school, subject) stratum of these ``sizes`` gives, ordered by stratum.

    Only the strata's sizes matter here, so a database can count them and draw inside each
    stratum itself, by :func:`draw_order` (``api.review.province.repository``).
    """
    if (percent is None) == (count is None):
        raise ValueError("give a sampling rate or a count, not both")
    if count is not None and count < 0:
        raise ValueError("the sample count must not be negative")
    keyed = {(str(school), subject): size for (school, subject), size in sizes.items()}
    everyone = sum(keyed.values())
    total = sample_size(everyone, percent=percent) if percent is not None else min(count or 0, everyone)
    # Keys are read as ``str(school_id)`` whatever their type: weights keyed by an int id (as
    # ``SchoolRisk.school_id`` may be) were silently ignored before, drawing a uniform sample.
    by_school = {str(school): Fraction(weight) for school, weight in (school_weights or {}).items()}
    weights = {key: by_school.get(key[0], Fraction(1)) for key in keyed}
    if any(w <= 0 for w in weights.values()):
        raise ValueError("school weights must be positive")
    quota = _allocate(seed, keyed, weights, total)
    return tuple(Stratum(key[0], key[1], keyed[key], weights[key], quota[key]) for key in sorted(keyed))


def draw_within(
    strata: Mapping[tuple[str, str], Iterable[Drawable]], shares: Iterable[Stratum], *, seed: str
) -> tuple[Drawable, ...]:
    """Each stratum's first ``drawn`` members by :func:`draw_order`, stratum by stratum."""
    drawn: list[Drawable] = []
    for share in shares:
        if share.drawn:
            members = sorted(strata[(share.school_id, share.subject)], key=lambda c: draw_order(seed, c.submission_id))
            drawn.extend(members[: share.drawn])
    return tuple(drawn)


DRAW_SEPARATOR = "\x1f"


def draw_text(seed: str, submission_id: int | str) -> str:
    """What is hashed to place a submission in its stratum's draw; the SHA-256 of its UTF-8 bytes
    orders the stratum (a database computing the same digest draws the same works)."""
    return DRAW_SEPARATOR.join((seed, "submission", str(submission_id)))


def draw_order(seed: str, submission_id: int | str) -> str:
    """The key a submission is drawn by inside its stratum: lowest first."""
    return hashlib.sha256(draw_text(seed, submission_id).encode("utf-8")).hexdigest()


def draw_sample(
    candidates: Iterable[Drawable],
    *,
    seed: str,
    percent: float | None = None,
    count: int | None = None,
    school_weights: Mapping[str, Fraction] | None = None,
) -> tuple[Drawable, ...]:
    """The submissions drawn (:func:`plan_sample` without the strata)."""
    return plan_sample(candidates, seed=seed, percent=percent, count=count, school_weights=school_weights).drawn


def _allocate(
    seed: str, sizes: Mapping[tuple[str, str], int], weights: Mapping[tuple[str, str], Fraction], total: int
) -> dict[tuple[str, str], int]:
    """Share ``total`` among strata by size × weight (largest remainder), none above its size.

    Exact, in integers: the weights are scaled by their denominators' least common multiple, so
    every stratum's exact share is ``left × size × weight / mass`` over one common ``mass`` and
    remainders compare as integers (exact fractions over 11,000 strata took 0.65 s).
    """
    scale = math.lcm(*(w.denominator for w in weights.values())) if weights else 1
    scaled = {k: sizes[k] * (weights[k].numerator * (scale // weights[k].denominator)) for k in sizes}
    quota = {key: 0 for key in sizes}
    open_keys = set(sizes)
    left = total
    while left > 0 and open_keys:
        mass = sum(scaled[k] for k in open_keys)
        # quota + left × scaled / mass ≥ size: the stratum would give all it has
        full = {k for k in open_keys if (quota[k] - sizes[k]) * mass + left * scaled[k] >= 0}
        if full:  # these take all they have; the rest is shared again among the others
            for k in full:
                left -= sizes[k] - quota[k]
                quota[k] = sizes[k]
            open_keys -= full
            continue
        floors, remainders = {}, {}
        for k in open_keys:
            floors[k], remainders[k] = divmod(left * scaled[k], mass)
            quota[k] += floors[k]
        rest = left - sum(floors.values())
        by_remainder = sorted(open_keys, key=lambda k: (-remainders[k], _hash(seed, "stratum", *k)))
        for k in by_remainder[:rest]:
            quota[k] += 1
        left = 0
    return quota


def _hash(seed: str, *parts: str) -> str:
    return hashlib.sha256(DRAW_SEPARATOR.join((seed, *parts)).encode("utf-8")).hexdigest()
