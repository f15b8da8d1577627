"""The reads the web UI needs: a submission's rubric (items and the teacher's pass line) and a
school's groups with their quotas; each checked like its neighbours."""

from __future__ import annotations

import pytest

from api.shared.review_inputs import age_reference
from db.models import Teacher
from tests import review_factories as rf


def _rubric(h, username: str, submission_id: int):
    return h.client.get(f"/api/submissions/{submission_id}/rubric", headers=h.auth(username))


def test_rubric_lists_the_points_items_and_the_teachers_pass_line(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], code="A1", state="submitted")  # 李娜, born 1980
    response = _rubric(api, "leader", work.id)
    assert response.status_code == 200, response.text
    out = response.json()
    assert (out["capability_code"], out["name_zh"], out["dimension"]) == (
        "A1",
        "技术支持的学情分析",
        "learner_analysis",
    )
    assert [i["key"] for i in out["items"]] == ["学情分析方案", "学情分析报告"]
    criteria = out["rubric"]["criteria"]
    plan = [c for c in criteria if c["item_key"] == "学情分析方案"]
    assert plan[0]["pass_zh"] == "方案要素完整，表述清晰" and len(plan) == 4  # the 考核规范 checklist, paired
    assert {c["item_key"] for c in criteria} == {"学情分析方案", "学情分析报告"}  # the report: general criteria
    assert out["graded"] is False and out["grade"] is None
    assert out["band"]["kind"] == "middle" and out["pass_line"] == 60.0
    assert (out["excellent_line"], out["max_score"]) == (90.0, 100.0)


@pytest.mark.parametrize("birth_year_offset, kind, line", [(55, "senior", 60.0), (30, "junior", 80.0)])
def test_the_pass_line_follows_the_teachers_age_band(api, birth_year_offset, kind, line):
    d = rf.demo(api)
    with api.transaction() as s:
        teacher = s.get(Teacher, d.teachers["T003"])
        teacher.birth_year = age_reference(api.settings).year - birth_year_offset
        codes = ("A1", "A2", "A5") if kind == "senior" else ("B1", "B2", "B4")
        rf.select_points(s, teacher.id, codes)
        work = rf.submission(s, teacher.id, code=codes[0], state="submitted")
    out = _rubric(api, "leader", work.id).json()
    assert (out["band"]["kind"], out["pass_line"]) == (kind, line)


def test_a_point_without_a_known_evidence_list_says_so(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], code="A2", state="submitted")
    out = _rubric(api, "leader", work.id).json()
    assert out["items"] == [] and out["capability_code"] == "A2"
    criteria = out["rubric"]["criteria"]  # the spec's general criteria, for the whole point
    assert criteria and all(c["item_key"] is None for c in criteria)


