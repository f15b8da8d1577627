"""Where the database draws a round (PostgreSQL ranks each stratum by SHA-256 itself), it draws
exactly what ``domain.sampling.plan_sample`` draws from the same candidates: the domain stays the
rule, whichever side computes it. On SQLite the domain draws, so the same test holds there too."""

from __future__ import annotations

import pytest

from api.review.province import repository
from domain.sampling import plan_sample
from tests import review_factories as rf

AMOUNTS = [{"mode": "percent", "percent": 10}, {"mode": "percent", "percent": 33.3}, {"mode": "count", "count": 7}]


@pytest.mark.parametrize("seed", ["R-2026-1", "种子-β 抽检", "20261206-K7QPA"])
def test_the_drawn_works_are_the_domains_draw(api, seed):
    ids = rf.forwarded_works(api, 30)
    with api.transaction() as s:
        candidates = repository.candidates(s)
    assert sorted(c.submission_id for c in candidates) == sorted(ids)
    assert len({(c.school_id, c.subject) for c in candidates}) > 1  # several strata, each drawn inside
    for amount in AMOUNTS:
        response = api.client.post(
            "/api/province/rounds/preview", json={**amount, "seed": seed}, headers=api.auth("reviewer")
        )
        assert response.status_code == 200, response.text
        value = {k: v for k, v in amount.items() if k != "mode"}
        expected = plan_sample(candidates, seed=seed, **value)
        assert response.json()["drawn"] == sorted(c.submission_id for c in expected.drawn), amount
        assert [(s["subject"], s["size"], s["drawn"]) for s in response.json()["strata"]] == [
            (s.subject, s.size, s.drawn) for s in expected.strata
        ]


def test_a_stratum_drawn_whole_or_not_at_all(api):
    ids = rf.forwarded_works(api, 12)
    every = api.client.post(
        "/api/province/rounds/preview",
        json={"mode": "percent", "percent": 100, "seed": "all"},
        headers=api.auth("reviewer"),
    )
    none = api.client.post(
        "/api/province/rounds/preview", json={"mode": "count", "count": 0, "seed": "none"}, headers=api.auth("reviewer")
    )
    assert every.json()["drawn"] == sorted(ids) and none.json()["drawn"] == []
