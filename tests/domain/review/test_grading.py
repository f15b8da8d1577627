"""Grading: item levels by checklist (national spec), the point rule, and seed 004's scores.

考核规范 使用说明 (CATALOG.md §1): “优秀 only if every evidence item is 优秀; if any item is below
合格 → the capability is 不合格”; a work must satisfy all criteria of a level to get it.
"""

from __future__ import annotations

import pytest

from domain.age_bands import BandKind, pass_line_for
from domain.catalogue import load_seed_catalogue
from domain.grading import (
    ItemGrade,
    Level,
    check_score_lines,
    checklist_level,
    combine_item_levels,
    grade_point,
    score_level,
)

SEED = load_seed_catalogue()
A1 = SEED.get("A1")
PLAN, REPORT = A1.items
E, P, F = Level.EXCELLENT, Level.PASS, Level.FAIL
LINES = {"excellent_line": 90.0, "max_score": 100.0}


@pytest.mark.parametrize(
    "levels, point",
    [
        ([E, E], E),  # 优秀 only if every item is 优秀
        ([E], E),
        ([E, P], P),  # otherwise 合格 (implied by the spec)
        ([P, P], P),
        ([E, F], F),  # any item below 合格 → 不合格
        ([P, F, E], F),
    ],
)
def test_point_level_from_item_levels(levels, point):
    assert combine_item_levels(levels) is point


def test_a_point_needs_a_graded_item():
    with pytest.raises(ValueError):
        combine_item_levels([])


@pytest.mark.parametrize(
    "ticked, level",
    [
        (set(PLAN.excellent_criteria), E),  # all four 优秀 criteria
        (set(PLAN.pass_criteria), P),  # all three 合格 criteria, not all 优秀
        (set(PLAN.pass_criteria) | {PLAN.excellent_criteria[3]}, P),
        (set(PLAN.pass_criteria[:2]), F),  # a 合格 criterion is missing
        (set(), F),
    ],
)
def test_a1_plan_checklist(ticked, level):
    assert checklist_level(PLAN, frozenset(ticked)) is level


def test_unknown_checklist_cannot_decide():
    assert checklist_level(REPORT, frozenset()) is None  # 学情分析报告 rubric: not visible


def grade(grades, **score):
    return grade_point(A1, grades, **LINES, **score)


def test_grading_a1_end_to_end():
    best = grade(
        [ItemGrade("学情分析方案", met_criteria=frozenset(PLAN.excellent_criteria)), ItemGrade("学情分析报告", E)]
    )
    assert best.level is E and not best.violations and dict(best.item_levels) == {"学情分析方案": E, "学情分析报告": E}
    assert grade([ItemGrade("学情分析方案", P), ItemGrade("学情分析报告", E)]).level is P
    assert grade([ItemGrade("学情分析方案", E), ItemGrade("学情分析报告", F)]).level is F


@pytest.mark.parametrize(
    "grades, codes",
    [
        ([ItemGrade("学情分析方案", E)], ["grading.item_not_graded"]),
        ([ItemGrade("学情分析方案", E), ItemGrade("学情分析报告", E), ItemGrade("反思", E)], ["grading.unknown_item"]),
        (
            [ItemGrade("学情分析方案", E), ItemGrade("学情分析方案", P), ItemGrade("学情分析报告", E)],
            ["grading.duplicate_item"],
        ),
        ([ItemGrade("学情分析方案", E), ItemGrade("学情分析报告")], ["grading.item_level_missing"]),
        (
            [ItemGrade("学情分析方案"), ItemGrade("学情分析方案", P), ItemGrade("学情分析报告", E)],
            ["grading.item_level_missing", "grading.duplicate_item"],
        ),
        (
            [ItemGrade("学情分析方案", E, frozenset(PLAN.pass_criteria)), ItemGrade("学情分析报告", E)],
            ["grading.level_contradicts_checklist"],
        ),
        (
            [ItemGrade("学情分析方案", P, frozenset({"写得好"})), ItemGrade("学情分析报告", E)],
            ["grading.unknown_criterion"],
        ),
        ([], ["grading.item_not_graded"]),
    ],
)
def test_grading_violations(grades, codes):
    result = grade(grades)
    assert [v.code for v in result.violations] == codes and result.level is None


