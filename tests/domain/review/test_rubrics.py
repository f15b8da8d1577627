"""Rubrics: the seed for every point, grading criterion by criterion, the verdict and its why.

考核规范 使用说明 (CATALOG.md §1): a work must satisfy *all* criteria of a level to get it, so an
item is 优秀 only if every criterion is; the point is 优秀 only if every item is 优秀 and 不合格
if any item is below 合格, else 合格. Seed 004 §五.5 gives the pass lines a score is held to.
"""

from __future__ import annotations

import pytest

from domain.catalogue import load_seed_catalogue
from domain.grading import Level
from domain.rubric_grading import Lines, check_verdict, explain, explain_lines, grade_criteria
from domain.rubric_seed import seed_rubric
from domain.rubrics import Criterion, Rubric, criteria_from_dicts, criteria_to_dicts, validate_criteria, with_keys

SEED = load_seed_catalogue()
E, P, F = Level.EXCELLENT, Level.PASS, Level.FAIL
MIDDLE = Lines(band_zh="40–49岁", band_en="aged 40–49", pass_line=60.0, excellent_line=90.0, max_score=100.0)
JUNIOR = Lines(band_zh="40岁以下", band_en="under 40", pass_line=80.0, excellent_line=90.0, max_score=100.0)


def _criterion(key: str, item: str | None = None, *, only: bool = False) -> Criterion:
    return Criterion(key, item, f"标准{key}", "优", "合", None if only else "不", excellent_only=only)


def _levels(rubric: Rubric, default: Level = E, **overrides: Level) -> dict[str, Level]:
    return {c.key: overrides.get(c.key, default) for c in rubric.criteria}


# --- the seed ----------------------------------------------------------------------------------


def test_every_point_of_the_catalogue_has_a_seed_rubric_that_validates():
    for point in SEED.points:
        rubric = seed_rubric(point)
        assert rubric.version == 0 and rubric.criteria, point.code
        found = validate_criteria(
            criteria_to_dicts(rubric.criteria),
            item_keys=tuple(i.key for i in point.items),
            items_complete=point.items_complete,
            max_criteria=30,
            max_text=300,
        )
        assert found == (), (point.code, [r.zh for r in found])
        assert all(c.title_en and c.excellent_en and c.pass_en for c in rubric.criteria), point.code


def test_a1_plan_pairs_its_known_checklist_line_by_line():
    """S1 (CATALOG §3): 优秀 4 lines, 合格 3; the 4th 优秀 line (创新) is 优秀-only."""
    plan = [c for c in seed_rubric(SEED.get("A1")).criteria if c.item_key == "学情分析方案"]
    assert [c.excellent_zh for c in plan] == list(SEED.get("A1").items[0].excellent_criteria)
    assert [c.pass_zh for c in plan[:3]] == list(SEED.get("A1").items[0].pass_criteria)
    assert (
        plan[1].excellent_zh == "方案能够有效支持学情分析目的达成" and plan[1].pass_zh == "方案能够支持学情分析目的达成"
    )
    assert [c.excellent_only for c in plan] == [False, False, False, True]
    assert plan[3].levels == (E, P) and plan[3].fail_zh is None


def test_a1_report_whose_checklist_is_unknown_gets_the_general_criteria():
    report = [c for c in seed_rubric(SEED.get("A1")).criteria if c.item_key == "学情分析报告"]
    assert [c.title_zh for c in report] == [
        "符合任务要求与格式",
        "材料完整，表述清晰",
        "技术支持学情分析目的达成",
        "技术工具设计/选用",
        "创新性与借鉴价值",
    ]
    assert report[-1].excellent_only and not any(c.excellent_only for c in report[:-1])


def test_c4_uses_its_five_excellent_lines_and_judges_the_unread_rest_as_a_whole():
    rubric = seed_rubric(SEED.get("C4"))
    plan = [c for c in rubric.criteria if c.item_key == "设计方案"]
    assert len(plan) == 5 and not any(c.excellent_only for c in plan)
    assert plan[0].pass_zh.startswith("主题适合学生的")  # the one 合格 fragment the source shows
    assert rubric.groups == ("设计方案", None)
    assert "学法指导" in rubric.criteria[-3].title_zh  # C4's dimension


