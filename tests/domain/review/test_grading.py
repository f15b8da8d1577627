"""Grading: the point rule (national spec) and seed 004's scores; criteria are tests/domain/review/test_rubrics.py.

考核规范 使用说明 (CATALOG.md §1): “优秀 only if every evidence item is 优秀; if any item is below
合格 → the capability is 不合格”; a work must satisfy all criteria of a level to get it.
"""

from __future__ import annotations

import pytest

from domain.age_bands import BandKind, pass_line_for
from domain.grading import Level, check_score_lines, combine_item_levels, score_level

E, P, F = Level.EXCELLENT, Level.PASS, Level.FAIL


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


def test_score_lines_must_leave_room_for_every_level():
    check_score_lines(pass_lines=[60, 60, 80], excellent_line=90, max_score=100)
    with pytest.raises(ValueError):  # an 80 优秀 line would make every passing under-40 teacher 优秀
        check_score_lines(pass_lines=[60, 60, 80], excellent_line=80, max_score=100)