def test_unknown_or_partial_evidence_lists_cannot_be_graded_until_edited():
    assert [v.code for v in grade_point(SEED.get("A2"), [], **LINES).violations] == ["grading.evidence_list_incomplete"]
    c4 = grade_point(SEED.get("C4"), [ItemGrade("设计方案", E)], **LINES)
    assert [v.code for v in c4.violations] == ["grading.evidence_list_incomplete"] and c4.level is None


def band_line(kind):
    return pass_line_for(kind, senior=60, middle=60, junior=80)


@pytest.mark.parametrize(
    "kind, score, level",
    [
        (BandKind.SENIOR, 59.9, F),
        (BandKind.SENIOR, 60, P),  # “考核要在60分以上即合格”: 60 itself passes
        (BandKind.MIDDLE, 60, P),  # “50-40岁…考核要在60-80分”
        (BandKind.MIDDLE, 80, P),
        (BandKind.JUNIOR, 79.9, F),
        (BandKind.JUNIOR, 80, P),  # “40岁以下…考核要在80分以上”
        (BandKind.JUNIOR, 89.9, P),
        (BandKind.JUNIOR, 90, E),  # the 优秀 line is a setting (no seed states one)
        (BandKind.SENIOR, 100, E),
    ],
)
def test_score_band(kind, score, level):
    assert score_level(score, pass_line=band_line(kind), excellent_line=90) is level


ALL_E = [ItemGrade("学情分析方案", E), ItemGrade("学情分析报告", E)]
ALL_P = [ItemGrade("学情分析方案", P), ItemGrade("学情分析报告", E)]
ONE_F = [ItemGrade("学情分析方案", F), ItemGrade("学情分析报告", E)]


@pytest.mark.parametrize(
    "grades, kind, score, codes",
    [
        (ALL_E, BandKind.JUNIOR, 95, []),
        (ALL_E, BandKind.JUNIOR, 85, ["grading.verdict_contradicts_score"]),
        (ALL_P, BandKind.JUNIOR, 85, []),
        (ALL_P, BandKind.JUNIOR, 70, ["grading.verdict_contradicts_score"]),  # 70 < 80 for under-40s
        (ONE_F, BandKind.JUNIOR, 70, []),
        (ONE_F, BandKind.SENIOR, 70, ["grading.verdict_contradicts_score"]),  # 70 passes at 50+
        (ALL_P, BandKind.SENIOR, 101, ["grading.score_out_of_range"]),
        (ALL_P, BandKind.SENIOR, -1, ["grading.score_out_of_range"]),
    ],
)
def test_verdict_never_contradicts_the_score(grades, kind, score, codes):
    result = grade(grades, score=score, pass_line=band_line(kind))
    assert [v.code for v in result.violations] == codes
    if not codes:
        assert result.level is result.score_level


def test_contradiction_message_names_both_lines():
    (reason,) = grade(ALL_E, score=85, pass_line=80).violations
    assert "85" in reason.zh and "80" in reason.zh and "90" in reason.en and "excellent" in reason.en


def test_a_score_needs_a_pass_line():
    with pytest.raises(ValueError):
        grade(ALL_E, score=85)


def test_score_lines_must_leave_room_for_every_level():
    check_score_lines(pass_lines=[60, 60, 80], excellent_line=90, max_score=100)
    with pytest.raises(ValueError):  # an 80 优秀 line would make every passing under-40 teacher 优秀
        check_score_lines(pass_lines=[60, 60, 80], excellent_line=80, max_score=100)
