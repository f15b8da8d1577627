"""A school's rubrics: the admin edits a point's criteria (each save a new version), leaders
grade by the current version, and graded work keeps the version it was graded under.

Demo school: offers A1, A2, A5, A11, B1, B2, B4, B9 (not C4); ``schooladmin`` is its admin,
``leader`` leads the 语文 group of 李娜 (T002, pass line 60) and 张伟 (T003).
"""

from __future__ import annotations

import pytest

from tests import review_factories as rf
from tests.api.review.workflow.moves import seed_criteria

NEW = {
    "item_key": None,
    "title_zh": "学生参与",
    "title_en": "Students take part",
    "excellent_zh": "学生全员积极参与，技术使用熟练",
    "pass_zh": "学生能够参与，技术使用基本顺畅",
    "fail_zh": "学生未参与或技术无法使用",
}


def _url(d, code="A2", tail=""):
    return f"/api/schools/{d.school_id}/rubrics/{code}{tail}"


def _get(api, d, code="A2", user="schooladmin"):
    response = api.client.get(_url(d, code), headers=api.auth(user))
    assert response.status_code == 200, response.text
    return response.json()


def _add_criterion(api, d, code="A2", **changes):
    current = _get(api, d, code)
    criteria = [*current["criteria"], {**NEW, **changes}]
    body = {"base_version": current["version"], "criteria": criteria}
    return api.client.put(_url(d, code), json=body, headers=api.auth("schooladmin"))


def _submitted(api, d, staff="T002", code="A2"):
    with api.transaction() as s:
        return rf.submission(s, d.teachers[staff], code=code, state="submitted").id


def _score(api, submission_id, body):
    return api.client.post(f"/api/submissions/{submission_id}/score", json=body, headers=api.auth("leader"))


def test_every_offered_point_starts_with_the_seed_rubric(api):
    d = rf.demo(api)
    listed = api.client.get(f"/api/schools/{d.school_id}/rubrics", headers=api.auth("teacher")).json()
    assert [p["capability_code"] for p in listed] == ["A1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"]
    assert {p["version"] for p in listed} == {0}
    a1 = _get(api, d, "A1", user="teacher")  # teachers may read what they are graded by
    assert a1["is_seed"] and a1["item_keys"] == ["学情分析方案", "学情分析报告"]
    assert a1["criteria"][3]["excellent_only"] and a1["criteria"][3]["levels"] == ["excellent", "pass"]
    assert api.client.get(_url(d, "A2", "/versions"), headers=api.auth("schooladmin")).json() == []


def test_an_edit_is_a_new_version_with_an_audit_entry(api):
    d = rf.demo(api)
    saved = _add_criterion(api, d)
    assert saved.status_code == 200, saved.text
    out = saved.json()
    assert out["version"] == 1 and not out["is_seed"]
    assert out["criteria"][-1]["key"] == "c6" and out["criteria"][-1]["title_zh"] == "学生参与"
    assert _get(api, d)["version"] == 1
    versions = api.client.get(_url(d, "A2", "/versions"), headers=api.auth("schooladmin")).json()
    assert [(v["version"], v["criteria_count"], v["created_by_name"]) for v in versions] == [
        (1, 6, "学校管理员"),
        (0, 5, None),  # the seed, stored as the base of the first edit
    ]
    old = api.client.get(_url(d, "A2", "/versions/0"), headers=api.auth("leader")).json()
    assert len(old["criteria"]) == 5
    trail = rf.audit_trail(api, "school", d.school_id)
    assert trail[-1][0] == "rubric_save" and "A2 v0 → v1" in trail[-1][4]
    assert trail[-1][3] == d.users["schooladmin"]


