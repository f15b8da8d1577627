"""Risk-weighted sampling rounds: reproducible from the seed, equal to the uniform draw when every
weight is 1, tilted toward schools with more downgrades, overrides or near-copies, totals kept and
no stratum asked for more than it has."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from domain.sampling import SchoolRisk, plan_sample, risk_weight
from tests.domain.review.test_sampling import pool


def per_school(sample) -> Counter:
    return Counter(c.school_id for c in sample.drawn)


MIXED = pool({(1, "语文"): 7, (1, "数学"): 5, (2, "语文"): 9, (3, "英语"): 3, (4, "数学"): 6})
RISKY = {"1": Fraction(1), "2": Fraction(5, 2), "3": Fraction(1), "4": Fraction(7, 4)}


@pytest.mark.parametrize(
    "mode", [{"percent": 20}, {"percent": 33.3}, {"count": 7}, {"count": 30}, {"count": 0}, {"percent": 100}]
)
@pytest.mark.parametrize("weights", [None, RISKY])
def test_the_same_seed_draws_the_same_sample_whatever_the_order(mode, weights):
    first = plan_sample(MIXED, seed="2026-round-3", school_weights=weights, **mode)
    shuffled = MIXED[:]
    random.Random(9).shuffle(shuffled)
    again = plan_sample(shuffled, seed="2026-round-3", school_weights=weights, **mode)
    assert again == first


def test_another_seed_draws_another_sample():
    draws = {plan_sample(MIXED, seed=f"round-{n}", count=7, school_weights=RISKY).drawn for n in range(10)}
    assert len(draws) > 1


@pytest.mark.parametrize("mode", [{"percent": 10}, {"percent": 45}, {"count": 4}, {"count": 13}])
@pytest.mark.parametrize(
    "weights",
    [
        {},
        {"1": 1, "2": 1, "3": 1, "4": 1},
        {1: Fraction(1), 2: Fraction(1)},
        {"1": 3, "2": 3, "3": 3, "4": 3},  # scaling every weight alike changes nothing
        {"99": 5},  # a school with no candidates
    ],
)
def test_equal_weights_draw_exactly_the_uniform_sample(mode, weights):
    for seed in ("a", "b", "c"):
        uniform = plan_sample(MIXED, seed=seed, **mode)
        weighted = plan_sample(MIXED, seed=seed, school_weights=weights, **mode)
        assert weighted.drawn == uniform.drawn
        assert [s.drawn for s in weighted.strata] == [s.drawn for s in uniform.strata]


def test_weights_keyed_by_int_school_ids_count_like_string_keys():
    # Before the fix an int key was silently ignored and the round drew a uniform sample.
    as_int = plan_sample(MIXED, seed="k", count=8, school_weights={2: Fraction(5, 2), 4: Fraction(7, 4)})
    as_str = plan_sample(MIXED, seed="k", count=8, school_weights={"2": Fraction(5, 2), "4": Fraction(7, 4)})
    assert as_int == as_str
    assert as_int != plan_sample(MIXED, seed="k", count=8)


@pytest.mark.parametrize(
    "weights, mode, expected",
    [
        # two schools of 10 works, 4 drawn: uniform 2 + 2; weight 3 for school B → exact 1 and 3
        ({}, {"count": 4}, {"A": 2, "B": 2}),
        ({"B": 3}, {"count": 4}, {"A": 1, "B": 3}),
        ({"B": Fraction(7, 3)}, {"count": 10}, {"A": 3, "B": 7}),
        ({"B": 4}, {"percent": 25}, {"A": 1, "B": 4}),  # ceil(25% of 20) = 5 → exact 1 and 4
        ({"A": 4}, {"percent": 25}, {"A": 4, "B": 1}),
        # a weight too large for its stratum: B gives all it has, A takes the rest
        ({"B": 100}, {"count": 14}, {"A": 4, "B": 10}),
    ],
)
def test_a_crafted_case_shares_exactly_by_size_times_weight(weights, mode, expected):
    candidates = pool({("A", "语文"): 10, ("B", "语文"): 10})
    sample = plan_sample(candidates, seed="crafted", school_weights=weights, **mode)
    assert per_school(sample) == expected


@pytest.mark.parametrize(
    "signal", [dict(downgraded=2), dict(overridden=2), dict(duplicates=2), dict(downgraded=1, duplicates=1)]
)
def test_a_school_with_more_signals_gets_a_larger_expected_share_over_many_seeds(signal):
    # Four schools of five works, three drawn: uniformly each school expects 3/4 of a work.
    candidates = pool({(school, "语文"): 5 for school in range(4)})
    risks = {str(s): SchoolRisk(s, works=5, downgraded=0, overridden=0, duplicates=0) for s in range(4)}
    risks["0"] = SchoolRisk(0, works=5, **{"downgraded": 0, "overridden": 0, "duplicates": 0, **signal})
    weights = {key: risk_weight(risk, boost=1) for key, risk in risks.items()}
    seeds = [f"seed-{n}" for n in range(400)]
    uniform = Counter(c.school_id for seed in seeds for c in plan_sample(candidates, seed=seed, count=3).drawn)
    weighted = Counter(
        c.school_id for seed in seeds for c in plan_sample(candidates, seed=seed, count=3, school_weights=weights).drawn
    )
    assert sum(uniform.values()) == sum(weighted.values()) == 3 * len(seeds)
    assert 250 <= uniform[0] <= 350  # ≈ 300 (3/4 a round)
    assert weighted[0] == len(seeds)  # weight 7/5 → exact 3×7/22 ≈ 0.95 → always the largest remainder
    assert all(weighted[s] < weighted[0] for s in (1, 2, 3))
    assert weighted[0] > uniform[0]


def test_more_downgrades_never_draw_fewer_from_that_school():
    candidates = pool({(1, "语文"): 6, (1, "数学"): 4, (2, "语文"): 8, (3, "物理"): 12})
    drawn = []
    for downgraded in range(11):
        risk = SchoolRisk(1, works=10, downgraded=downgraded, overridden=0, duplicates=0)
        weights = {"1": risk_weight(risk, boost=2)}
        drawn.append(per_school(plan_sample(candidates, seed="mono", count=9, school_weights=weights))[1])
    assert drawn == sorted(drawn) and drawn[0] < drawn[-1]


@pytest.mark.parametrize("seed", [str(n) for n in range(40)])
@pytest.mark.parametrize("mode", [{"percent": 15}, {"percent": 60}, {"count": 11}, {"count": 40}])
def test_totals_are_kept_and_no_stratum_gives_more_than_it_has(seed, mode):
    r = random.Random(seed)
    spec = {(s, subject): r.randint(1, 6) for s in range(5) for subject in r.sample(["语文", "数学", "英语"], 2)}
    candidates = pool(spec)
    weights = {str(s): Fraction(r.randint(1, 30), r.randint(1, 3)) for s in range(5)}
    sample = plan_sample(candidates, seed=seed, school_weights=weights, **mode)
    n = len(candidates)
    total = -(-mode["percent"] * n // 100) if "percent" in mode else min(mode["count"], n)
    assert len(sample.drawn) == sum(s.drawn for s in sample.strata) == total
    assert len({c.submission_id for c in sample.drawn}) == total
    assert all(0 <= s.drawn <= s.size for s in sample.strata)
    assert {(s.school_id, s.subject): s.size for s in sample.strata} == {(str(k[0]), k[1]): v for k, v in spec.items()}


def test_each_stratum_reports_its_schools_weight():
    sample = plan_sample(MIXED, seed="w", count=5, school_weights=RISKY)
    assert {(s.school_id, s.subject): s.weight for s in sample.strata} == {
        ("1", "语文"): 1,
        ("1", "数学"): 1,
        ("2", "语文"): Fraction(5, 2),
        ("3", "英语"): 1,
        ("4", "数学"): Fraction(7, 4),
    }


@pytest.mark.parametrize(
    "risk, boost, weight",
    [
        (SchoolRisk(1, 0, 0, 0, 0), 2, 1),  # no work at the province: no evidence, weight 1
        (SchoolRisk(1, 0, 3, 3, 3), 2, 1),
        (SchoolRisk(1, 10, 0, 0, 0), 2, 1),
        (SchoolRisk(1, 10, 5, 0, 0), 2, 2),  # 1 + 2 × 1/2
        (SchoolRisk(1, 10, 1, 2, 3), 1, Fraction(8, 5)),  # 1 + 6/10
        (SchoolRisk(1, 10, 10, 10, 10), 1, 4),  # the ceiling 1 + 3 × boost
        (SchoolRisk(1, 10, 50, 50, 50), 1, 4),  # each share capped at 1
        (SchoolRisk(1, 4, 1, 0, 0), 0.5, Fraction(9, 8)),
        (SchoolRisk(1, 10, 10, 10, 10), 0, 1),  # boost 0 turns weighting off
    ],
)
def test_risk_weight(risk, boost, weight):
    assert risk_weight(risk, boost=boost) == weight


def test_risk_weight_stays_within_its_bounds_and_grows_with_each_signal():
    boost = 1.5
    for works in (1, 3, 10):
        for counts in [(d, o, u) for d in range(works + 2) for o in range(works + 2) for u in range(0, works + 2, 2)]:
            w = risk_weight(SchoolRisk(1, works, *counts), boost=boost)
            assert 1 <= w <= 1 + 3 * Fraction(str(boost))
            for i in range(3):
                more = list(counts)
                more[i] += 1
                assert risk_weight(SchoolRisk(1, works, *more), boost=boost) >= w
    assert risk_weight(SchoolRisk(1, 10, 2, 0, 0), boost=2) > risk_weight(SchoolRisk(1, 10, 2, 0, 0), boost=1)


@pytest.mark.parametrize(
    "risk, boost", [(SchoolRisk(1, 10, 1, 0, 0), -1), (SchoolRisk(1, 10, -1, 0, 0), 1), (SchoolRisk(1, -1, 0, 0, 0), 1)]
)
def test_a_negative_boost_or_count_is_refused(risk, boost):
    with pytest.raises(ValueError):
        risk_weight(risk, boost=boost)


@pytest.mark.parametrize("weights", [{"1": 0}, {"2": Fraction(-1)}])
def test_a_weight_that_is_not_positive_is_refused(weights):
    with pytest.raises(ValueError):
        plan_sample(MIXED, seed="x", count=3, school_weights=weights)
