"""The submission workflow, exhaustively: every state × action × role is allowed or refused.

Seed 001 §四.6: the group leader “负责审核本组教师提交的个人线下实践应用成果,并给出考核结果”;
a group short of 30% 优秀 “需要重新提交”. Seed 001 §六.1: “考核为优秀的由校级管理员将该学员
应用成果上传至平台”. The expected table below is written out independently of domain/workflow.py.
"""

from __future__ import annotations

from itertools import product

import pytest

from domain.roles import Role
from domain.workflow import Action, AuditEntry, Authorship, State, TransitionRefused, allowed_actions, transition

T, GL, SA, PR = "teacher", "group_leader", "school_admin", "provincial_reviewer"
AUTHORS = {T, GL, SA}

# (from, action): (to, roles, reason required)
EXPECTED = {
    ("draft", "submit"): ("submitted", AUTHORS, False),
    ("submitted", "score_excellent"): ("scored_excellent", {GL}, False),
    ("submitted", "score_pass"): ("scored_pass", {GL}, False),
    ("submitted", "score_fail"): ("scored_fail", {GL}, True),
    ("submitted", "return"): ("returned", {GL}, True),
    ("resubmitted", "score_excellent"): ("scored_excellent", {GL}, False),
    ("resubmitted", "score_pass"): ("scored_pass", {GL}, False),
    ("resubmitted", "score_fail"): ("scored_fail", {GL}, True),
    ("resubmitted", "return"): ("returned", {GL}, True),
    ("scored_excellent", "return"): ("returned", {GL, SA}, True),
    ("scored_pass", "return"): ("returned", {GL, SA}, True),
    ("scored_fail", "return"): ("returned", {GL, SA}, True),
    ("returned", "resubmit"): ("resubmitted", AUTHORS, False),
    ("scored_fail", "resubmit"): ("resubmitted", AUTHORS, False),
    ("scored_excellent", "forward"): ("forwarded", {SA}, False),
    ("forwarded", "sample"): ("sampled", {PR}, False),
    ("forwarded", "confirm"): ("confirmed", {PR}, False),
    ("sampled", "confirm"): ("confirmed", {PR}, False),
    ("sampled", "downgrade"): ("downgraded", {PR}, True),
    # The province judges any work that reached it, drawn or not, and may undo a downgrade.
    ("forwarded", "downgrade"): ("downgraded", {PR}, True),
    ("confirmed", "downgrade"): ("downgraded", {PR}, True),
    ("downgraded", "confirm"): ("confirmed", {PR}, True),
}


@pytest.mark.parametrize("state, action, role", list(product(State, Action, Role)))
def test_every_move(state, action, role):
    expected = EXPECTED.get((state.value, action.value))
    if expected is None:
        with pytest.raises(TransitionRefused) as refused:
            transition(state, action, actor_role=role, reason="理由", group_quota_met=True)
        assert refused.value.reason.code == "workflow.illegal_move"
        return
    to_state, roles, reason_required = expected
    if role.value not in roles:
        with pytest.raises(TransitionRefused) as refused:
            transition(state, action, actor_role=role, reason="理由", group_quota_met=True)
        assert refused.value.reason.code == "workflow.role_not_allowed"
        return
    done = transition(state, action, actor_role=role, reason="理由", group_quota_met=True)
    assert done.state is State(to_state)
    assert done.audit == AuditEntry(state, State(to_state), action, role, "理由")
    if reason_required:
        for blank in (None, "", "   "):
            with pytest.raises(TransitionRefused) as refused:
                transition(state, action, actor_role=role, reason=blank, group_quota_met=True)
            assert refused.value.reason.code == "workflow.reason_required"
    else:
        assert transition(state, action, actor_role=role, group_quota_met=True).audit.reason is None


@pytest.mark.parametrize("quota_met", [None, False])
def test_forward_needs_the_group_quota(quota_met):
    # “要求本组提交的优秀视频数不少于本组总人数的30%,否则小组考核不合格,需要重新提交”
    with pytest.raises(TransitionRefused) as refused:
        transition(State.SCORED_EXCELLENT, Action.FORWARD, actor_role=Role.SCHOOL_ADMIN, group_quota_met=quota_met)
    assert refused.value.reason.code == "workflow.group_quota_unmet"


def test_refusals_are_bilingual():
    with pytest.raises(TransitionRefused) as refused:
        transition(State.SCORED_PASS, Action.FORWARD, actor_role=Role.SCHOOL_ADMIN, group_quota_met=True)
    reason = refused.value.reason
    assert "评为合格" in reason.zh and "推送至省平台" in reason.zh
    assert "graded pass" in reason.en and "forwarded to the province" in reason.en


def test_reason_is_recorded_trimmed():
    done = transition(State.SAMPLED, Action.DOWNGRADE, actor_role=Role.PROVINCIAL_REVIEWER, reason="  画面无学生活动 ")
    assert done.audit.reason == "画面无学生活动" and done.state is State.DOWNGRADED


