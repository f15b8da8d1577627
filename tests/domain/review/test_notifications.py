"""Who is told of what: each workflow move's notices, the hand-over's, and their sentences."""

from __future__ import annotations

import pytest

from domain.notifications import TEMPLATES, Audience, Kind, Notice, addressees, on_group_submit, on_move, text
from domain.workflow import TABLE, Action, State

A, L, S = Audience.AUTHOR, Audience.GROUP_LEADERS, Audience.SCHOOL_ADMINS


@pytest.mark.parametrize(
    ("action", "from_state", "leads", "expected"),
    [
        (Action.SUBMIT, State.DRAFT, False, [(Kind.MEMBER_SUBMITTED, L)]),
        (Action.RESUBMIT, State.RETURNED, False, [(Kind.MEMBER_SUBMITTED, L)]),
        # a leader's own work is the school's to grade, so the school hears
        (Action.SUBMIT, State.DRAFT, True, [(Kind.MEMBER_SUBMITTED, S)]),
        (Action.RESUBMIT, State.SCORED_FAIL, True, [(Kind.MEMBER_SUBMITTED, S)]),
        (Action.SCORE_EXCELLENT, State.SUBMITTED, False, [(Kind.GRADED, A)]),
        (Action.SCORE_PASS, State.RESUBMITTED, True, [(Kind.GRADED, A)]),
        (Action.SCORE_FAIL, State.SUBMITTED, False, [(Kind.GRADED, A)]),
        (Action.RETURN, State.SCORED_EXCELLENT, False, [(Kind.RETURNED, A)]),
        (Action.FORWARD, State.SCORED_EXCELLENT, False, [(Kind.FORWARDED, A)]),
        (Action.SAMPLE, State.FORWARDED, False, [(Kind.SAMPLED, A)]),
        (Action.CONFIRM, State.SAMPLED, False, [(Kind.CONFIRMED, A)]),
        (Action.CONFIRM, State.FORWARDED, True, [(Kind.CONFIRMED, A)]),
        (
            Action.DOWNGRADE,
            State.CONFIRMED,
            False,
            [(Kind.DOWNGRADED, A), (Kind.MEMBER_DOWNGRADED, L), (Kind.MEMBER_DOWNGRADED, S)],
        ),
        (
            Action.CONFIRM,
            State.DOWNGRADED,
            False,
            [(Kind.UNDOWNGRADED, A), (Kind.MEMBER_UNDOWNGRADED, L), (Kind.MEMBER_UNDOWNGRADED, S)],
        ),
    ],
)
def test_each_move_tells_its_people(action, from_state, leads, expected):
    assert (from_state, action) in TABLE, "a move the workflow allows"
    assert on_move(action, from_state, author_leads_group=leads) == tuple(Notice(k, a) for k, a in expected)


def test_every_move_of_the_workflow_tells_someone():
    for from_state, action in TABLE:
        assert on_move(action, from_state, author_leads_group=False), (from_state, action)


def test_a_group_hand_over_tells_the_schools_admins():
    assert on_group_submit() == (Notice(Kind.GROUP_SUBMITTED, S),)


def test_the_actor_is_never_told_and_each_person_once_by_their_first_notice():
    notices = on_move(Action.DOWNGRADE, State.SAMPLED, author_leads_group=True)
    # the author (user 1) also leads the group; user 2 leads it too; 3 and 4 are school admins
    people = {A: [1], L: [1, 2], S: [3, 4]}
    assert addressees(notices, people, actor_id=None) == {
        1: Kind.DOWNGRADED,
        2: Kind.MEMBER_DOWNGRADED,
        3: Kind.MEMBER_DOWNGRADED,
        4: Kind.MEMBER_DOWNGRADED,
    }
    assert 3 not in addressees(notices, people, actor_id=3)
    submitted = on_move(Action.SUBMIT, State.DRAFT, author_leads_group=False)
    assert addressees(submitted, {A: [5], L: [6]}, actor_id=6) == {}, "a leader submitting for a member"
    assert addressees((), people, actor_id=None) == {}


PAYLOAD = {"teacher": "李娜", "code": "A1", "point_zh": "技术支持的学情分析", "point_en": "Learner analysis"}


def test_a_grade_reads_with_its_state_and_the_graders_comment_in_both_languages():
    zh, en = text(Kind.GRADED, {**PAYLOAD, "state": "scored_fail", "reason": "缺少学情分析报告视频"})
    assert zh == "您的作品“A1 技术支持的学情分析”评为不合格。评语：缺少学情分析报告视频"
    assert en == "Your work “A1 Learner analysis” was graded fail. Comment: 缺少学情分析报告视频"
    assert text(Kind.GRADED, {**PAYLOAD, "state": "scored_excellent"})[0] == "您的作品“A1 技术支持的学情分析”评为优秀。"


def test_a_downgrade_names_the_teacher_for_others_and_the_reason():
    zh, en = text(Kind.MEMBER_DOWNGRADED, {**PAYLOAD, "reason": "画面中无学生活动"})
    assert zh.startswith("李娜的作品“A1 技术支持的学情分析”被省级降等") and zh.endswith("理由：画面中无学生活动")
    assert en.startswith("李娜's work “A1 Learner analysis” was downgraded") and en.endswith("Reason: 画面中无学生活动")


def test_an_untranslated_point_reads_in_chinese_and_a_group_by_its_name():
    assert "“A1 技术支持的学情分析”" in text(Kind.RETURNED, {**PAYLOAD, "point_en": None})[1]
    assert "seed" not in "".join(text(Kind.SAMPLED, {**PAYLOAD, "reason": "seed=R1 percent=10"})), "bookkeeping"
    zh, en = text(Kind.GROUP_SUBMITTED, {"group": "语文组"})
    assert "“语文组”" in zh and "“语文组”" in en


def test_every_kind_has_a_sentence_in_both_languages_that_fills():
    assert set(TEMPLATES) == set(Kind)
    for kind in Kind:
        zh, en = text(kind, {**PAYLOAD, "group": "语文组", "state": "scored_pass"})
        assert zh and en and "{" not in zh + en, kind
