"""The teacher's overall result (seed 001 §六.1 assesses the 学员) and seed 000's 能力点作业通过率."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from config import Settings
from domain.grading import Level
from domain.school_setup import SelectionStatus
from domain.teacher_result import (
    ExcellentRule,
    PassRate,
    Result,
    closed_on,
    counts_by_result,
    pass_rate,
    teacher_result,
)
from domain.workflow import State

S = State
CODES = ("A1", "A2", "B4")
CLOSED = date(2022, 12, 31)


def _result(states, *, rule=ExcellentRule.ANY_POINT, closed=None, status=SelectionStatus.CONFIRMED, codes=CODES):
    return teacher_result(
        selection_status=status, codes=codes, states=dict(zip(codes, states)), rule=rule, closed=closed
    )


# Seed 001 §六.1 “学员考核为合格的…考核为优秀的…”: one row per case, (states of A1 A2 B4, rule, result).
TABLE = [
    # every point passes → 合格; 优秀 by the rule in force
    ((S.SCORED_PASS, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.PASS),
    ((S.SCORED_EXCELLENT, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.EXCELLENT),
    ((S.SCORED_EXCELLENT, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.ALL_POINTS, Result.PASS),
    ((S.SCORED_EXCELLENT, S.CONFIRMED, S.FORWARDED), ExcellentRule.ALL_POINTS, Result.EXCELLENT),
    ((S.SCORED_EXCELLENT, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.FORWARDED, Result.PASS),
    ((S.FORWARDED, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.FORWARDED, Result.EXCELLENT),
    ((S.SAMPLED, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.FORWARDED, Result.EXCELLENT),
    # the province's 降等 leaves 合格 (seed 001: the province judges the 优秀 work schools upload)
    ((S.DOWNGRADED, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.PASS),
    ((S.DOWNGRADED, S.SCORED_PASS, S.SCORED_PASS), ExcellentRule.FORWARDED, Result.PASS),
    # anything unsettled while the assessment is open → in progress
    ((S.SCORED_EXCELLENT, S.SUBMITTED, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.IN_PROGRESS),
    ((S.SCORED_EXCELLENT, S.RETURNED, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.IN_PROGRESS),
    # 不合格 is revisable while open (scored_fail → resubmitted; seed 001 §四.6 “需要重新提交”)
    ((S.SCORED_EXCELLENT, S.SCORED_FAIL, S.SCORED_PASS), ExcellentRule.ANY_POINT, Result.IN_PROGRESS),
    ((None, S.DRAFT, S.RESUBMITTED), ExcellentRule.ANY_POINT, Result.IN_PROGRESS),
]


@pytest.mark.parametrize(("states", "rule", "expected"), TABLE)
def test_seed_001_teacher_result_table(states, rule, expected):
    assert _result(states, rule=rule).result is expected


def test_in_progress_says_what_is_missing_per_point():
    result = _result((None, S.DRAFT, S.SCORED_FAIL))
    assert result.result is Result.IN_PROGRESS
    assert [r.code for r in result.reasons] == ["result.no_work", "result.draft", "result.failed_revisable"]
    assert result.reasons[0].zh.startswith("A1：") and result.reasons[2].en.startswith("B4: graded fail")
    more = _result((S.SUBMITTED, S.RETURNED, S.SCORED_PASS))
    assert [r.code for r in more.reasons] == ["result.awaiting_grade", "result.returned"]
    assert (more.chosen, more.passed, more.excellent) == (3, 1, 0)


@pytest.mark.parametrize(
    ("status", "codes", "code"),
    [
        (SelectionStatus.NONE, (), "result.no_selection"),
        (SelectionStatus.DRAFT, ("A1",), "result.selection_not_confirmed"),
        (SelectionStatus.DRAFT, (), "result.no_selection"),
    ],
)
def test_without_a_confirmed_selection_nothing_is_chosen_yet(status, codes, code):
    result = teacher_result(selection_status=status, codes=codes, states={}, rule=ExcellentRule.ANY_POINT)
    assert result.result is Result.IN_PROGRESS and [r.code for r in result.reasons] == [code]
    assert result.chosen == 0  # the pass rate counts confirmed selections only


def test_after_the_close_a_fail_stands_and_decides_the_result():
    """Seed 001 “到2022年底,全部完成…考核任务”: once closed, 不合格 and missing work are final."""
    result = _result((S.SCORED_FAIL, S.SUBMITTED, S.SCORED_EXCELLENT), closed=CLOSED)
    assert result.result is Result.FAIL
    assert [r.code for r in result.reasons] == ["result.failed_final"]
    assert "2022-12-31" in result.reasons[0].zh and "closed on 2022-12-31" in result.reasons[0].en
    unfinished = _result((S.RETURNED, None, S.SCORED_PASS), closed=CLOSED)
    assert unfinished.result is Result.FAIL
    assert [r.code for r in unfinished.reasons] == ["result.not_done_by_close"] * 2


def test_after_the_close_work_awaiting_its_grade_is_the_reviewers_move():
    result = _result((S.SUBMITTED, S.RESUBMITTED, S.SCORED_PASS), closed=CLOSED)
    assert result.result is Result.IN_PROGRESS
    assert [r.code for r in result.reasons] == ["result.awaiting_grade"] * 2
    assert _result((S.SCORED_PASS,) * 3, closed=CLOSED).result is Result.PASS


def test_no_confirmed_points_by_the_close_is_a_fail():
    result = teacher_result(
        selection_status=SelectionStatus.DRAFT, codes=("A1",), states={}, rule=ExcellentRule.ANY_POINT, closed=CLOSED
    )
    assert result.result is Result.FAIL and [r.code for r in result.reasons] == ["result.no_points_by_close"]


def test_the_closing_day_itself_is_still_open():
    assert closed_on(None, date(2030, 1, 1)) is None
    assert closed_on(CLOSED, CLOSED) is None
    assert closed_on(CLOSED, date(2023, 1, 1)) == CLOSED


def test_points_carry_their_state_and_level():
    result = _result((S.DOWNGRADED, S.SCORED_FAIL, None))
    assert [(p.code, p.state, p.level) for p in result.points] == [
        ("A1", S.DOWNGRADED, Level.PASS),
        ("A2", S.SCORED_FAIL, Level.FAIL),
        ("B4", None, None),
    ]


def test_seed_000_pass_rate_is_points_passed_over_points_chosen():
    """Seed 000 §二.5 “教师能力点作业通过率”: over confirmed selections; unconfirmed teachers add nothing."""
    results = [
        _result((S.SCORED_PASS, S.SCORED_EXCELLENT, S.SUBMITTED)),  # 2 of 3
        _result((S.SCORED_FAIL, None, S.DOWNGRADED)),  # 1 of 3
        teacher_result(selection_status=SelectionStatus.NONE, codes=(), states={}, rule=ExcellentRule.ANY_POINT),
    ]
    rate = pass_rate(results)
    assert (rate.passed, rate.chosen, rate.percent) == (3, 6, 50.0)
    assert PassRate(2, 3).percent == 66.7 and PassRate(0, 0).percent is None
    assert counts_by_result(results) == {
        Result.IN_PROGRESS: 3,
        Result.PASS: 0,
        Result.EXCELLENT: 0,
        Result.FAIL: 0,
    }


def test_the_rule_and_the_close_are_settings(monkeypatch, tmp_path):
    defaults = Settings(var_dir=tmp_path)
    assert ExcellentRule(defaults.review_teacher_excellent_rule) is ExcellentRule.ANY_POINT  # seed 001's reading
    assert defaults.review_assessment_closes_on is None  # open: a 不合格 may still be revised
    monkeypatch.setenv("KEJIAN_REVIEW_TEACHER_EXCELLENT_RULE", "all_points")
    monkeypatch.setenv("KEJIAN_REVIEW_ASSESSMENT_CLOSES_ON", "2022-12-31")
    settings = Settings(var_dir=tmp_path)
    assert settings.review_teacher_excellent_rule == "all_points" and settings.review_assessment_closes_on == CLOSED
    monkeypatch.setenv("KEJIAN_REVIEW_TEACHER_EXCELLENT_RULE", "most_points")
    with pytest.raises(ValidationError, match="review_teacher_excellent_rule"):
        Settings(var_dir=tmp_path)
