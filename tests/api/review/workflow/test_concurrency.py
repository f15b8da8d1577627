"""Races on PostgreSQL: two people acting at once never both win, and nothing is lost.

Each contender is a thread with its own TestClient on the same app (so its own request
transaction and connection), lined up on a barrier so the requests overlap.
"""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.review.submissions import transitions
from db.models import ResearchGroup, School, Submission
from domain.roles import Actor, Role
from domain.workflow import Action
from tests import review_factories as rf
from tests.api.review.workflow.moves import SCORE_BODIES


def race(h, calls: list[tuple[str, str, str, dict | None]], *, raise_server_exceptions: bool = True) -> list:
    """Run (username, method, path, json) calls at the same moment; return their responses.

    ``raise_server_exceptions=False`` turns a crash into the 500 a client would get, to count them.
    """
    headers = [h.auth(username) for username, *_ in calls]
    barrier = threading.Barrier(len(calls))
    responses: list = [None] * len(calls)

    def contender(i: int) -> None:
        client = TestClient(h.app, raise_server_exceptions=raise_server_exceptions)
        _, method, path, body = calls[i]
        barrier.wait()
        responses[i] = client.request(method, path, json=body, headers=headers[i])

    threads = [threading.Thread(target=contender, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return responses


def second(h, role: str) -> str:
    """Another account of ``role`` for the demo school's 语文 group."""
    d = rf.demo(h)
    with h.transaction() as s:
        if role == "group_leader":
            return rf.group_leader(s, d.chinese_group_id)
        return rf.user(s, role, school=s.get(School, d.school_id))


EXCELLENT, PASS = SCORE_BODIES["score_excellent"], SCORE_BODIES["score_pass"]
# starting state, then each contender as (user or a role to create, action, body); in either
# order the second move is illegal once the first is done
SCENARIOS = {
    "two leaders grade": ("submitted", ("leader", "score", EXCELLENT), ("group_leader", "score", PASS)),
    "two admins forward": ("scored_excellent", ("schooladmin", "forward", None), ("school_admin", "forward", None)),
    "teacher and leader submit": ("draft", ("teacher", "submit", None), ("leader", "submit", None)),
    # (One confirming while another downgrades is no race: confirmed work may still be downgraded.)
    "two reviewers downgrade": (
        "sampled",
        ("reviewer", "downgrade", {"reason": "画面中无学生活动"}),
        ("provincial_reviewer", "downgrade", {"reason": "未见信息技术应用"}),
    ),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_exactly_one_of_two_simultaneous_moves_wins(pg_api, scenario):
    state, *contenders = SCENARIOS[scenario]
    d = rf.demo(pg_api)
    with pg_api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], state=state).id
        rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T002"],))
        rf.accepted_session(s, d.chinese_group_id)
    calls = []
    for user, action, body in contenders:
        username = user if user in d.users else second(pg_api, user)
        calls.append((username, "POST", f"/api/submissions/{submission_id}/{action}", body))
    a, b = race(pg_api, calls)
    assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
    loser = a if a.status_code == 409 else b
    assert loser.json()["error"]["code"] in ("workflow.illegal_move", "concurrency.conflict")
    winner = a if a.status_code == 200 else b
    trail = rf.audit_trail(pg_api, "submission", submission_id)
    assert len(trail) == 1 and trail[0][1] == state and trail[0][2] == winner.json()["state"]
    with pg_api.transaction() as s:
        row = s.get(Submission, submission_id)
        assert row.state == winner.json()["state"] and row.version == winner.json()["version"]


def test_two_saves_of_the_same_version_keep_exactly_one(pg_api):
    d = rf.demo(pg_api)
    url = f"/api/teachers/{d.teachers['T002']}/selection"
    with pg_api.transaction() as s:
        rf.select_points(s, d.teachers["T002"], ["A1"], status="draft")
    a, b = race(
        pg_api,
        [
            ("teacher", "PUT", url, {"codes": ["A1", "A2"], "version": 1}),
            ("teacher", "PUT", url, {"codes": ["A1", "B4"], "version": 1}),
        ],
    )
    assert sorted([a.status_code, b.status_code]) == [200, 409]
    winner = a if a.status_code == 200 else b
    loser = b if winner is a else a
    assert loser.json()["error"]["code"] == "concurrency.stale_version"
    stored = pg_api.client.get(url, headers=pg_api.auth("teacher")).json()
    assert stored["codes"] == winner.json()["codes"] and stored["version"] == 2
    assert len(rf.audit_trail(pg_api, "selection", d.teachers["T002"])) == 1


def test_forwarding_waits_for_a_quota_change_in_flight_and_sees_it(pg_api):
    """The school forwards while the group's other 优秀 is being returned: the forward must wait
    for the group's lock and then refuse, because the group no longer meets its quota."""
    d = rf.demo(pg_api)
    with pg_api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], state="scored_excellent").id
        (other,) = rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T002"],))
        rf.accepted_session(s, d.chinese_group_id)
    headers = pg_api.auth("schooladmin")
    result = {}

    def forward() -> None:
        result["response"] = TestClient(pg_api.app).post(f"/api/submissions/{submission_id}/forward", headers=headers)

    admin = Actor(user_id=d.users["schooladmin"], role=Role.SCHOOL_ADMIN, school_id=d.school_id)
    with pg_api.transaction() as s:
        s.scalars(select(ResearchGroup).where(ResearchGroup.id == d.chinese_group_id).with_for_update()).one()
        thread = threading.Thread(target=forward)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "the forward did not wait for the group's lock"
        back = transitions.plan(
            s, pg_api.app.state.context, admin, s.get(Submission, other.id), Action.RETURN, reason="重新评定"
        )
        transitions.apply(s, admin, back)
    thread.join(timeout=30)
    response = result["response"]
    assert response.status_code == 409 and response.json()["error"]["code"] == "workflow.group_quota_unmet"
    assert response.json()["error"]["quota"]["excellent_count"] == 1
    assert rf.audit_trail(pg_api, "submission", submission_id) == []