def test_a_leader_grades_by_the_edited_rubric(api):
    d = rf.demo(api)
    assert _add_criterion(api, d).status_code == 200
    work = _submitted(api, d)
    form = api.client.get(f"/api/submissions/{work}/rubric", headers=api.auth("leader")).json()
    assert form["rubric"]["version"] == 1 and not form["graded"] and form["grade"] is None
    assert form["rubric"]["criteria"][-1]["title_zh"] == "学生参与"
    # grading by the seed's five criteria only: the added one is named as ungraded
    refused = _score(api, work, {"verdict": "excellent", "criteria": seed_criteria("A2"), "rubric_version": 1})
    assert refused.status_code == 422
    (violation,) = refused.json()["error"]["violations"]
    assert violation["code"] == "grading.criterion_not_graded" and "学生参与" in violation["message_zh"]
    levels = [*seed_criteria("A2"), {"key": "c6", "level": "pass"}]
    graded = _score(api, work, {"verdict": "pass", "criteria": levels, "rubric_version": 1})
    assert graded.status_code == 200, graded.text
    grades = graded.json()["item_grades"]
    assert grades["rubric_version"] == 1 and grades["criteria"]["c6"] == "pass"
    assert grades["explanation"][0]["zh"] == "能力点：6 项标准中 5 项优秀、1 项合格 → 合格：优秀需每项均为优秀"


def test_a_grade_keeps_the_rubric_it_was_given_under(api):
    d = rf.demo(api)
    first, second = _submitted(api, d, "T002"), _submitted(api, d, "T003")
    assert (
        _score(api, first, {"verdict": "excellent", "criteria": seed_criteria("A2"), "rubric_version": 0}).status_code
        == 200
    )
    assert _add_criterion(api, d).status_code == 200  # the admin edits after the grade
    held = api.client.get(f"/api/submissions/{first}/rubric", headers=api.auth("teacher")).json()
    assert held["graded"] and held["rubric"]["version"] == 0 and len(held["rubric"]["criteria"]) == 5
    assert held["grade"]["level"] == "excellent" and held["grade"]["criteria"]["c1"] == "excellent"
    assert "每项均为优秀" in held["grade"]["explanation"][0]["zh"]
    fresh = api.client.get(f"/api/submissions/{second}/rubric", headers=api.auth("leader")).json()
    assert not fresh["graded"] and fresh["rubric"]["version"] == 1
    # a form opened before the edit is refused, not silently graded by another rubric
    stale = _score(api, second, {"verdict": "excellent", "criteria": seed_criteria("A2"), "rubric_version": 0})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "grading.rubric_changed"
    assert "第 1 版" in stale.json()["error"]["message_zh"]


def test_an_invalid_rubric_is_refused_listing_every_problem(api):
    d = rf.demo(api)
    criteria = [
        {**NEW, "title_zh": " "},
        {**NEW, "item_key": "教案", "fail_zh": ""},
        {**NEW, "pass_zh": "长" * 301},
    ]
    refused = api.client.put(_url(d), json={"criteria": criteria}, headers=api.auth("schooladmin"))
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "rubric.invalid" and "4 处问题" in error["message_zh"]
    assert [v["code"] for v in error["violations"]] == [
        "rubric.missing_text",
        "rubric.missing_text",
        "rubric.unknown_item",
        "rubric.text_too_long",
    ]
    assert all(v["message_zh"] and v["message_en"] for v in error["violations"])
    assert "上限为 300" in error["violations"][3]["message_zh"]
    assert _get(api, d)["version"] == 0  # nothing stored


@pytest.mark.parametrize(
    "user, code, body, status, reason",
    [
        ("leader", "A2", None, 403, None),
        ("teacher", "A2", None, 403, None),
        ("schooladmin", "C4", None, 422, "rubric.point_not_offered"),  # not among the school's points
        ("schooladmin", "A2", {"base_version": 3}, 409, "rubric.stale_base"),
        ("schooladmin", "A2", {"criteria": []}, 422, "rubric.invalid"),
    ],
)
def test_who_may_save_and_when(api, user, code, body, status, reason):
    d = rf.demo(api)
    criteria = _get(api, d)["criteria"]
    response = api.client.put(_url(d, code), json={"criteria": criteria, **(body or {})}, headers=api.auth(user))
    assert response.status_code == status, response.text
    if reason:
        error = response.json()["error"]
        assert error["code"] == reason and error["message_zh"] and error["message_en"]
