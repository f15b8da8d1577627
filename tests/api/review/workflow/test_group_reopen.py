"""A submitted group reopens when the school returns one of its members' work, and submits again.

The whole loop through the API: return → resubmit → rescore → the group submits again, every
step through ``transition()`` and in the audit log. The 语文 group has 5 members and needs
ceil(30% × 5) = 2 优秀 and an accepted session recording.
"""

from __future__ import annotations

from tests import review_factories as rf
from tests.api.review.workflow.moves import REASONED, SCORE_BODIES, act


def _group(h, group_id: int, username: str = "leader") -> dict:
    return h.client.get(f"/api/groups/{group_id}/submission", headers=h.auth(username)).json()


def _submit_group(h, group_id: int, **body):
    return h.client.post(f"/api/groups/{group_id}/submit", json=body or None, headers=h.auth("leader"))


def test_return_resubmit_rescore_and_submit_again(api):
    d = rf.demo(api)
    group_id, leader, school, teacher = (
        d.chinese_group_id,
        d.users["leader"],
        d.users["schooladmin"],
        d.users["teacher"],
    )
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], state="submitted").id
        rf.excellent_work(s, group_id, 1, skip=(d.teachers["T002"], d.teachers["T001"]))
        rf.accepted_session(s, group_id)
    assert act(api, "leader", work, "score_excellent").status_code == 200
    first = _submit_group(api, group_id, version=0)
    assert first.status_code == 200 and first.json()["state"] == "submitted"

    returned = act(api, "schooladmin", work, "return")  # the school sends 李娜's 优秀 work back
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    status = _group(api, group_id)
    assert status["state"] == "reopened" and status["quota"]["excellent_count"] == 1
    refused = _submit_group(api, group_id)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "group.quota_unmet"
    assert refused.json()["error"]["quota"]["missing_excellent"] == 1, "it says exactly what is missing"

    assert act(api, "teacher", work, "resubmit").json()["state"] == "resubmitted"
    assert _group(api, group_id)["state"] == "reopened"
    assert act(api, "leader", work, "score_excellent").json()["state"] == "scored_excellent"
    again = _submit_group(api, group_id, version=status["version"])
    assert again.status_code == 200, again.text
    assert again.json()["state"] == "submitted" and again.json()["quota"]["ok"] is True
    assert act(api, "schooladmin", work, "forward").json()["state"] == "forwarded"

    comment = SCORE_BODIES["score_excellent"]["comment"]
    assert rf.audit_trail(api, "submission", work) == [
        ("score_excellent", "submitted", "scored_excellent", leader, comment),
        ("return", "scored_excellent", "returned", school, REASONED["return"]),
        ("resubmit", "returned", "resubmitted", teacher, None),
        ("score_excellent", "resubmitted", "scored_excellent", leader, comment),
        ("forward", "scored_excellent", "forwarded", school, None),
    ]
    reopen_reason = f"作品 {work} 退回 (submission {work} returned)：{REASONED['return']}"
    assert rf.audit_trail(api, "group", group_id) == [
        ("submit", "open", "submitted", leader, None),
        ("reopen", "submitted", "reopened", school, reopen_reason),
        ("submit", "reopened", "submitted", leader, None),
    ]


def test_a_group_not_yet_submitted_is_not_reopened(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], state="scored_excellent").id
    assert act(api, "schooladmin", work, "return").status_code == 200
    assert _group(api, d.chinese_group_id)["state"] == "open"
    assert rf.audit_trail(api, "group", d.chinese_group_id) == []


def test_new_work_handed_to_a_submitted_group_reopens_it_too(api):
    d = rf.demo(api)
    group_id = d.chinese_group_id
    with api.transaction() as s:
        rf.excellent_work(s, group_id, 2, skip=(d.teachers["T002"],))
        rf.accepted_session(s, group_id)
        draft = rf.submission(s, d.teachers["T002"], state="draft").id
    assert _submit_group(api, group_id).status_code == 200
    assert act(api, "teacher", draft, "submit").json()["state"] == "submitted"
    assert _group(api, group_id)["state"] == "reopened", "the leader must grade it and hand the group in again"
    assert act(api, "leader", draft, "score_pass").status_code == 200
    assert _submit_group(api, group_id).json()["state"] == "submitted"
    assert [e[0] for e in rf.audit_trail(api, "group", group_id)] == ["submit", "reopen", "submit"]
