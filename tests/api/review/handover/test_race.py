"""Two clicks at once (two admins of the school, or one admin twice) end in one hand-over, no 5xx."""

from __future__ import annotations

from db.models import School
from tests import review_factories as rf
from tests.api.review.handover.test_handover import works
from tests.api.review.workflow.test_concurrency import race


def test_two_simultaneous_hand_overs_make_one(pg_api):
    d = rf.demo(pg_api)
    works(pg_api, ("T001", "forwarded"), ("T002", "forwarded"), ("T006", "forwarded"))
    with pg_api.transaction() as s:
        second = rf.user(s, "school_admin", school=s.get(School, d.school_id))
    path = f"/api/schools/{d.school_id}/handover"
    a, b = race(pg_api, [("schooladmin", "POST", path, None), (second, "POST", path, None)])
    assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
    loser = a if a.status_code == 409 else b
    assert loser.json()["error"]["code"] == "handover.already_handed_over"
    assert [e[:3] for e in rf.audit_trail(pg_api, "school", d.school_id)] == [("hand_over", "open", "handed_over")]
