"""Age bands: boundaries, age from birth year or date, environments and pass lines per band.

Seed 004 §五.5: “教师根据年龄分成三个层面:50岁以上、50-40岁及40岁以下三个年龄段”.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.age_bands import (
    BandKind,
    age_at,
    allowed_environments,
    band_for_age,
    band_for_birth,
    pass_line_for,
)
from domain.catalogue import Environment

BOUNDS = {"middle_from": 40, "senior_from": 50}


@pytest.mark.parametrize(
    "age, kind",
    [
        (25, BandKind.JUNIOR),
        (39, BandKind.JUNIOR),  # “40岁以下”
        (40, BandKind.MIDDLE),  # “50-40岁”: 40 is the middle band's own lower bound
        (49, BandKind.MIDDLE),
        (50, BandKind.SENIOR),  # “50岁以上”: 以上 includes the number (民法典 第1259条)
        (63, BandKind.SENIOR),
    ],
)
def test_band_boundaries(age, kind):
    assert band_for_age(age, **BOUNDS).kind is kind


def test_boundaries_are_configurable_and_labels_follow_them():
    band = band_for_age(40, middle_from=41, senior_from=55)
    assert band.kind is BandKind.JUNIOR and band.zh == "41岁以下" and band.en == "under 41"
    assert band_for_age(50, **BOUNDS).zh == "50岁及以上"
    assert band_for_age(45, **BOUNDS).en == "aged 40–49"
    with pytest.raises(ValueError):
        band_for_age(45, middle_from=50, senior_from=40)


@pytest.mark.parametrize(
    "birth, reference, age",
    [
        (1976, 2026, 50),  # birth year only: the age reached during the reference year
        (1976, date(2026, 1, 1), 50),
        (date(1976, 12, 31), 2026, 50),
        (date(1976, 12, 31), date(2026, 12, 30), 49),  # 周岁: birthday not yet reached
        (date(1976, 12, 31), date(2026, 12, 31), 50),
        (date(1986, 2, 28), date(2026, 2, 27), 39),
    ],
)
def test_age_from_birth(birth, reference, age):
    assert age_at(birth, reference) == age


def test_band_from_birth_year_on_the_boundary_year():
    assert band_for_birth(1976, 2026, **BOUNDS).kind is BandKind.SENIOR
    assert band_for_birth(date(1976, 6, 1), date(2026, 5, 31), **BOUNDS).kind is BandKind.MIDDLE
    with pytest.raises(ValueError):
        age_at(2030, 2026)


@pytest.mark.parametrize(
    "kind, environments",
    [
        # “50岁以上教师可以从多媒体教学环境中选择三项微能力”
        (BandKind.SENIOR, {Environment.MULTIMEDIA}),
        # “50-40岁要在多媒体教学环境和混合学习环境中选择三项微能力”
        (BandKind.MIDDLE, {Environment.MULTIMEDIA, Environment.HYBRID}),
        # “40岁以下主要在混合学习环境和智慧学习环境中选择三项微能力”
        (BandKind.JUNIOR, {Environment.HYBRID, Environment.SMART}),
    ],
)
def test_environments_by_band(kind, environments):
    assert allowed_environments(kind) == environments


@pytest.mark.parametrize(
    "kind, line",
    [
        (BandKind.SENIOR, 60),  # “考核要在60分以上即合格”
        (BandKind.MIDDLE, 60),  # “考核要在60-80分”
        (BandKind.JUNIOR, 80),  # “考核要在80分以上”
    ],
)
def test_pass_line_by_band(kind, line):
    assert pass_line_for(kind, senior=60, middle=60, junior=80) == line
