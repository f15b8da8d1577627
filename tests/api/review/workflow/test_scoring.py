"""The leader's verdict must agree with the item levels and the score's age-band line.

A1 has a complete evidence list (学情分析方案 with checklists, 学情分析报告 by level); A2 and
C4 do not, so their verdict is taken directly. Demo ages in the test year: 李娜 (T002) is in
the middle band (pass line 60), 张伟 (T003) under 40 (pass line 80); 优秀 from 90.
"""

from __future__ import annotations

import pytest

from domain.catalogue import load_seed_catalogue
from tests import review_factories as rf

PLAN = load_seed_catalogue().get("A1").items[0]
E, P, F = "excellent", "pass", "fail"


def a1(plan, report):
    plan_grade = {"item_key": "学情分析方案", **({"met_criteria": plan} if isinstance(plan, list) else {"level": plan})}
    return [plan_grade, {"item_key": "学情分析报告", "level": report}]


@pytest.mark.parametrize(
    "staff, code, body, violations",
    [
        ("T002", "A1", {"items": a1(E, E), "verdict": E}, []),
        ("T002", "A1", {"items": a1(E, E), "verdict": E, "score": 95}, []),
        ("T002", "A1", {"items": a1(P, E), "verdict": P, "score": 75}, []),
        ("T002", "A1", {"items": a1(P, F), "verdict": F, "score": 50, "comment": "报告不合格"}, []),
        ("T002", "A1", {"items": a1(list(PLAN.excellent_criteria), E), "verdict": E}, []),  # ticked → 优秀
        ("T002", "A1", {"items": a1(E, P), "verdict": E}, ["grading.verdict_contradicts_items"]),
        ("T002", "A1", {"items": a1(P, P), "verdict": P, "score": 95}, ["grading.verdict_contradicts_score"]),
        (
            "T002",
            "A1",
            {"items": a1(E, E), "verdict": P, "score": 95},
            ["grading.verdict_contradicts_items", "grading.verdict_contradicts_score"],
        ),
        ("T002", "A1", {"items": a1(E, E)[:1], "verdict": E}, ["grading.item_not_graded"]),
        (
            "T002",
            "A1",
            {"items": [*a1(E, E), {"item_key": "教案", "level": E}], "verdict": E},
            ["grading.unknown_item"],
        ),
        (
            "T002",
            "A1",
            {"items": a1(list(PLAN.pass_criteria), E), "verdict": E},
            ["grading.verdict_contradicts_items"],  # the ticked 合格 checklist makes the plan 合格
        ),
        (
            "T002",
            "A1",
            {"items": [{**a1(E, E)[0], "met_criteria": list(PLAN.pass_criteria)}, a1(E, E)[1]], "verdict": E},
            ["grading.level_contradicts_checklist"],
        ),
        ("T002", "A1", {"items": a1(E, E), "verdict": E, "score": 120}, ["grading.score_out_of_range"]),
        # under 40 the pass line is 80: 75 is 不合格 for 张伟 though 合格 for 李娜
        ("T003", "A1", {"items": a1(P, E), "verdict": P, "score": 75}, ["grading.verdict_contradicts_score"]),
        ("T003", "A1", {"items": a1(P, E), "verdict": P, "score": 80}, []),
        # incomplete evidence lists: a direct verdict, still held to the score and to failed items
        ("T002", "A2", {"verdict": E}, []),
        ("T002", "A2", {"verdict": P, "score": 95}, ["grading.verdict_contradicts_score"]),
        (
            "T003",
            "C4",
            {"items": [{"item_key": "设计方案", "level": F}], "verdict": P},
            ["grading.failed_item_needs_fail"],
        ),
        ("T003", "C4", {"items": [{"item_key": "设计方案", "level": P}], "verdict": E}, []),
    ],
)
def test_verdict_consistency(api, staff, code, body, violations):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers[staff], code=code, state="submitted").id
    response = api.client.post(f"/api/submissions/{submission_id}/score", json=body, headers=api.auth("leader"))
    if violations:
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "grading.invalid"
        assert [v["code"] for v in error["violations"]] == violations
        assert all(v["message_zh"] and v["message_en"] for v in error["violations"])
        after = api.client.get(f"/api/submissions/{submission_id}", headers=api.auth("leader")).json()
        assert after["state"] == "submitted" and after["item_grades"] == {} and after["score"] is None
        assert rf.audit_trail(api, "submission", submission_id) == []
        return
    assert response.status_code == 200, response.text
    out = response.json()
    assert out["state"] == f"scored_{body['verdict']}" and out["score"] == body.get("score")
    assert out["scored_by"] == d.users["leader"] and out["comment"] == body.get("comment")
    grades = out["item_grades"]
    assert grades["basis"] == ("items" if code == "A1" else "direct")
    assert grades["band"] == ("middle" if staff == "T002" else "junior")
    assert grades["pass_line"] == ((60.0 if staff == "T002" else 80.0) if "score" in body else None)
    assert set(grades["items"]) == {i["item_key"] for i in body.get("items", [])}


def test_the_pass_line_shown_in_the_violation_is_the_teachers(api):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T003"], state="resubmitted").id
    body = {"items": a1(P, E), "verdict": P, "score": 79.5}
    refused = api.client.post(f"/api/submissions/{submission_id}/score", json=body, headers=api.auth("leader"))
    violation = refused.json()["error"]["violations"][0]
    assert "合格线 80" in violation["message_zh"] and "79.5" in violation["message_en"]
