"""A group leader's own work: never graded by its author; the school administrator grades it.

The seeds are silent on who grades the leader (001 has the leader grade “本组教师” and the
school administrator record results and forward), so the conservative reading applies.
In the demo school 王芳 (T001) leads the 语文 group as `leader`; 李娜 (T002) is `teacher`.
"""

from __future__ import annotations

import pytest

from db.models import Submission
from tests import review_factories as rf
from tests.api.review.workflow.moves import SCORE_BODIES, act

GRADING = {"score_excellent", "score_pass", "score_fail", "return"}


def _leaders_work(h, state: str = "submitted") -> int:
    d = rf.demo(h)
    with h.transaction() as s:
        return rf.submission(s, d.teachers["T001"], state=state).id


def _view(h, username: str, submission_id: int) -> dict:
    return h.client.get(f"/api/submissions/{submission_id}", headers=h.auth(username)).json()


def test_the_leader_cannot_grade_their_own_work_and_the_school_does(api):
    d = rf.demo(api)
    submission_id = _leaders_work(api)
    assert _view(api, "leader", submission_id)["allowed_actions"] == []
    assert set(_view(api, "schooladmin", submission_id)["allowed_actions"]) == GRADING
    for action in ("score_excellent", "return"):
        refused = act(api, "leader", submission_id, action)
        assert refused.status_code == 403, refused.text
        error = refused.json()["error"]
        assert error["code"] == "workflow.own_work" and "学校管理员" in error["message_zh"]
        assert "school administrator" in error["message_en"]
    graded = act(api, "schooladmin", submission_id, "score_excellent")
    assert graded.status_code == 200, graded.text
    assert graded.json()["state"] == "scored_excellent" and graded.json()["scored_by"] == d.users["schooladmin"]
    reason = SCORE_BODIES["score_excellent"]["comment"]
    assert rf.audit_trail(api, "submission", submission_id) == [
        ("score_excellent", "submitted", "scored_excellent", d.users["schooladmin"], reason)
    ]


def test_a_second_leader_of_the_group_cannot_grade_the_leaders_work_either(api):
    d = rf.demo(api)
    submission_id = _leaders_work(api)
    with api.transaction() as s:
        second = rf.group_leader(s, d.chinese_group_id)
        colleague = rf.submission(s, d.teachers["T003"], state="submitted").id
    refused = act(api, second, submission_id, "score_pass")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "workflow.leader_work_by_school"
    assert act(api, second, colleague, "score_pass").status_code == 200, "a member's work is theirs to grade"


@pytest.mark.parametrize(
    "state, username, action, code",
    [
        ("submitted", "schooladmin", "score_pass", None),  # the school grades the leader
        ("submitted", "schooladmin", "score_fail", None),
        ("resubmitted", "schooladmin", "return", None),
        ("scored_excellent", "leader", "return", "workflow.own_work"),  # nor sends it back after grading
        ("scored_excellent", "schooladmin", "return", None),
        ("draft", "leader", "submit", None),  # their own work is theirs to hand in
        ("returned", "leader", "resubmit", None),
    ],
)
def test_every_move_on_a_leaders_work(api, state, username, action, code):
    submission_id = _leaders_work(api, state)
    response = act(api, username, submission_id, action)
    with api.transaction() as s:
        now = s.get(Submission, submission_id).state
    if code is None:
        assert response.status_code == 200, response.text
        assert now == response.json()["state"] != state
    else:
        assert response.status_code == 403 and response.json()["error"]["code"] == code
        assert now == state and rf.audit_trail(api, "submission", submission_id) == []


def test_the_school_still_cannot_grade_a_teachers_work(api):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], state="submitted").id
    refused = act(api, "schooladmin", submission_id, "score_pass")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "workflow.role_not_allowed"
    assert set(_view(api, "leader", submission_id)["allowed_actions"]) == GRADING


def test_a_submission_says_who_grades_it_so_the_leaders_queue_and_card_can_tell(api):
    d = rf.demo(api)
    own = _leaders_work(api)
    with api.transaction() as s:
        members = rf.submission(s, d.teachers["T002"], state="submitted").id
    for username in ("leader", "schooladmin"):
        assert _view(api, username, own)["grader_role"] == "school_admin"
        assert _view(api, username, members)["grader_role"] == "group_leader"
    page = api.client.get("/api/submissions?limit=200", headers=api.auth("leader")).json()
    graders = {row["id"]: row["grader_role"] for row in page}
    assert graders[own] == "school_admin" and graders[members] == "group_leader"
