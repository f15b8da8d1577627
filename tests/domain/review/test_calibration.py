"""Calibration: sampled 优秀 confirmed or downgraded per unit, and how the leader's criterion levels
agree with the province's (exact share, Cohen's kappa, which criteria the province rates lower)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from domain.calibration import (
    Outcome,
    ReviewedWork,
    agreement,
    calibrate,
    criterion_pairs,
    sampled_outcome,
)
from domain.grading import Level

E, P, F = Level.EXCELLENT, Level.PASS, Level.FAIL


@pytest.mark.parametrize(
    "pairs, compared, agreed, share, kappa",
    [
        ([], 0, 0, None, None),  # nothing compared: nothing known
        ([(E, E)] * 3, 3, 3, Fraction(1), None),  # one level on both sides: chance explains all (p_e = 1)
        ([(F, F)], 1, 1, Fraction(1), None),
        ([(E, E), (P, P)], 2, 2, Fraction(1), Fraction(1)),  # perfect, beyond chance
        ([(E, P), (P, E)], 2, 0, Fraction(0), Fraction(-1)),  # systematically opposite
        ([(E, P), (E, P)], 2, 0, Fraction(0), Fraction(0)),  # p_o = p_e = 0
        ([(E, E), (E, P), (P, P), (F, F)], 4, 3, Fraction(3, 4), Fraction(7, 11)),  # p_e = 5/16
        ([(E, E)] * 3 + [(E, P)], 4, 3, Fraction(3, 4), Fraction(0)),  # leader all 优秀: the prevalence paradox
    ],
)
def test_agreement_share_and_kappa(pairs, compared, agreed, share, kappa):
    result = agreement(pairs)
    assert (result.compared, result.agreed, result.share, result.kappa) == (compared, agreed, share, kappa)


@pytest.mark.parametrize(
    "leader, province, versions, expected",
    [
        ({"a": "excellent", "b": "pass"}, {"b": "fail", "a": "excellent"}, (1, 1), [("a", E, E), ("b", P, F)]),
        ({"a": "excellent", "b": "pass"}, {"b": "pass", "c": "fail"}, (1, 1), [("b", P, P)]),  # both graded
        ({"a": "excellent"}, {"a": "pass"}, (1, 2), []),  # other rubric version: keys may mean otherwise
        ({"a": "excellent"}, {"a": "pass"}, (None, 2), [("a", E, P)]),  # an unknown version is not a mismatch
        ({"a": "excellent"}, None, (1, None), []),  # the province has not graded by criteria
        ({"a": "excellent", "b": "great"}, {"a": "fail", "b": "pass"}, (1, 1), [("a", E, F)]),  # unknown words out
    ],
)
def test_criterion_pairs(leader, province, versions, expected):
    assert criterion_pairs(leader, province, leader_rubric=versions[0], province_rubric=versions[1]) == expected


@pytest.mark.parametrize(
    "state, outcome",
    [
        ("sampled", Outcome.PENDING),
        ("confirmed", Outcome.CONFIRMED),
        ("downgraded", Outcome.DOWNGRADED),
        ("forwarded", None),
        ("scored_excellent", None),
    ],
)
def test_a_drawn_works_state_gives_its_outcome(state, outcome):
    assert sampled_outcome(state) is outcome


def work(unit, outcome=None, leader=None, province=None, **versions):
    return ReviewedWork(unit, outcome, leader or {}, province, **versions)


def test_per_unit_counts_rate_agreement_and_lower_criteria():
    works = [
        work("s1", Outcome.CONFIRMED, {"a": "excellent", "b": "excellent"}, {"a": "excellent", "b": "excellent"}),
        work("s1", Outcome.DOWNGRADED, {"a": "excellent", "b": "excellent"}, {"a": "pass", "b": "fail"}),
        work("s1", Outcome.DOWNGRADED, {"a": "excellent", "b": "pass"}, {"a": "pass", "b": "pass"}),
        work("s1", Outcome.PENDING, {"a": "excellent"}),
        # reviewed but not drawn by a round (the province confirmed it directly): agreement only
        work("s1", None, {"a": "pass", "c": "excellent"}, {"a": "excellent", "c": "pass"}),
        work("s2", Outcome.PENDING, {"a": "excellent"}),
    ]
    result = calibrate(works)
    s1 = result["s1"]
    assert (s1.sampled, s1.confirmed, s1.downgraded, s1.pending) == (4, 1, 2, 1)
    assert s1.confirmation_rate == Fraction(1, 3)  # pending counts for neither side
    # pairs: (E,E) (E,E) | (E,P) (E,F) | (E,P) (P,P) | (P,E) (E,P) → 3 of 8 agree
    assert (s1.agreement.compared, s1.agreement.agreed, s1.agreement.share) == (8, 3, Fraction(3, 8))
    # leader E6 P2, province E3 P4 F1: p_e = (18 + 8) / 64; κ = (24/64 − 26/64) / (38/64)
    assert s1.agreement.kappa == Fraction(-2, 38)
    assert s1.lower_criteria == (("a", 2), ("b", 1), ("c", 1))  # most often first, then by key
    s2 = result["s2"]
    assert (s2.sampled, s2.pending, s2.confirmation_rate, s2.agreement.share, s2.lower_criteria) == (
        1,
        1,
        None,
        None,
        (),
    )


def test_a_unit_with_nothing_decided_or_compared_has_no_rates():
    result = calibrate([work(7, None, {"a": "excellent"}, None)])
    assert result[7].sampled == 0 and result[7].confirmation_rate is None and result[7].agreement.kappa is None
    assert calibrate([]) == {}


def test_a_rubric_version_mismatch_leaves_the_work_out_of_the_agreement_only():
    result = calibrate(
        [work("g", Outcome.DOWNGRADED, {"a": "excellent"}, {"a": "fail"}, leader_rubric=1, province_rubric=2)]
    )["g"]
    assert result.downgraded == 1 and result.agreement.compared == 0 and result.lower_criteria == ()