def test_points_with_unknown_items_get_the_general_criteria_naming_their_dimension():
    rubric = seed_rubric(SEED.get("A2"))
    assert rubric.groups == (None,) and len(rubric.criteria) == 5
    assert rubric.criteria[2].excellent_zh == "技术应用能够有效支持教学设计目的的达成"
    assert [c.key for c in rubric.criteria] == ["c1", "c2", "c3", "c4", "c5"]


# --- grading: the spec's rule --------------------------------------------------------------------

TWO_ITEMS = Rubric(
    "A1",
    3,
    (_criterion("a", "方案"), _criterion("b", "方案"), _criterion("n", "方案", only=True), _criterion("r", "报告")),
)


@pytest.mark.parametrize(
    "levels, items, point, rule",
    [
        ({"a": E, "b": E, "n": E, "r": E}, [E, E], E, "优秀 only if every item is 优秀"),
        ({"a": E, "b": E, "n": P, "r": E}, [P, E], P, "an item meets 优秀 only with all its criteria"),
        ({"a": E, "b": P, "n": E, "r": E}, [P, E], P, "one 合格 criterion keeps the item from 优秀"),
        ({"a": E, "b": E, "n": E, "r": P}, [E, P], P, "otherwise 合格"),
        ({"a": F, "b": E, "n": E, "r": E}, [F, E], F, "any criterion below 合格 fails its item"),
        ({"a": E, "b": E, "n": E, "r": F}, [E, F], F, "any item below 合格 fails the point"),
        ({"a": P, "b": P, "n": P, "r": P}, [P, P], P, "missing the 优秀-only line never fails"),
    ],
)
def test_item_and_point_levels_follow_the_spec(levels, items, point, rule):
    grade = grade_criteria(TWO_ITEMS, levels)
    assert grade.problems == (), rule
    assert [lv for _, lv in grade.item_levels] == items, rule
    assert grade.level is point, rule


@pytest.mark.parametrize(
    "levels, codes",
    [
        ({"a": E, "b": E, "n": E}, ["grading.criterion_not_graded"]),
        ({"a": E, "b": E, "n": F, "r": E}, ["grading.excellent_only_failed"]),
        ({"a": E, "b": E, "n": E, "r": E, "x": E}, ["grading.unknown_criterion_key"]),
    ],
)
def test_every_criterion_needs_a_level_it_may_take(levels, codes):
    grade = grade_criteria(TWO_ITEMS, levels)
    assert grade.level is None and [r.code for r in grade.problems] == codes
    assert all(r.zh and r.en for r in grade.problems)


@pytest.mark.parametrize(
    "verdict, score, lines, codes",
    [
        (P, None, MIDDLE, []),
        (E, None, MIDDLE, ["grading.verdict_contradicts_criteria"]),
        (P, 75, MIDDLE, []),  # seed 004: 40–49 “60-80分” → 75 is 合格
        (P, 75, JUNIOR, ["grading.verdict_contradicts_score"]),  # seed 004: under 40 “80分以上”
        (P, 80, JUNIOR, []),  # 以上 includes the number
        (P, 95, MIDDLE, ["grading.verdict_contradicts_score"]),
        (E, 95, MIDDLE, ["grading.verdict_contradicts_criteria"]),
        (P, 101, MIDDLE, ["grading.score_out_of_range"]),
    ],
)
def test_the_verdict_must_be_the_derived_level_and_agree_with_the_band_line(verdict, score, lines, codes):
    levels = {"a": E, "b": P, "n": E, "r": E}  # derived: 合格
    grade, found = check_verdict(TWO_ITEMS, levels, verdict, score=score, lines=lines)
    assert grade.level is P
    assert [r.code for r in found] == codes


# --- why ---------------------------------------------------------------------------------------------


