"""Point selection, table-driven from seed 004 §五.5 and seed 001 §三.

“在其中选择3项微能力,要涵盖学情分析、教学设计、学法指导和学业评价中的三个方面” (seed 004);
“全体教师选择3个能力点” (seed 001). Age bands: see test_age_bands.py. Environments by band as
seed 004 words them: 50岁以上 “可以” (may) and 40岁以下 “主要” (mainly) leave every environment
allowed and only recommend; 50-40岁 “要” (must) restricts to 多媒体 and 混合.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.age_bands import band_for_age
from domain.catalogue import Environment, load_seed_catalogue
from domain.school_setup import SchoolSetup, SelectionWindow
from domain.selection import (
    TeacherBand,
    check_offer_covers_teachers,
    check_selection,
    has_valid_selection,
    offer_notes,
    recommendation_notes,
    remaining_choices,
)

SEED = load_seed_catalogue()
WINDOW = SelectionWindow(date(2022, 4, 7), date(2022, 4, 13))
ALL = SchoolSetup(frozenset(Environment), frozenset(SEED.codes), WINDOW)
SENIOR, MIDDLE, JUNIOR = (band_for_age(a, middle_from=40, senior_from=50) for a in (55, 45, 30))
RULES = {"points_per_teacher": 3, "min_dimensions": 3}


def check(codes, band, setup=ALL, **extra):
    return [r.code for r in check_selection(codes, catalogue=SEED, setup=setup, band=band, **{**RULES, **extra})]


@pytest.mark.parametrize(
    "band, codes, expected",
    [
        # “50岁以上教师可以从多媒体教学环境中选择三项微能力”: may, so other environments stay open
        (SENIOR, ["A1", "A2", "A5"], []),
        (SENIOR, ["A1", "A2", "B5"], []),
        (SENIOR, ["A1", "C1", "C6"], []),
        # “50-40岁要在多媒体教学环境和混合学习环境中选择三项微能力”
        (MIDDLE, ["A1", "B2", "B9"], []),
        (MIDDLE, ["A1", "B2", "C3"], ["selection.environment_not_for_band"]),
        # “40岁以下主要在混合学习环境和智慧学习环境中选择三项微能力”: mainly, so multimedia stays open
        (JUNIOR, ["B1", "C1", "C6"], []),
        (JUNIOR, ["A1", "B2", "C3"], []),
        (JUNIOR, ["A1", "A2", "A5"], []),
        # 智慧学习环境 has no 学情分析 point: C alone must cover 教学设计, 学法指导 and 学业评价
        (JUNIOR, ["C1", "C3", "C6"], []),
        (JUNIOR, ["C1", "C2", "C3"], ["selection.too_few_dimensions"]),
        (JUNIOR, ["C3", "C4", "C5"], ["selection.too_few_dimensions"]),
        # “要涵盖…中的三个方面”: all four is fine too, but only three places exist
        (MIDDLE, ["A1", "A2", "B4"], []),
        (SENIOR, ["A2", "A3", "A4"], ["selection.too_few_dimensions"]),
        # “选择3项微能力”: exactly three
        (SENIOR, ["A1", "A2"], ["selection.wrong_count", "selection.too_few_dimensions"]),
        (SENIOR, ["A1", "A2", "A5", "A11"], ["selection.wrong_count"]),
        (SENIOR, [], ["selection.wrong_count", "selection.too_few_dimensions"]),
        (SENIOR, ["A1", "A1", "A2"], ["selection.duplicate", "selection.too_few_dimensions"]),
        (SENIOR, ["A1", "Z9", "A2"], ["selection.unknown_point", "selection.too_few_dimensions"]),
        # every violation at once
        (
            MIDDLE,
            ["A2", "A3", "C4", "C5"],
            ["selection.wrong_count", "selection.environment_not_for_band", "selection.too_few_dimensions"],
        ),
    ],
)
def test_selection_rules(band, codes, expected):
    assert check(codes, band) == expected


# seed 004 §五.1: “提取符合我校教师实际的8个微能力点,每名教师再选择3个微能力点”
EIGHT = SchoolSetup(
    frozenset({Environment.MULTIMEDIA, Environment.HYBRID}),
    frozenset({"A1", "A3", "A6", "A12", "B1", "B2", "B6", "B9"}),
    WINDOW,
)


def test_only_the_schools_offer():
    assert check(["A1", "A3", "A6"], SENIOR, EIGHT) == []
    assert check(["A1", "A2", "A6"], SENIOR, EIGHT) == ["selection.not_offered"]
    assert check(["B1", "B2", "B6"], JUNIOR, EIGHT) == []


def test_messages_name_the_band_and_the_points():
    (reason,) = check_selection(["A1", "B2", "C3"], catalogue=SEED, setup=ALL, band=MIDDLE, **RULES)
    assert "40–49岁" in reason.zh and "C3" in reason.zh and "混合学习环境" in reason.zh
    assert "aged 40–49" in reason.en and "the hybrid environment" in reason.en
    (reason,) = check_selection(["C1", "C2", "C3"], catalogue=SEED, setup=ALL, band=JUNIOR, **RULES)
    assert "学情分析、学业评价" in reason.zh and "learner analysis, assessment" in reason.en


@pytest.mark.parametrize(
    "codes, expected",
    [
        (["C1"], []),
        (["C1", "C3"], []),
        (["C1", "C2"], ["selection.coverage_unreachable"]),  # two 教学设计, one place left
        (["C1", "C3", "C6", "B1"], ["selection.wrong_count"]),
        (["C4"], ["selection.environment_not_for_band"]),
    ],
)
def test_partial_selection_while_choosing(codes, expected):
    band = MIDDLE if codes == ["C4"] else JUNIOR
    assert check(codes, band, complete=False) == expected


def allowed(codes, band=JUNIOR, setup=ALL):
    choices = remaining_choices(codes, catalogue=SEED, setup=setup, band=band, **RULES)
    return sorted(c.code for c in choices if c.allowed), {c.code: [r.code for r in c.reasons] for c in choices}


def test_remaining_choices_after_one_point():
    codes, why = allowed(["C1"])  # 教学设计 taken; two places must add two new dimensions
    assert "C3" in codes and "B1" in codes and "C6" in codes
    assert why["C2"] == ["selection.coverage_unreachable"] and why["B2"] == ["selection.coverage_unreachable"]
    assert why["A1"] == []  # 主要: open to a teacher under 40, only not recommended
    assert allowed(["A1"], MIDDLE)[1]["C4"] == ["selection.environment_not_for_band"]


def test_choices_carry_the_recommendation():
    choices = {c.code: c for c in remaining_choices([], catalogue=SEED, setup=ALL, band=JUNIOR, **RULES)}
    assert choices["A1"].allowed and not choices["A1"].recommended
    assert choices["B1"].recommended and choices["C1"].recommended
    senior = {c.code: c for c in remaining_choices([], catalogue=SEED, setup=ALL, band=SENIOR, **RULES)}
    assert senior["A1"].recommended and senior["C1"].allowed and not senior["C1"].recommended


def test_off_recommendation_is_advice_naming_the_points():
    assert recommendation_notes(["B1", "C1", "C6"], catalogue=SEED, band=JUNIOR) == ()
    (note,) = recommendation_notes(["A1", "A2", "B4"], catalogue=SEED, band=JUNIOR)
    assert note.code == "selection.off_recommendation"
    assert "A1, A2" in note.zh and "B4" not in note.zh and "混合学习环境、智慧学习环境" in note.zh
    assert "still valid" in note.en


def test_remaining_choices_after_two_points():
    codes, _ = allowed(["C1", "C3"])  # 教学设计 + 学法指导: the last place needs 学情分析 or 学业评价
    assert codes == ["A1", "A11", "A12", "A13", "B1", "B10", "B9", "C6", "C7"]


def test_remaining_choices_when_full_and_outside_the_offer():
    _, why = allowed(["C1", "C3", "C6"])
    assert set(why) == set(SEED.codes) - {"C1", "C3", "C6"}
    assert all("selection.full" in reasons for reasons in why.values())
    _, why = allowed([], SENIOR, EIGHT)
    assert why["A2"] == ["selection.not_offered"] and why["A1"] == []
    assert why["B1"] == []  # “可以”: a senior may also choose the school's hybrid points


ONLY_A = SchoolSetup(frozenset({Environment.MULTIMEDIA}), frozenset(c for c in SEED.codes if c.startswith("A")), WINDOW)
PEOPLE = [TeacherBand("张老师（T1）", SENIOR), TeacherBand("李老师（T2）", MIDDLE), TeacherBand("王老师（T3）", JUNIOR)]


def test_a_multimedia_only_school_leaves_every_band_a_choice():
    """Seed 004 §三 “学校属于多媒体学习环境”: the rural school with teachers of every age can start."""
    for band in (SENIOR, MIDDLE, JUNIOR):
        assert has_valid_selection(catalogue=SEED, setup=ONLY_A, band=band, **RULES)
    assert check_offer_covers_teachers(PEOPLE, catalogue=SEED, setup=ONLY_A, **RULES) == ()
    assert check(["A1", "A2", "A5"], JUNIOR, ONLY_A) == []
    (note,) = offer_notes(PEOPLE, catalogue=SEED, setup=ONLY_A)
    assert note.code == "setup.band_off_recommendation" and "40岁以下" in note.zh and "1 人" in note.zh


def test_an_offer_that_truly_leaves_teachers_without_a_choice_names_them_and_why():
    only_c = SchoolSetup(frozenset({Environment.SMART}), frozenset(c for c in SEED.codes if c.startswith("C")), WINDOW)
    found = check_offer_covers_teachers(PEOPLE, catalogue=SEED, setup=only_c, **RULES)
    assert [r.code for r in found] == ["setup.band_infeasible"]  # only 40–49 (要: 多媒体、混合) has none
    assert "李老师（T2）" in found[0].zh and "张老师" not in found[0].zh and "只有 0 个" in found[0].zh
    assert "only 0 of the offered points" in found[0].en
    two_dims = SchoolSetup(frozenset({Environment.MULTIMEDIA}), frozenset({"A2", "A3", "A5", "A6"}), WINDOW)
    found = check_offer_covers_teachers(PEOPLE, catalogue=SEED, setup=two_dims, **RULES)
    assert len(found) == 3 and all("只涵盖 2 个维度" in r.zh for r in found)


def test_a_long_list_of_teachers_is_shortened():
    many = [TeacherBand(f"教师{n}", MIDDLE) for n in range(25)]
    only_c = SchoolSetup(frozenset({Environment.SMART}), frozenset({"C1", "C3", "C6"}), WINDOW)
    (reason,) = check_offer_covers_teachers(many, catalogue=SEED, setup=only_c, **RULES)
    assert "教师9" in reason.zh and "教师10" not in reason.zh and "等 25 人" in reason.zh


def test_numbers_are_parameters():
    assert check(["A1", "A2"], SENIOR, points_per_teacher=2, min_dimensions=2) == []
    assert check(["A1", "A2", "A5"], SENIOR, points_per_teacher=3, min_dimensions=4) == ["selection.too_few_dimensions"]
