"""Provincial sampling: deterministic in its seed, proportional and fair per school and subject.

No seed states a sampling rate; seed 001 §六.1 only says 优秀 work goes to the provincial platform
(“考核为优秀的由校级管理员将该学员应用成果上传至平台供全省教师学习点评使用”).
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from domain.sampling import Candidate, draw_sample, plan_sample, sample_size


def pool(spec):
    """``spec``: {(school, subject): count} → candidates with ids 1..n."""
    out, n = [], 0
    for (school, subject), count in spec.items():
        for _ in range(count):
            n += 1
            out.append(Candidate(n, school, subject))
    return out


@pytest.mark.parametrize(
    "count, percent, size",
    [(0, 10, 0), (1, 10, 1), (10, 10, 1), (11, 10, 2), (100, 10, 10), (30, 30, 9), (7, 100, 7), (7, 0, 0)],
)
def test_sample_size_rounds_up(count, percent, size):
    assert sample_size(count, percent=percent) == size


def test_rate_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        sample_size(10, percent=120)


def test_same_seed_same_sample_whatever_the_order():
    candidates = pool({(1, "语文"): 7, (1, "数学"): 5, (2, "语文"): 9, (3, "英语"): 3})
    first = draw_sample(candidates, percent=20, seed="2022-round-1")
    shuffled = candidates[:]
    random.Random(4).shuffle(shuffled)
    assert draw_sample(shuffled, percent=20, seed="2022-round-1") == first
    assert len(first) == 5 and set(first) <= set(candidates)
    others = {draw_sample(candidates, percent=20, seed=f"round-{n}") for n in range(10)}
    assert len(others) > 1  # the seed matters


def test_allocation_is_proportional_per_school_and_subject():
    candidates = pool({(1, "语文"): 20, (1, "数学"): 10, (2, "语文"): 30, (2, "物理"): 40})
    drawn = Counter((c.school_id, c.subject) for c in draw_sample(candidates, percent=10, seed="s"))
    assert drawn == {(1, "语文"): 2, (1, "数学"): 1, (2, "语文"): 3, (2, "物理"): 4}


def test_small_strata_share_the_remainder_fairly_across_seeds():
    candidates = pool({(school, "语文"): 1 for school in range(10)})  # ten schools, one 优秀 each
    hits = Counter(c.school_id for n in range(2000) for c in draw_sample(candidates, percent=10, seed=str(n)))
    assert sum(hits.values()) == 2000 and len(hits) == 10
    assert all(140 <= count <= 260 for count in hits.values())  # each ≈ 200


def test_everything_or_nothing():
    candidates = pool({(1, "语文"): 3, (2, "数学"): 2})
    assert set(draw_sample(candidates, percent=100, seed="x")) == set(candidates)
    assert draw_sample(candidates, percent=0, seed="x") == ()
    assert draw_sample([], percent=10, seed="x") == ()


def test_a_submission_listed_twice_is_refused():
    with pytest.raises(ValueError):
        draw_sample([Candidate(1, 1, "语文"), Candidate(1, 1, "语文")], percent=10, seed="x")


def test_a_stored_round_draws_the_same_works_as_when_it_was_drawn():
    """Pinned draws (made before the shares were worked out in integers): a stored round's seed must
    keep drawing what it drew, whatever the arithmetic inside."""
    works = [Candidate(i, 1 + i % 3, ("语文", "数学")[i % 5 < 2]) for i in range(1, 61)]
    by_rate = plan_sample(works, seed="20261206-K7QPA", percent=25)
    weighted = plan_sample(works, seed="20261206-K7QPA", count=13, school_weights={"2": Fraction(7, 3)})
    assert [c.submission_id for c in by_rate.drawn] == [36, 6, 54, 12, 57, 16, 10, 28, 7, 34, 41, 50, 38, 53, 8]
    assert [c.submission_id for c in weighted.drawn] == [36, 54, 12, 16, 10, 46, 28, 7, 34, 13, 41, 38, 53]