def test_the_explanation_counts_criteria_and_names_the_rule():
    rubric = seed_rubric(SEED.get("A2"))
    levels = _levels(rubric, c5=P)
    why = explain(rubric, levels, grade_criteria(rubric, levels))
    assert [r.zh for r in why] == ["能力点：5 项标准中 4 项优秀、1 项合格 → 合格：优秀需每项均为优秀"]
    assert why[0].en == "Point: of 5 criteria 4 excellent, 1 pass → pass: excellent needs every one excellent"


def test_the_explanation_of_several_items_goes_item_by_item_then_the_point():
    rubric = seed_rubric(SEED.get("A1"))
    levels = _levels(rubric, c6=F)
    why = [r.zh for r in explain(rubric, levels, grade_criteria(rubric, levels))]
    assert why == [
        "学情分析方案：4 项标准中 4 项优秀 → 优秀",
        "学情分析报告：5 项标准中 4 项优秀、1 项不合格 → 不合格",
        "能力点：2 项证据中 1 项优秀、1 项不合格 → 不合格：任何一项不合格即为不合格",
    ]


def test_the_pass_line_of_the_teachers_band_is_part_of_the_why():
    lines = [r.zh for r in explain_lines(JUNIOR, 85)]
    assert lines == [
        "教师年龄段 40岁以下：合格线 80 分，优秀线 90 分（如打分，分数须与结论一致）",
        "分数 85 → 合格",
    ]


# --- editing -----------------------------------------------------------------------------------------


def test_an_edit_lists_every_problem_in_both_languages():
    raw = [
        {"key": "c1", "title_zh": "", "excellent_zh": "优", "pass_zh": "合", "fail_zh": "不", "item_key": "教案"},
        {"key": "c1", "title_zh": "创新", "excellent_zh": "优", "pass_zh": "合", "excellent_only": True},
        {"key": "c3", "title_zh": "长" * 301, "excellent_zh": "优", "pass_zh": "合"},
    ]
    found = validate_criteria(raw, item_keys=("方案", "报告"), items_complete=True, max_criteria=30, max_text=300)
    assert [r.code for r in found] == [
        "rubric.missing_text",  # c1 title
        "rubric.unknown_item",  # c1 names 教案
        "rubric.duplicate_key",
        "rubric.text_too_long",  # c3 title, limit named
        "rubric.missing_text",  # c3 has no 不合格 and is not 优秀-only
        "rubric.item_uncovered",
        "rubric.item_uncovered",
    ]
    assert "上限为 300" in found[3].zh and "limit is 300" in found[3].en
    assert "第 1 条标准缺少标题" in found[0].zh


def test_too_many_or_no_criteria_are_refused_with_the_limit():
    assert [r.code for r in validate_criteria([], item_keys=(), items_complete=False, max_criteria=3, max_text=9)] == [
        "rubric.empty"
    ]
    many = criteria_to_dicts(seed_rubric(SEED.get("A2")).criteria)
    found = validate_criteria(many, item_keys=(), items_complete=False, max_criteria=3, max_text=300)
    assert [r.code for r in found] == ["rubric.too_many"] and "上限为 3 条" in found[0].zh


def test_new_criteria_get_the_next_free_key_and_round_trip():
    raw = with_keys([{"key": "c2"}, {"title_zh": "新"}, {"key": " "}, {"key": "x9"}])
    assert [c["key"] for c in raw] == ["c2", "c3", "c4", "x9"]
    rubric = seed_rubric(SEED.get("A1"))
    assert criteria_from_dicts(criteria_to_dicts(rubric.criteria)) == rubric.criteria


def test_a_score_contradiction_names_both_lines_of_the_band():
    levels = {"a": E, "b": E, "n": E, "r": E}
    _, found = check_verdict(TWO_ITEMS, levels, E, score=85, lines=JUNIOR)
    (reason,) = found
    assert "85" in reason.zh and "80" in reason.zh and "90" in reason.en and "excellent" in reason.en
