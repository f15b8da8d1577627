"""The teacher's overall result through the API, on SQLite and PostgreSQL: the teacher's own, a group's
members' for the leader, a school's with counts by result and seed 000's 能力点作业通过率."""

from __future__ import annotations

from datetime import date, timedelta

from api.shared import review_inputs
from db.models import School, Submission, Teacher
from tests import factories
from tests.review_factories import demo, select_points, submission


def _states(h, teacher_id: int, states: dict[str, str]) -> None:
    """A confirmed A1 A2 B4 selection and the work for each point in the given state."""
    with h.transaction() as s:
        select_points(s, teacher_id)
        for code, state in states.items():
            submission(s, teacher_id, code=code, state=state)


def _result(h, teacher_id: int, user: str = "teacher"):
    response = h.client.get(f"/api/teachers/{teacher_id}/result", headers=h.auth(user))
    assert response.status_code == 200, response.text
    return response.json()


def test_teacher_sees_in_progress_with_what_is_missing_then_pass_then_excellent(api):
    d = demo(api)
    me = d.teachers["T002"]
    body = _result(api, me)
    assert (body["result"], body["result_zh"], body["chosen"]) == ("in_progress", "进行中", 0)
    assert [r["code"] for r in body["reasons"]] == ["result.no_selection"]

    _states(api, me, {"A1": "scored_pass", "A2": "submitted"})
    body = _result(api, me)
    assert body["result"] == "in_progress" and (body["chosen"], body["passed"]) == (3, 1)
    assert [(r["code"], r["message_zh"][:2]) for r in body["reasons"]] == [
        ("result.awaiting_grade", "A2"),
        ("result.no_work", "B4"),
    ]
    assert [(p["code"], p["state"], p["level"], p["passed"]) for p in body["points"]] == [
        ("A1", "scored_pass", "pass", True),
        ("A2", "submitted", None, False),
        ("B4", None, None, False),
    ]

    with api.transaction() as s:
        for sub in s.query(Submission).filter_by(teacher_id=me):
            sub.state = "scored_pass"
        submission(s, me, code="B4", state="scored_pass")
    body = _result(api, me)
    assert (body["result"], body["result_zh"], body["result_en"], body["reasons"]) == ("pass", "合格", "pass", [])

    with api.transaction() as s:
        s.query(Submission).filter_by(teacher_id=me, capability_code="B4").one().state = "scored_excellent"
    assert _result(api, me)["result"] == "excellent"  # the default rule: any_point
    api.settings.review_teacher_excellent_rule = "all_points"
    assert _result(api, me)["result"] == "pass"


def test_a_fail_is_in_progress_until_the_assessment_closes(api):
    d = demo(api)
    me = d.teachers["T002"]
    _states(api, me, {"A1": "scored_fail", "A2": "scored_pass", "B4": "scored_excellent"})
    body = _result(api, me)
    assert body["result"] == "in_progress"
    assert [r["code"] for r in body["reasons"]] == ["result.failed_revisable"]
    api.settings.review_assessment_closes_on = date.today() - timedelta(days=2)
    body = _result(api, me)
    assert body["result"] == "fail" and body["result_zh"] == "不合格"
    assert [r["code"] for r in body["reasons"]] == ["result.failed_final"]
    school = api.client.get(f"/api/schools/{d.school_id}/results", headers=api.auth("schooladmin")).json()
    assert school["closed"] is True and school["counts"]["fail"] == 10  # nine without points by the close


def test_after_the_close_work_is_no_longer_handed_in(api):
    """A 不合格 stands once the assessment closes, so submitting and resubmitting are refused (409)."""
    d = demo(api)
    me = d.teachers["T002"]
    with api.transaction() as s:
        select_points(s, me)
        draft = submission(s, me, code="A1", state="draft").id
        failed = submission(s, me, code="A2", state="scored_fail").id
    today = review_inputs.today(api.settings)  # Beijing's day, as the rule reads it
    closed = today - timedelta(days=1)
    api.settings.review_assessment_closes_on = closed
    for work, action in ((draft, "submit"), (failed, "resubmit")):
        refused = api.client.post(f"/api/submissions/{work}/{action}", headers=api.auth("teacher"))
        assert refused.status_code == 409, refused.text
        error = refused.json()["error"]
        assert error["code"] == "result.submit_after_close" and closed.isoformat() in error["message_zh"]
    api.settings.review_assessment_closes_on = today  # the closing day itself is still open
    submitted = api.client.post(f"/api/submissions/{draft}/submit", headers=api.auth("teacher"))
    assert submitted.status_code == 200, submitted.text


