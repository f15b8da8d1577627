"""POST /api/province/works/{id}/review: confirm or downgrade with a reason, optionally with
criterion levels checked against the leader's rubric; a downgrade flows back to the school."""

from __future__ import annotations

from sqlalchemy import select

from db.models import ProvinceReview
from tests import review_factories as rf
from tests.api.review.province.world import world
from tests.api.review.workflow.moves import act, seed_criteria


def _review(h, submission_id: int, body: dict, username: str = "reviewer"):
    return h.client.post(f"/api/province/works/{submission_id}/review", json=body, headers=h.auth(username))


def _reviews(h, submission_id: int) -> list[ProvinceReview]:
    with h.transaction() as s:
        rows = list(s.scalars(select(ProvinceReview).where(ProvinceReview.submission_id == submission_id)))
        s.expunge_all()
        return rows


def test_downgrading_forwarded_work_with_criteria_stores_the_review(api):
    w = world(api)
    criteria = seed_criteria(c4="pass")
    response = _review(api, w.ids["plain"], {"action": "downgrade", "reason": "创新不足", "criteria": criteria})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["state"] == "downgraded" and body["rubric_version"] == 0 and body["criteria"]["c4"] == "pass"
    [row] = _reviews(api, w.ids["plain"])
    assert (row.action, row.reason, row.criteria) == ("downgrade", "创新不足", {c["key"]: c["level"] for c in criteria})
    assert rf.audit_trail(api, "submission", w.ids["plain"])[-1][:3] == ("downgrade", "forwarded", "downgraded")


def test_downgrading_confirmed_work_and_undoing_it_need_reasons(api):
    w = world(api)
    no_reason = _review(api, w.ids["confirmed"], {"action": "downgrade", "reason": "  "})
    assert no_reason.status_code == 409 and no_reason.json()["error"]["code"] == "workflow.reason_required"
    assert (
        _review(api, w.ids["confirmed"], {"action": "downgrade", "reason": "重复视频"}).json()["state"] == "downgraded"
    )
    again = _review(api, w.ids["confirmed"], {"action": "confirm"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "workflow.reason_required"
    undone = _review(api, w.ids["confirmed"], {"action": "confirm", "reason": "申诉核实"})
    assert undone.json()["state"] == "confirmed"
    assert [r.action for r in _reviews(api, w.ids["confirmed"])] == ["downgrade", "confirm"]


def test_a_confirmation_without_criteria_needs_no_reason(api):
    w = world(api)
    response = _review(api, w.ids["duplicate"], {"action": "confirm"})
    assert response.status_code == 200 and response.json()["state"] == "confirmed"
    [row] = _reviews(api, w.ids["duplicate"])
    assert row.criteria == {} and row.rubric_version is None and row.reason is None


def test_the_criteria_follow_the_rubric_the_leader_graded_with(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.handed_over(s, d.school_id)
        work = rf.submission(s, d.teachers["T002"], state="submitted").id
        rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T002"],))
        rf.accepted_session(s, d.chinese_group_id)
    assert act(api, "leader", work, "score_excellent").status_code == 200
    assert act(api, "schooladmin", work, "forward").status_code == 200
    response = _review(api, work, {"action": "confirm", "criteria": seed_criteria()})
    assert response.status_code == 200 and response.json()["rubric_version"] == 0


def test_bad_criteria_are_a_422_and_change_nothing(api):
    w = world(api)
    cases = [
        seed_criteria() + [{"key": "zz", "level": "pass"}],  # unknown
        seed_criteria()[1:],  # one missing
        seed_criteria(c4="fail"),  # an 优秀-only line cannot be 不合格
        seed_criteria() + [seed_criteria()[0]],  # twice
    ]
    for criteria in cases:
        response = _review(api, w.ids["plain"], {"action": "downgrade", "reason": "x", "criteria": criteria})
        assert response.status_code == 422 and response.json()["error"]["code"] == "province_review.invalid"
        assert response.json()["error"]["violations"]
    assert _reviews(api, w.ids["plain"]) == []
    assert rf.audit_trail(api, "submission", w.ids["plain"]) == []


def test_only_the_province_reviews(api):
    w = world(api)
    for username, status in [("schooladmin", 403), ("admin", 403), ("teacher", 403), ("leader", 403)]:
        response = _review(api, w.ids["plain"], {"action": "confirm"}, username)
        assert response.status_code == status, username
    assert _review(api, w.not_reached, {"action": "confirm"}).status_code == 404


def test_a_downgrade_flows_back_to_the_school_the_leader_and_the_teacher(api):
    w = world(api)
    d = rf.demo(api)
    assert _review(api, w.ids["plain"], {"action": "downgrade", "reason": "画面中无学生活动"}).status_code == 200
    history = api.client.get(f"/api/schools/{d.school_id}/history?action=downgrade", headers=api.auth("schooladmin"))
    assert [(e["submission_id"], e["reason"]) for e in history.json()] == [(w.ids["plain"], "画面中无学生活动")]
    for username in ("teacher", "leader"):
        moves = api.client.get(f"/api/submissions/{w.ids['plain']}/history", headers=api.auth(username)).json()
        assert (moves[-1]["action"], moves[-1]["reason"]) == ("downgrade", "画面中无学生活动"), username
    quota = api.client.get(f"/api/groups/{d.chinese_group_id}/quota", headers=api.auth("leader")).json()
    assert quota["excellent_count"] == 2  # failed_checks and duplicate still 优秀; plain no longer
