"""The school's hand-over to the province (学校提交), seed 001 §六.1: “每所学校上传的校级优秀视频资源需
普及到每门学科,视频总数为该校专任教师数 30%以上”. Only what reached the province and is still 优秀
there counts; 优秀 graded at school but never forwarded is named as the thing to do next."""

from __future__ import annotations

import pytest

from domain.school_handover import (
    AWAITING_FORWARD_STATES,
    COUNTED_STATES,
    HANDOVERS,
    HandoverEvent,
    HandoverState,
    Since,
    may_hand_over,
    readiness,
    refusal,
)
from domain.state_machine import IllegalMove
from domain.workflow import State


@pytest.mark.parametrize(
    "state, counted, awaiting",
    [
        (State.DRAFT, False, False),
        (State.SUBMITTED, False, False),
        (State.SCORED_PASS, False, False),
        (State.SCORED_EXCELLENT, False, True),  # graded 优秀 at school, never forwarded
        (State.FORWARDED, True, False),
        (State.SAMPLED, True, False),
        (State.CONFIRMED, True, False),
        (State.DOWNGRADED, False, False),  # reached the province, no longer 优秀
        (State.SCORED_FAIL, False, False),
        (State.RETURNED, False, False),
    ],
)
def test_what_counts_toward_the_hand_over(state, counted, awaiting):
    assert (state in COUNTED_STATES) is counted
    assert (state in AWAITING_FORWARD_STATES) is awaiting


def check(teachers=10, counted=None, taught=("语文", "数学"), awaiting=0, percent=30):
    return readiness(
        full_time_teachers=teachers,
        counted_by_subject=counted or {},
        subjects_taught=taught,
        awaiting_forward=awaiting,
        excellent_percent=percent,
    )


# (专任教师, forwarded 优秀 by subject, subjects taught, awaiting forward) → (ready, reason codes)
CASES = [
    (10, {"语文": 2, "数学": 1}, ("语文", "数学"), 0, True, []),  # 3 of 10 = exactly 30%
    (10, {"语文": 2, "数学": 1}, ("语文", "数学"), 4, True, []),  # met: what waits is not missing
    (10, {"语文": 3}, ("语文", "数学"), 0, False, ["quota.school_subjects_uncovered"]),
    (10, {"语文": 1, "数学": 1}, ("语文", "数学"), 0, False, ["quota.school_excellent_short"]),
    (
        10,
        {"语文": 1, "数学": 1},
        ("语文", "数学"),
        3,
        False,
        ["quota.school_excellent_short", "handover.awaiting_forward"],
    ),
    (
        49,
        {"语文": 14},
        ("语文", "数学", "英语"),
        1,
        False,
        ["quota.school_excellent_short", "quota.school_subjects_uncovered", "handover.awaiting_forward"],
    ),
    (49, {"语文": 10, "数学": 5}, ("语文", "数学"), 0, True, []),  # seed 001's school: 15 of 49
    (0, {}, (), 0, True, []),  # no 专任教师, nothing taught: nothing required
]


@pytest.mark.parametrize("teachers, counted, taught, awaiting, ready, codes", CASES)
def test_ready_only_with_30_percent_and_every_subject(teachers, counted, taught, awaiting, ready, codes):
    found = check(teachers, counted, taught, awaiting)
    assert found.ready is ready
    assert [r.code for r in found.missing] == codes


def test_the_reasons_name_the_numbers_and_the_subjects():
    found = check(10, {"语文": 1}, ("语文", "数学", "音乐"), awaiting=2)
    assert (found.quota.excellent_count, found.quota.required_excellent, found.quota.missing_excellent) == (1, 3, 2)
    assert found.quota.uncovered_subjects == ("数学", "音乐") and found.awaiting_forward == 2
    short, uncovered, waiting = found.missing
    assert "专任教师 10 人" in short.zh and "须至少 3 个" in short.zh and "还差 2 个" in short.zh
    assert "10 full-time teachers" in short.en and "2 more" in short.en
    assert "数学、音乐" in uncovered.zh and "数学、音乐" in uncovered.en
    assert "2 个" in waiting.zh and waiting.en.startswith("2 more works")
    summary = refusal(found)
    assert summary.code == "handover.not_ready"
    assert short.zh.rstrip("。") in summary.zh and uncovered.zh.rstrip("。") in summary.zh and "2 个" in summary.zh
    assert short.en in summary.en and uncovered.en in summary.en and waiting.en in summary.en


def test_a_hand_over_is_made_once_and_never_withdrawn():
    assert may_hand_over(HandoverState.OPEN) and not may_hand_over(HandoverState.HANDED_OVER)
    assert HANDOVERS.next(HandoverState.OPEN, HandoverEvent.HAND_OVER) is HandoverState.HANDED_OVER
    with pytest.raises(IllegalMove):
        HANDOVERS.next(HandoverState.HANDED_OVER, HandoverEvent.HAND_OVER)


@pytest.mark.parametrize("at, now, change", [(15, 15, 0), (15, 13, -2), (15, 17, 2)])
def test_counts_since_the_hand_over(at, now, change):
    assert Since(at_hand_over=at, now=now, downgraded=0, forwarded=0).change == change
