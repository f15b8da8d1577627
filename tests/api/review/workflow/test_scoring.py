"""The leader grades criterion by criterion; the verdict must be what the criteria give, and
agree with the score's age-band line.

Every point has a rubric (the seed where the school never edited one): A1's from its known
checklist (学情分析方案 c1–c4, c4 the 优秀-only 创新 line) plus the spec's general criteria for
its 学情分析报告 (c5–c9, c9 优秀-only); A2's items are unknown, so its five general criteria
judge the whole point. Demo ages: 李娜 (T002) is in the middle band (pass line 60), 张伟
(T003) under 40 (pass line 80); 优秀 from 90.
"""

from __future__ import annotations

import pytest

from tests import review_factories as rf
from tests.api.review.workflow.moves import seed_criteria

E, P, F = "excellent", "pass", "fail"


@pytest.mark.parametrize(
    "staff, code, body, violations",
    [
        ("T002", "A1", {"criteria": seed_criteria(), "verdict": E}, []),
        ("T002", "A1", {"criteria": seed_criteria(), "verdict": E, "score": 95}, []),
        # 考核规范: an item is 优秀 only if every criterion is, so one 合格 line makes the point 合格
        ("T002", "A1", {"criteria": seed_criteria(c2=P), "verdict": P, "score": 75}, []),
        ("T002", "A1", {"criteria": seed_criteria(c2=P), "verdict": E}, ["grading.verdict_contradicts_criteria"]),
        # any criterion 不合格 fails its item, and any item 不合格 fails the point
        ("T002", "A1", {"criteria": seed_criteria(c6=F), "verdict": F, "comment": "报告缺项"}, []),
        ("T002", "A1", {"criteria": seed_criteria(c6=F), "verdict": P}, ["grading.verdict_contradicts_criteria"]),
        # an 优秀-only line cannot fail anything
        (
            "T002",
            "A1",
            {"criteria": seed_criteria(c4=F), "verdict": F, "comment": "x"},
            ["grading.excellent_only_failed"],
        ),
        ("T002", "A1", {"criteria": seed_criteria()[:-1], "verdict": E}, ["grading.criterion_not_graded"]),
        ("T002", "A1", {"verdict": E}, ["grading.criterion_not_graded"]),  # a direct verdict is no longer the way
        (
            "T002",
            "A1",
            {"criteria": [*seed_criteria(), {"key": "c99", "level": E}], "verdict": E},
            ["grading.unknown_criterion_key"],
        ),
        (
            "T002",
            "A1",
            {"criteria": seed_criteria(c4=P), "verdict": P, "score": 95},
            ["grading.verdict_contradicts_score"],
        ),
        (
            "T002",
            "A1",
            {"criteria": seed_criteria(), "verdict": P, "score": 95},
            ["grading.verdict_contradicts_criteria", "grading.verdict_contradicts_score"],
        ),
        ("T002", "A1", {"criteria": seed_criteria(), "verdict": E, "score": 120}, ["grading.score_out_of_range"]),
        # under 40 the pass line is 80: 75 is 不合格 for 张伟 though 合格 for 李娜
        (
            "T003",
            "A1",
            {"criteria": seed_criteria(c4=P), "verdict": P, "score": 75},
            ["grading.verdict_contradicts_score"],
        ),
        ("T003", "A1", {"criteria": seed_criteria(c4=P), "verdict": P, "score": 80}, []),
        # a point whose items are unknown is graded by the general criteria as a whole
        ("T002", "A2", {"criteria": seed_criteria("A2"), "verdict": E}, []),
        (
            "T002",
            "A2",
            {"criteria": seed_criteria("A2", c5=P), "verdict": P, "score": 95},
            ["grading.verdict_contradicts_score"],
        ),
        ("T003", "C4", {"criteria": seed_criteria("C4", c1=F), "verdict": P}, ["grading.verdict_contradicts_criteria"]),
        ("T003", "C4", {"criteria": seed_criteria("C4", c10=P), "verdict": P}, []),
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
    assert grades["basis"] == "criteria" and grades["rubric_version"] == 0 and grades["level"] == body["verdict"]
    assert grades["criteria"] == {c["key"]: c["level"] for c in body["criteria"]}
    assert grades["band"] == ("middle" if staff == "T002" else "junior")
    assert grades["pass_line"] == ((60.0 if staff == "T002" else 80.0) if "score" in body else None)
    assert grades["explanation"] and all(line["zh"] and line["en"] for line in grades["explanation"])


def test_the_refusal_says_why_the_criteria_give_another_verdict(api):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], code="A2", state="submitted").id
    body = {"criteria": seed_criteria("A2", c5=P), "verdict": E}
    refused = api.client.post(f"/api/submissions/{submission_id}/score", json=body, headers=api.auth("leader"))
    violation = refused.json()["error"]["violations"][0]
    assert "5 项标准中 4 项优秀、1 项合格 → 合格：优秀需每项均为优秀" in violation["message_zh"]
    assert "of 5 criteria 4 excellent, 1 pass → pass" in violation["message_en"]


def test_the_pass_line_shown_in_the_violation_is_the_teachers(api):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T003"], state="resubmitted").id
    body = {"criteria": seed_criteria(c4=P), "verdict": P, "score": 79.5}
    refused = api.client.post(f"/api/submissions/{submission_id}/score", json=body, headers=api.auth("leader"))
    violation = refused.json()["error"]["violations"][0]
    assert "合格线 80" in violation["message_zh"] and "79.5" in violation["message_en"]
