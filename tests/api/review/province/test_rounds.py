"""Sampling rounds: stored with their seed, the same seed drawing the same sample, by rate or
count, uniform or risk-weighted, only from schools that handed over."""

from __future__ import annotations

import re

from sqlalchemy import select

from db.models import SamplingRound, Submission, Teacher
from tests import review_factories as rf
from tests.api.review.province.world import ids_of, works, world


def _post(h, path: str, body: dict, username: str = "reviewer"):
    return h.client.post(f"/api/province/rounds{path}", json=body, headers=h.auth(username))


def test_a_round_is_stored_with_its_seed_and_its_drawn_work_moves_in_it(api):
    w = world(api)
    candidates = {w.ids["plain"], w.ids["failed_checks"], w.ids["a2"]}  # forwarded, handed over
    response = _post(api, "", {"mode": "percent", "percent": 50, "seed": "R-2026-1"})
    assert response.status_code == 201, response.text
    drawn = response.json()
    assert drawn["seed"] == "R-2026-1" and drawn["candidates"] == 3 and len(drawn["drawn"]) == 2  # ceil(1.5)
    assert set(drawn["drawn"]) <= candidates and drawn["drawn_by_name"] == "省级评审专家" and drawn["drawn_at"]
    assert sorted((s["subject"], s["size"]) for s in drawn["strata"]) == [("数学", 1), ("语文", 2)]
    assert sum(s["drawn"] for s in drawn["strata"]) == 2 and {s["weight"] for s in drawn["strata"]} == {1.0}
    assert api.client.get(f"/api/province/rounds/{drawn['id']}", headers=api.auth("admin")).json() == drawn
    in_round = works(api, round_id=drawn["id"])
    assert set(ids_of(in_round)) == set(drawn["drawn"]) and {x["state"] for x in in_round.json()["items"]} == {
        "sampled"
    }
    trail = rf.audit_trail(api, "submission", drawn["drawn"][0])
    assert trail[-1][:3] == ("sample", "forwarded", "sampled") and "seed=R-2026-1" in trail[-1][4]


def test_the_same_seed_gives_the_same_sample_and_a_preview_changes_nothing(api):
    world(api)
    body = {"mode": "count", "count": 2, "seed": "same-seed", "weighting": "uniform"}
    first, second = _post(api, "/preview", body).json(), _post(api, "/preview", body).json()
    assert first == second and first["id"] is None and len(first["drawn"]) == 2
    with api.transaction() as s:
        assert s.scalar(select(SamplingRound.id)) is None
        assert {s.get(Submission, i).state for i in first["drawn"]} == {"forwarded"}
    drawn = _post(api, "", body).json()
    assert drawn["drawn"] == first["drawn"] and drawn["strata"] == first["strata"] and drawn["count"] == 2
    assert drawn["mode"] == "count" and drawn["percent"] is None
    # Rounds name the works they draw (in a preview, a drawn round and a round read alone; not in lists).
    assert [w["id"] for w in drawn["drawn_works"]] == drawn["drawn"] == [w["id"] for w in first["drawn_works"]]
    with api.transaction() as s:
        for work in drawn["drawn_works"]:
            submission = s.get(Submission, work["id"])
            teacher = s.get(Teacher, submission.teacher_id)
            assert (work["teacher_name"], work["subject"], work["capability_code"]) == (
                teacher.name,
                teacher.subject,
                submission.capability_code,
            )
    alone = api.client.get(f"/api/province/rounds/{drawn['id']}", headers=api.auth("reviewer")).json()
    assert alone["drawn_works"] == drawn["drawn_works"]
    listed = api.client.get("/api/province/rounds", headers=api.auth("reviewer")).json()
    assert listed[0]["drawn_works"] is None


def test_a_seed_is_made_when_none_is_given_and_the_rounds_list_newest_first(api):
    world(api)
    first = _post(api, "", {"mode": "count", "count": 1}).json()
    assert re.fullmatch(r"\d{8}-[34679ACDEFHJKLMNPRTUWXY]{5}", first["seed"])
    second = _post(api, "", {"mode": "percent", "percent": 100, "weighting": "risk"}).json()
    assert second["candidates"] == 2 and len(second["drawn"]) == 2  # what the first left
    listed = api.client.get("/api/province/rounds", headers=api.auth("reviewer")).json()
    assert [r["id"] for r in listed] == [second["id"], first["id"]]
    assert listed[0]["weighting"] == "risk" and listed[1]["seed"] == first["seed"]


def test_risk_weighting_favours_the_school_with_signals(api):
    """语文 (its work: a failed check, a near-copy) and 数学 (a session on the leader's word, a
    downgrade): weights above 1, read from the signals (domain.sampling.risk_weight)."""
    world(api)
    preview = _post(api, "/preview", {"mode": "count", "count": 1, "seed": "x", "weighting": "risk"}).json()
    assert all(s["weight"] > 1 for s in preview["strata"])
    uniform = _post(api, "/preview", {"mode": "count", "count": 1, "seed": "x"}).json()
    assert {s["weight"] for s in uniform["strata"]} == {1.0}


def test_schools_that_have_not_handed_over_are_never_sampled(api):
    w = world(api)
    drawn = _post(api, "", {"mode": "percent", "percent": 100, "seed": "all"}).json()
    assert w.ids["other0"] not in drawn["drawn"] and w.ids["other1"] not in drawn["drawn"]
    assert {s["school_id"] for s in drawn["strata"]} == {w.school_id}
    refused = _post(api, "", {"mode": "percent", "percent": 100, "seed": "again"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "sample.no_handed_over_school"
    assert refused.json()["error"]["forwarded"] == 2 and "学校提交" in refused.json()["error"]["message_zh"]


def test_no_candidates_at_all_is_a_409(api):
    refused = _post(api, "", {"mode": "count", "count": 1, "seed": "s"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "sample.nothing_forwarded"


def test_refusals_of_a_round(api):
    world(api)
    cases = [
        ("schooladmin", "", {"mode": "count", "count": 1}, 403, "auth.forbidden"),
        ("admin", "", {"mode": "count", "count": 1}, 403, "auth.forbidden"),
        ("reviewer", "", {"mode": "count"}, 422, "sample.mode_needs_value"),
        ("reviewer", "", {"mode": "percent", "percent": 10, "count": 3}, 422, "sample.mode_needs_value"),
        ("reviewer", "", {"mode": "percent", "percent": 101}, 422, "request.invalid"),
        ("reviewer", "/preview", {"mode": "count", "count": 1}, 422, "sample.seed_required"),
    ]
    for username, path, body, status, code in cases:
        response = _post(api, path, body, username)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), (username, body)
    assert api.client.get("/api/province/rounds/999", headers=api.auth("reviewer")).status_code == 404
    assert works(api, state="sampled").json()["total"] == 1  # nothing was drawn
