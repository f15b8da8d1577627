"""Two reviewers drawing rounds at once take turns on PostgreSQL: no work is drawn twice, and the
second round's candidates are what the first left."""

from __future__ import annotations

from tests import factories
from tests import review_factories as rf
from tests.api.review.workflow.test_concurrency import race


def test_two_rounds_at_once_take_turns(pg_api):
    d = rf.demo(pg_api)
    with pg_api.transaction() as s:
        rf.handed_over(s, d.school_id)
        for teacher in d.teachers.values():
            rf.submission(s, teacher, state="forwarded")
        second = factories.make_user(s, "provincial_reviewer").username
    body = {"mode": "count", "count": 4, "seed": "race"}
    responses = race(
        pg_api, [("reviewer", "POST", "/api/province/rounds", body), (second, "POST", "/api/province/rounds", body)]
    )
    assert [r.status_code for r in responses] == [201, 201], [r.text for r in responses]
    rounds = sorted((r.json() for r in responses), key=lambda r: r["id"])
    assert [r["candidates"] for r in rounds] == [10, 6]
    assert not set(rounds[0]["drawn"]) & set(rounds[1]["drawn"]) and len(rounds[1]["drawn"]) == 4
    sampled = pg_api.client.get("/api/province/works", params={"state": "sampled"}, headers=pg_api.auth("reviewer"))
    assert sampled.json()["total"] == 8
