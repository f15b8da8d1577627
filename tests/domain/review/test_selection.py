"""Point selection, table-driven from seed 004 §五.5 and seed 001 §三.

“在其中选择3项微能力,要涵盖学情分析、教学设计、学法指导和学业评价中的三个方面” (seed 004);
“全体教师选择3个能力点” (seed 001). Age bands: see test_age_bands.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.age_bands import band_for_age
from domain.catalogue import Environment, load_seed_catalogue
from domain.school_setup import SchoolSetup, SelectionWindow
from domain.selection import check_offer_covers_bands, check_selection, has_valid_selection, remaining_choices

SEED = load_seed_catalogue()
WINDOW = SelectionWindow(date(2022, 4, 7), date(2022, 4, 13))
ALL = SchoolSetup(Environment.SMART, frozenset(SEED.codes), WINDOW)
SENIOR, MIDDLE, JUNIOR = (band_for_age(a, middle_from=40, senior_from=50) for a in (55, 45, 30))
RULES = {"points_per_teacher": 3, "min_dimensions": 3}


def check(codes, band, setup=ALL, **extra):
    return [r.code for r in check_selection(codes, catalogue=SEED, setup=setup, band=band, **{**RULES, **extra})]


@pytest.mark.parametrize(
    "band, codes, expected",
    [
        # “50岁以上教师可以从多媒体教学环境中选择三项微能力”
        (SENIOR, ["A1", "A2", "A5"], []),
        (SENIOR, ["A1", "A2", "B5"], ["selection.environment_not_for_band"]),
        # “50-40岁要在多媒体教学环境和混合学习环境中选择三项微能力”
        (MIDDLE, ["A1", "B2", "B9"], []),
        (MIDDLE, ["A1", "B2", "C3"], ["selection.environment_not_for_band"]),
        # “40岁以下主要在混合学习环境和智慧学习环境中选择三项微能力”
        (JUNIOR, ["B1", "C1", "C6"], []),
        (JUNIOR, ["A1", "B2", "C3"], ["selection.environment_not_for_band"]),
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
            JUNIOR,
            ["A2", "A3", "A4", "A5"],
            ["selection.wrong_count", "selection.environment_not_for_band", "selection.too_few_dimensions"],
        ),
    ],
)
def test_selection_rules(band, codes, expected):
    assert check(codes, band) == expected


# seed 004 §五.1: “提取符合我校教师实际的8个微能力点,每名教师再选择3个微能力点”
EIGHT = SchoolSetup(Environment.HYBRID, frozenset({"A1", "A3", "A6", "A12", "B1", "B2", "B6", "B9"}), WINDOW)


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
        (["A1"], ["selection.environment_not_for_band"]),
    ],
)
def test_partial_selection_while_choosing(codes, expected):
    assert check(codes, JUNIOR, complete=False) == expected


def allowed(codes, band=JUNIOR, setup=ALL):
    choices = remaining_choices(codes, catalogue=SEED, setup=setup, band=band, **RULES)
    return sorted(c.code for c in choices if c.allowed), {c.code: [r.code for r in c.reasons] for c in choices}


def test_remaining_choices_after_one_point():
    codes, why = allowed(["C1"])  # 教学设计 taken; two places must add two new dimensions
    assert "C3" in codes and "B1" in codes and "C6" in codes
    assert why["C2"] == ["selection.coverage_unreachable"] and why["B2"] == ["selection.coverage_unreachable"]
    assert why["A1"] == ["selection.environment_not_for_band"]


def test_remaining_choices_after_two_points():
    codes, _ = allowed(["C1", "C3"])  # 教学设计 + 学法指导: the last place needs 学情分析 or 学业评价
    assert codes == ["B1", "B10", "B9", "C6", "C7"]


def test_remaining_choices_when_full_and_outside_the_offer():
    _, why = allowed(["C1", "C3", "C6"])
    assert set(why) == set(SEED.codes) - {"C1", "C3", "C6"}
    assert all("selection.full" in reasons for reasons in why.values())
    _, why = allowed([], SENIOR, EIGHT)
    assert why["A2"] == ["selection.not_offered"] and why["A1"] == []
    assert why["B1"] == ["selection.environment_not_for_band"]


def test_an_offer_can_leave_a_band_without_any_valid_choice():
    only_a = SchoolSetup(Environment.MULTIMEDIA, frozenset(c for c in SEED.codes if c.startswith("A")), WINDOW)
    assert has_valid_selection(catalogue=SEED, setup=only_a, band=SENIOR, **RULES)
    assert not has_valid_selection(catalogue=SEED, setup=only_a, band=JUNIOR, **RULES)
    found = check_offer_covers_bands([SENIOR, MIDDLE, JUNIOR], catalogue=SEED, setup=only_a, **RULES)
    assert [r.code for r in found] == ["setup.band_infeasible"] and "40岁以下" in found[0].zh
    assert check_offer_covers_bands([SENIOR, MIDDLE, JUNIOR], catalogue=SEED, setup=EIGHT, **RULES) == ()


def test_numbers_are_parameters():
    assert check(["A1", "A2"], SENIOR, points_per_teacher=2, min_dimensions=2) == []
    assert check(["A1", "A2", "A5"], SENIOR, points_per_teacher=3, min_dimensions=4) == ["selection.too_few_dimensions"]
