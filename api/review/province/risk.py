"""What each school's work that reached the province shows, for risk-weighted sampling rounds.

One grouped query over every school asked about (``repository.school_signals``): the works that
reached the province, those the province downgraded, those graded 优秀 despite failed checks
(a lesson that failed a check, or a group session counted on the leader's word), and those whose
recording was flagged as a near-copy. ``domain.sampling.risk_weight`` turns them into weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from sqlalchemy.orm import Session

from api.review.province import repository
from domain.sampling import SchoolRisk, risk_weight


def school_risks(session: Session, school_ids: Iterable[int]) -> dict[str, SchoolRisk]:
    """Each school's signals by ``str(school_id)``; a school with no work at the province has none."""
    ids = sorted(set(school_ids))
    found = {
        str(school): SchoolRisk(school, works, downgraded, overridden, duplicates)
        for school, works, downgraded, overridden, duplicates in repository.school_signals(session, ids)
    }
    return {str(i): found.get(str(i), SchoolRisk(i, 0, 0, 0, 0)) for i in ids}


def school_weights(session: Session, school_ids: Iterable[int], *, boost: float) -> dict[str, Fraction]:
    """The weight of each school in a risk-weighted round (1 for a school without signals)."""
    return {key: risk_weight(risk, boost=boost) for key, risk in school_risks(session, school_ids).items()}
