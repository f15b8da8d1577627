"""Every edge of the workflow through the API, and a sample of each kind of refusal."""

from __future__ import annotations

import pytest

from db.models import Submission
from domain.workflow import TABLE
from tests import factories
from tests import review_factories as rf
from tests.api.review.workflow.moves import ACTORS, REASONED, SCORE_BODIES, act

GRADED = ("scored_excellent", "scored_pass", "scored_fail")
# Every (state, action) the table allows, with a user of an allowed role in the demo school.
EDGES = [
    (state.value, action.value, edge.to_state.value, ACTORS.get(action.value, "leader"))
    for (state, action), edge in TABLE.items()
]
# A confirmation says why only where the table asks for it (undoing a downgrade).
REASONED_CONFIRMS = {
    state.value for (state, action), edge in TABLE.items() if action.value == "confirm" and edge.reason_required
}
# After grading, the school sends work back too (seed 001: a group short of its quota).
EDGES += [(state, "return", "returned", "schooladmin") for state in GRADED]


def arrange(h, state: str, *, quota_met: bool = True) -> int:
    """李娜's A1 submission in ``state``; the 语文 group meets its quota unless told otherwise."""
    d = rf.demo(h)
    with h.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], state=state).id
        rf.handed_over(s, d.school_id)  # the province samples only schools that handed over
        if quota_met:
            rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T002"],))  # 2 of 5 with this one
            rf.accepted_session(s, d.chinese_group_id)
    return submission_id


def state_of(h, submission_id: int) -> str:
    with h.transaction() as s:
        return s.get(Submission, submission_id).state


@pytest.mark.parametrize("state, action, to_state, username", EDGES)
def test_every_allowed_move(api, state, action, to_state, username):
    submission_id = arrange(api, state)
    reasoned_confirm = action == "confirm" and state in REASONED_CONFIRMS
    body = {"reason": REASONED["confirm"]} if reasoned_confirm else {}
    response = act(api, username, submission_id, action, **body)
    assert response.status_code == 200, response.text
    if action == "sample":
        assert response.json()["sampled"] == [submission_id]
    else:
        assert response.json()["state"] == to_state
    d = rf.demo(api)
    reason = SCORE_BODIES[action].get("comment") if action.startswith("score_") else REASONED.get(action)
    if action == "confirm" and not reasoned_confirm:
        reason = None
    if action == "sample":
        reason = "抽检 sampling round: seed=round-1, percent=100"
    assert rf.audit_trail(api, "submission", submission_id) == [(action, state, to_state, d.users[username], reason)]


@pytest.mark.parametrize(
    "state, username, action, body, status, code",
    [
        # the role may never do this
        ("submitted", "teacher", "score_excellent", {}, 403, "workflow.role_not_allowed"),
        ("scored_excellent", "leader", "forward", {}, 403, "workflow.role_not_allowed"),
        ("draft", "admin", "submit", {}, 403, "workflow.role_not_allowed"),
        ("forwarded", "admin", "confirm", {}, 403, "workflow.role_not_allowed"),
        ("sampled", "schooladmin", "confirm", {}, 403, "workflow.role_not_allowed"),
        # not from this state
        ("draft", "leader", "score_pass", {}, 409, "workflow.illegal_move"),
        ("scored_pass", "schooladmin", "forward", {}, 409, "workflow.illegal_move"),
        ("submitted", "teacher", "resubmit", {}, 409, "workflow.illegal_move"),
        ("downgraded", "reviewer", "downgrade", {}, 409, "workflow.illegal_move"),
        ("confirmed", "reviewer", "confirm", {}, 409, "workflow.illegal_move"),
        ("scored_excellent", "teacher", "submit", {}, 409, "workflow.illegal_move"),
        # a reason is required
        ("submitted", "leader", "score_fail", {"comment": "  "}, 409, "workflow.reason_required"),
        ("resubmitted", "leader", "return", {"reason": "   "}, 409, "workflow.reason_required"),
        ("sampled", "reviewer", "downgrade", {"reason": ""}, 422, "request.invalid"),
        # out of sight: not the reviewer's until forwarded
        ("scored_excellent", "reviewer", "confirm", {}, 404, "not_found"),
    ],
)
def test_refusals_change_nothing(api, state, username, action, body, status, code):
    submission_id = arrange(api, state)
    response = act(api, username, submission_id, action, **body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]
    assert state_of(api, submission_id) == state
    assert rf.audit_trail(api, "submission", submission_id) == []


@pytest.mark.parametrize("outsider", ["other_school_admin", "math_leader"])
def test_people_of_other_schools_and_groups_cannot_even_see_the_work(api, outsider):
    d = rf.demo(api)
    submission_id = arrange(api, "scored_excellent")
    with api.transaction() as s:
        if outsider == "other_school_admin":
            username, action = rf.user(s, "school_admin", school=factories.make_school(s)), "forward"
        else:
            username, action = rf.group_leader(s, d.math_group_id), "return"
    response = act(api, username, submission_id, action)
    assert response.status_code == 404 and state_of(api, submission_id) == "scored_excellent"


def test_forwarding_waits_for_the_groups_quota_and_says_what_is_missing(api):
    submission_id = arrange(api, "scored_excellent", quota_met=False)
    refused = act(api, "schooladmin", submission_id, "forward")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "workflow.group_quota_unmet"
    assert error["quota"] == {
        "ok": False,
        "headcount": 5,
        "excellent_count": 1,
        "required_excellent": 2,
        "missing_excellent": 1,
        "accepted_sessions": 0,
        "required_sessions": 1,
    }
    assert [v["code"] for v in error["violations"]] == ["quota.group_excellent_short", "quota.group_session_missing"]
    assert "还差 1 个" in error["violations"][0]["message_zh"] and "1 more" in error["violations"][0]["message_en"]
    assert state_of(api, submission_id) == "scored_excellent"
