"""Provincial sampling (抽检) of the 优秀 submissions that schools forwarded.

Seed 001 §六.1 has schools upload their 优秀 work to the provincial platform “供全省教师学习
点评使用”; no seed gives a sampling rate, so the rate is a setting whose default (10%) is our
choice, not policy. The sample is fair across schools and subjects: the total is the ceiling
of rate × forwarded, shared among (school, subject) strata in proportion to their size by
largest remainder (Hamilton), ties and the draw inside a stratum broken by a hash of the
round's seed. Same seed and same candidates give the same sample, whatever their order.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Candidate:
    """A forwarded 优秀 submission; the caller passes only those (state ``forwarded``)."""

    submission_id: int | str
    school_id: int | str
    subject: str


def sample_size(count: int, *, percent: float) -> int:
    """The ceiling of ``percent`` % of ``count``: a round with any forwarded work samples some."""
    if not 0 <= percent <= 100:
        raise ValueError("the sampling rate must be between 0 and 100 percent")
    return math.ceil(Fraction(str(percent)) * count / 100)


def draw_sample(candidates: Iterable[Candidate], *, percent: float, seed: str) -> tuple[Candidate, ...]:
    """The submissions the province re-reviews this round, deterministic in ``seed``."""
    listed = list(candidates)
    unique = {str(c.submission_id): c for c in listed}
    if len(unique) != len(listed):
        raise ValueError("a submission is listed twice")
    strata: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for c in unique.values():
        strata[(str(c.school_id), c.subject)].append(c)
    rate = Fraction(str(percent)) / 100
    total = sample_size(len(unique), percent=percent)
    exact = {key: rate * len(members) for key, members in strata.items()}
    quota = {key: math.floor(value) for key, value in exact.items()}
    by_remainder = sorted(strata, key=lambda key: (-(exact[key] - quota[key]), _hash(seed, "stratum", *key)))
    for key in by_remainder[: total - sum(quota.values())]:
        quota[key] += 1
    drawn: list[Candidate] = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda c: _hash(seed, "submission", str(c.submission_id)))
        drawn.extend(members[: quota[key]])
    return tuple(drawn)


def _hash(seed: str, *parts: str) -> str:
    return hashlib.sha256("\x1f".join((seed, *parts)).encode("utf-8")).hexdigest()