def test_who_may_read_whose_result(api):
    d = demo(api)
    with api.transaction() as s:
        other = factories.make_school(s)
        other_admin = factories.make_user(s, "school_admin", school=other).username
        peer = factories.make_user(
            s, "teacher", school=s.get(School, d.school_id), teacher=s.get(Teacher, d.teachers["T003"])
        ).username
    mine = f"/api/teachers/{d.teachers['T002']}/result"
    assert api.client.get(mine, headers=api.auth("leader")).status_code == 200  # the group's leader
    assert api.client.get(mine, headers=api.auth("schooladmin")).status_code == 200
    assert api.client.get(mine, headers=api.auth(peer)).status_code == 404  # another teacher
    assert api.client.get(mine, headers=api.auth(other_admin)).status_code == 404
    # the province sees only the authors of forwarded work
    assert api.client.get(mine, headers=api.auth("reviewer")).status_code == 404

    chinese, math = f"/api/groups/{d.chinese_group_id}/results", f"/api/groups/{d.math_group_id}/results"
    assert api.client.get(chinese, headers=api.auth("leader")).status_code == 200
    assert api.client.get(math, headers=api.auth("leader")).status_code == 404
    refused = api.client.get(chinese, headers=api.auth("teacher"))
    assert refused.status_code == 403 and refused.json()["error"]["message_en"]
    school = f"/api/schools/{d.school_id}/results"
    assert api.client.get(school, headers=api.auth("leader")).status_code == 403
    assert api.client.get(school, headers=api.auth(other_admin)).status_code == 404
    assert api.client.get(school, headers=api.auth("admin")).status_code == 200


def test_leader_reads_each_members_result(api):
    d = demo(api)
    _states(api, d.teachers["T002"], {"A1": "scored_pass", "A2": "scored_pass", "B4": "scored_excellent"})
    _states(api, d.teachers["T003"], {"A1": "scored_pass", "A2": "scored_pass", "B4": "downgraded"})
    _states(api, d.teachers["T006"], {"A1": "scored_pass", "A2": "scored_pass", "B4": "scored_pass"})  # math
    body = api.client.get(f"/api/groups/{d.chinese_group_id}/results", headers=api.auth("leader")).json()
    by_staff = {t["staff_id"]: t["result"] for t in body["teachers"]}
    assert by_staff == {
        "T001": "in_progress",
        "T002": "excellent",
        "T003": "pass",
        "T004": "in_progress",
        "T005": "in_progress",
    }
    assert body["counts"] == {"in_progress": 3, "pass": 1, "excellent": 1, "fail": 0}
    assert body["pass_rate"] == {"passed": 6, "chosen": 6, "percent": 100.0}
    assert body["group_id"] == d.chinese_group_id and body["excellent_rule"] == "any_point"


def test_school_counts_and_pass_rate_in_a_few_grouped_queries(api):
    """Seed 000 “教师能力点作业通过率”: points passed ÷ points chosen in confirmed selections."""
    d = demo(api)
    path = f"/api/schools/{d.school_id}/results"
    _states(api, d.teachers["T002"], {"A1": "scored_pass", "A2": "scored_fail", "B4": "submitted"})
    api.queries_for(path, "schooladmin")  # the first read warms what later reads share
    few = api.queries_for(path, "schooladmin")
    assert few <= 8
    for staff in ("T003", "T004", "T006", "T007", "T008"):
        _states(api, d.teachers[staff], {"A1": "scored_pass", "A2": "scored_pass", "B4": "scored_excellent"})
    with api.transaction() as s:
        select_points(s, d.teachers["T009"], status="draft")  # not confirmed: not in the rate
    assert api.queries_for(path, "schooladmin") == few  # no query per teacher

    body = api.client.get(path, headers=api.auth("schooladmin")).json()
    assert body["counts"] == {"in_progress": 5, "pass": 0, "excellent": 5, "fail": 0}
    assert body["pass_rate"] == {"passed": 16, "chosen": 18, "percent": 88.9}
    assert len(body["teachers"]) == 10 and body["group_id"] is None and body["closed"] is False
    t009 = next(t for t in body["teachers"] if t["staff_id"] == "T009")
    assert [r["code"] for r in t009["reasons"]] == ["result.selection_not_confirmed"]
