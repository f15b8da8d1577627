"""A group's submission to the school, gated by its quota with exactly what is missing explained.

The 语文 group has 5 members: it needs ceil(30% × 5) = 2 优秀 and one accepted session recording.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests import review_factories as rf


def status_url(group_id: int) -> str:
    return f"/api/groups/{group_id}/submission"


def arrange(h, *, excellent: int = 0, other_states=(), session: str | None = None):
    d = rf.demo(h)
    with h.transaction() as s:
        rf.excellent_work(s, d.chinese_group_id, excellent)
        for staff, state in zip(("T005", "T004"), other_states):
            rf.submission(s, d.teachers[staff], code="B4", state=state)
        if session is not None:
            recording = rf.accepted_session(s, d.chinese_group_id)
            if session == "rejected":
                recording.checks = {"duration": {"ok": False, "code": "duration.too_short"}}
            elif session in ("failed", "queued"):
                recording.jobs[0].state = session
    return d


@pytest.mark.parametrize(
    "excellent, other_states, session, counts, violations",
    [
        (0, (), None, (0, 2, 0), ["quota.group_excellent_short", "quota.group_session_missing"]),
        (1, (), "accepted", (1, 1, 1), ["quota.group_excellent_short"]),
        (2, (), "rejected", (2, 0, 0), ["quota.group_session_missing"]),
        (2, (), "failed", (2, 0, 0), ["quota.group_session_missing"]),
        (2, (), "queued", (2, 0, 0), ["quota.group_session_missing"]),  # its probe is not done yet
        (1, ("downgraded", "scored_pass"), "accepted", (1, 1, 1), ["quota.group_excellent_short"]),
        (1, ("forwarded",), "accepted", (2, 0, 1), []),
        (2, (), "accepted", (2, 0, 1), []),
    ],
)
def test_status_explains_exactly_what_is_missing(api, excellent, other_states, session, counts, violations):
    d = arrange(api, excellent=excellent, other_states=other_states, session=session)
    out = api.client.get(status_url(d.chinese_group_id), headers=api.auth("leader")).json()
    quota = out["quota"]
    assert (quota["excellent_count"], quota["missing_excellent"], quota["accepted_sessions"]) == counts
    assert quota["headcount"] == 5 and quota["required_excellent"] == 2 and quota["ok"] is (not violations)
    assert [v["code"] for v in out["violations"]] == violations
    assert out["state"] == "open" and out["version"] == 0


def test_the_leader_submits_only_once_the_quota_is_met(api):
    d = arrange(api, excellent=1)
    submit = f"/api/groups/{d.chinese_group_id}/submit"
    refused = api.client.post(submit, headers=api.auth("leader"))
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert (
        error["code"] == "group.quota_unmet" and "还差 1 个" in error["message_zh"] and "1 more" in error["message_en"]
    )
    assert error["quota"]["missing_excellent"] == 1 and len(error["violations"]) == 2
    with api.transaction() as s:
        rf.submission(s, d.teachers["T005"], state="scored_excellent")
        rf.accepted_session(s, d.chinese_group_id)
    done = api.client.post(submit, json={"version": 0}, headers=api.auth("leader"))
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "submitted" and done.json()["submitted_by"] == d.users["leader"]
    again = api.client.post(submit, headers=api.auth("leader"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "group.already_submitted"
    assert rf.audit_trail(api, "group", d.chinese_group_id) == [
        ("submit", "open", "submitted", d.users["leader"], None)
    ]


def test_who_may_see_and_submit_a_groups_status(api):
    d = arrange(api, excellent=2, session="accepted")
    with api.transaction() as s:
        math_leader = rf.group_leader(s, d.math_group_id)
        other_admin = rf.user(s, "school_admin", school=factories.make_school(s))
    reads = {
        "leader": 200,
        "schooladmin": 200,
        "admin": 200,
        "teacher": 403,
        "reviewer": 403,
        math_leader: 404,  # another group: out of sight, as its quota is
        other_admin: 404,
    }
    for username, status in reads.items():
        assert api.client.get(status_url(d.chinese_group_id), headers=api.auth(username)).status_code == status
    assert api.client.get(status_url(99999), headers=api.auth("admin")).status_code == 404
    submit = f"/api/groups/{d.chinese_group_id}/submit"
    for username in ("schooladmin", "admin", "teacher"):
        assert api.client.post(submit, headers=api.auth(username)).status_code == 403, username
    for username in (math_leader, other_admin):
        assert api.client.post(submit, headers=api.auth(username)).status_code == 404, username
    assert rf.audit_trail(api, "group", d.chinese_group_id) == []