def test_a_whole_journey_leaves_an_audit_trail():
    steps = [
        (Action.SUBMIT, Role.TEACHER, None),
        (Action.SCORE_FAIL, Role.GROUP_LEADER, "缺少学情分析报告视频"),
        (Action.RESUBMIT, Role.TEACHER, None),
        (Action.SCORE_EXCELLENT, Role.GROUP_LEADER, None),
        (Action.FORWARD, Role.SCHOOL_ADMIN, None),
        (Action.SAMPLE, Role.PROVINCIAL_REVIEWER, None),
        (Action.CONFIRM, Role.PROVINCIAL_REVIEWER, None),
    ]
    state, trail = State.DRAFT, []
    for action, role, reason in steps:
        done = transition(state, action, actor_role=role, reason=reason, group_quota_met=True)
        state = done.state
        trail.append((done.audit.from_state.value, done.audit.to_state.value))
    assert state is State.CONFIRMED
    assert trail[1] == ("submitted", "scored_fail") and trail[-1] == ("sampled", "confirmed")


def test_allowed_actions_match_the_table():
    for state, role in product(State, Role):
        expected = {a for (s, a), (_, roles, _) in EXPECTED.items() if s == state.value and role.value in roles}
        assert {a.value for a in allowed_actions(state, role)} == expected


def test_the_provinces_verdicts_are_the_provinces_alone_to_change():
    for state in (State.CONFIRMED, State.DOWNGRADED):
        assert {role for role in Role if allowed_actions(state, role)} == {Role.PROVINCIAL_REVIEWER}


# Nobody reviews their own work; a group leader's own work is graded by the school (the seeds
# are silent on it: 001 has the leader grade “本组教师” and the school record and forward).
LEADERS_WORK = Authorship(author_leads_group=True)
OWN_LEADERS_WORK = Authorship(own_work=True, author_leads_group=True)
OWN_WORK = Authorship(own_work=True)


@pytest.mark.parametrize(
    "state, action, role, authorship, outcome",
    [
        ("submitted", "score_excellent", GL, OWN_LEADERS_WORK, "workflow.own_work"),
        ("resubmitted", "score_pass", GL, OWN_LEADERS_WORK, "workflow.own_work"),
        ("submitted", "return", GL, OWN_LEADERS_WORK, "workflow.own_work"),
        ("submitted", "score_excellent", GL, LEADERS_WORK, "workflow.leader_work_by_school"),  # a second leader
        ("submitted", "score_excellent", SA, LEADERS_WORK, "scored_excellent"),
        ("resubmitted", "score_fail", SA, LEADERS_WORK, "scored_fail"),
        ("submitted", "return", SA, LEADERS_WORK, "returned"),
        ("submitted", "score_excellent", SA, Authorship(), "workflow.role_not_allowed"),  # a teacher's: the leader's
        ("submitted", "score_excellent", T, OWN_WORK, "workflow.role_not_allowed"),  # never a teacher's to grade
        ("scored_excellent", "return", GL, OWN_LEADERS_WORK, "workflow.own_work"),
        ("scored_excellent", "return", SA, OWN_WORK, "workflow.own_work"),  # a school admin who also teaches
        ("scored_excellent", "return", GL, LEADERS_WORK, "returned"),  # after grading: the school's rule as ever
        ("draft", "submit", GL, OWN_LEADERS_WORK, "submitted"),
        ("returned", "resubmit", GL, OWN_LEADERS_WORK, "resubmitted"),
        ("scored_excellent", "forward", SA, LEADERS_WORK, "forwarded"),
        ("sampled", "downgrade", PR, OWN_WORK, "workflow.own_work"),
    ],
)
def test_own_work_and_a_leaders_work(state, action, role, authorship, outcome):
    move = dict(actor_role=Role(role), reason="理由", group_quota_met=True, authorship=authorship)
    if outcome.startswith("workflow."):
        with pytest.raises(TransitionRefused) as refused:
            transition(State(state), Action(action), **move)
        assert refused.value.reason.code == outcome
        assert refused.value.reason.zh and refused.value.reason.en
    else:
        done = transition(State(state), Action(action), **move)
        assert done.state is State(outcome) and done.audit.actor_role is Role(role)


def test_allowed_actions_follow_authorship():
    grading = {"score_excellent", "score_pass", "score_fail", "return"}
    assert {a.value for a in allowed_actions(State.SUBMITTED, Role.GROUP_LEADER, OWN_LEADERS_WORK)} == set()
    assert {a.value for a in allowed_actions(State.SUBMITTED, Role.GROUP_LEADER, LEADERS_WORK)} == set()
    assert {a.value for a in allowed_actions(State.SUBMITTED, Role.SCHOOL_ADMIN, LEADERS_WORK)} == grading
    assert {a.value for a in allowed_actions(State.SUBMITTED, Role.SCHOOL_ADMIN)} == set()
    assert {a.value for a in allowed_actions(State.SCORED_EXCELLENT, Role.GROUP_LEADER, OWN_LEADERS_WORK)} == set()
    assert {a.value for a in allowed_actions(State.RETURNED, Role.GROUP_LEADER, OWN_LEADERS_WORK)} == {"resubmit"}