def test_the_rubric_is_as_private_as_the_submission(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T007"], code="A1", state="submitted")  # 数学组
        mine = rf.submission(s, d.teachers["T002"], code="A1", state="draft")
    refused = _rubric(api, "leader", work.id)  # 语文组's leader
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found" and refused.json()["error"]["message_zh"]
    assert _rubric(api, "teacher", work.id).status_code == 404
    assert _rubric(api, "reviewer", work.id).status_code == 404  # not forwarded
    assert _rubric(api, "schooladmin", work.id).status_code == 200
    assert _rubric(api, "teacher", mine.id).status_code == 200
    assert api.client.get(f"/api/submissions/{work.id}/rubric").status_code == 401
    assert _rubric(api, "leader", 999_999).status_code == 404


def test_school_groups_list_each_group_with_its_quota(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.excellent_work(s, d.chinese_group_id, 1)
        rf.accepted_session(s, d.chinese_group_id)
    response = api.client.get(f"/api/schools/{d.school_id}/groups", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    groups = response.json()
    assert [(g["group_id"], g["subject"]) for g in groups] == [(d.chinese_group_id, "语文"), (d.math_group_id, "数学")]
    chinese, math = groups
    assert (chinese["headcount"], chinese["excellent_count"], chinese["required_excellent"]) == (5, 1, 2)
    assert (chinese["accepted_sessions"], chinese["ok"]) == (1, False)
    assert [v["code"] for v in chinese["violations"]] == ["quota.group_excellent_short"]
    assert (math["excellent_count"], math["accepted_sessions"]) == (0, 0)
    for reason in chinese["violations"]:
        assert reason["message_zh"] and reason["message_en"]
    assert chinese["hand_over"] == {"state": "open", "submitted_at": None, "reopened_at": None, "reopen_reason": None}


def test_school_groups_carry_each_group_s_hand_over_as_the_group_route_tells_it(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.excellent_work(s, d.chinese_group_id, 2)
        rf.accepted_session(s, d.chinese_group_id)
    submitted = api.client.post(f"/api/groups/{d.chinese_group_id}/submit", headers=api.auth("leader"))
    assert submitted.status_code == 200, submitted.text
    groups = api.client.get(f"/api/schools/{d.school_id}/groups", headers=api.auth("schooladmin")).json()
    by_id = {g["group_id"]: g["hand_over"] for g in groups}
    for group_id in (d.chinese_group_id, d.math_group_id):
        full = api.client.get(f"/api/groups/{group_id}/submission", headers=api.auth("schooladmin")).json()
        assert by_id[group_id] == {k: full[k] for k in ("state", "submitted_at", "reopened_at", "reopen_reason")}
    assert by_id[d.chinese_group_id]["state"] == "submitted" and by_id[d.chinese_group_id]["submitted_at"]
    assert by_id[d.math_group_id]["state"] == "open"


@pytest.mark.parametrize("username, status", [("admin", 200), ("reviewer", 200), ("leader", 403), ("teacher", 403)])
def test_school_groups_are_for_the_school_and_above(api, username, status):
    d = rf.demo(api)
    response = api.client.get(f"/api/schools/{d.school_id}/groups", headers=api.auth(username))
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "auth.forbidden"


def test_another_schools_groups_are_not_found_for_a_school_admin(api):
    d = rf.demo(api)
    response = api.client.get(f"/api/schools/{d.school_id + 1000}/groups", headers=api.auth("schooladmin"))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_catalogue_points_name_every_point_and_mark_the_schools_offer(api):
    response = api.client.get("/api/catalogue/points", headers=api.auth("teacher"))
    assert response.status_code == 200, response.text
    points = {p["code"]: p for p in response.json()}
    assert len(points) == 30
    a1 = points["A1"]
    assert (a1["name_zh"], a1["dimension_zh"], a1["dimension_en"]) == (
        "技术支持的学情分析",
        "学情分析",
        "learner analysis",
    )
    assert (a1["environment"], a1["offered"]) == ("multimedia", True)
    assert a1["name_en"] == "Technology-supported learner analysis"
    offered = sorted(code for code, p in points.items() if p["offered"])
    assert offered == sorted(["A1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"])  # the demo school's offer


def test_catalogue_points_list_the_documents_each_point_asks_for(api):
    points = {p["code"]: p for p in api.client.get("/api/catalogue/points", headers=api.auth("teacher")).json()}
    # A1 asks for a 学情分析方案 (any format) beside its video report, which is not a document.
    assert [item["key"] for item in points["A1"]["document_items"]] == ["学情分析方案"]
    assert points["A1"]["document_items"][0]["accepted_formats"] is None
    assert "表格式" in points["A1"]["document_items"][0]["description_zh"]
    assert points["A2"]["document_items"] == []  # its evidence list is not known yet


def test_catalogue_points_without_a_school_come_from_the_national_list(api):
    points = api.client.get("/api/catalogue/points", headers=api.auth("reviewer")).json()
    assert len(points) == 30 and all(p["offered"] is None for p in points)
    assert api.client.get("/api/catalogue/points").status_code == 401


def test_history_tells_the_teacher_why_the_work_came_back(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], code="A1", state="submitted")
    returned = api.client.post(
        f"/api/submissions/{work.id}/return", json={"reason": "请补充学情分析方案"}, headers=api.auth("leader")
    )
    assert returned.status_code == 200, returned.text
    response = api.client.get(f"/api/submissions/{work.id}/history", headers=api.auth("teacher"))
    assert response.status_code == 200, response.text
    last = response.json()[-1]
    assert (last["action"], last["from_state"], last["to_state"]) == ("return", "submitted", "returned")
    assert (last["reason"], last["by_role"]) == ("请补充学情分析方案", "group_leader")
    assert set(last) == {"action", "from_state", "to_state", "reason", "by_role", "at"}  # no account names


def test_history_is_as_private_as_the_submission(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T007"], code="A1", state="submitted")  # 数学组
    for username in ("leader", "teacher", "reviewer"):
        refused = api.client.get(f"/api/submissions/{work.id}/history", headers=api.auth(username))
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found", username
    assert api.client.get(f"/api/submissions/{work.id}/history", headers=api.auth("schooladmin")).status_code == 200
