"""Age bands: boundaries, age from birth year or date, environments and pass lines per band.

Seed 004 §五.5: “教师根据年龄分成三个层面:50岁以上、50-40岁及40岁以下三个年龄段”.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.age_bands import (
    SEED_004_ENVIRONMENTS,
    BandKind,
    age_at,
    age_reference_date,
    allowed_environments,
    band_environments,
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


A, B, C = Environment.MULTIMEDIA, Environment.HYBRID, Environment.SMART


@pytest.mark.parametrize(
    "kind, allowed, recommended",
    [
        # seed 004 “50岁以上教师可以从多媒体教学环境中选择三项微能力”: 可以 (may) permits, does not confine
        (BandKind.SENIOR, {A, B, C}, {A}),
        # seed 004 “50-40岁要在多媒体教学环境和混合学习环境中选择三项微能力”: 要 (must) confines
        (BandKind.MIDDLE, {A, B}, {A, B}),
        # seed 004 “40岁以下主要在混合学习环境和智慧学习环境中选择三项微能力”: 主要 (mainly) recommends
        (BandKind.JUNIOR, {A, B, C}, {B, C}),
    ],
)
def test_environments_by_band_as_seed_004_words_them(kind, allowed, recommended):
    assert allowed_environments(kind) == allowed
    assert SEED_004_ENVIRONMENTS[kind].recommended == recommended


def test_band_environments_are_settings_text():
    envs = band_environments("多媒体, hybrid", "multimedia")
    assert envs.allowed == {A, B} and envs.recommended == {A}
    with pytest.raises(ValueError, match="unknown environment 'cloud'"):
        band_environments("multimedia,cloud", "")
    with pytest.raises(ValueError, match="among its allowed"):
        band_environments("multimedia", "smart")
    with pytest.raises(ValueError, match="at least one"):
        band_environments("", "")


@pytest.mark.parametrize(
    "today, start, reference",
    [
        # the school year: from 1 September to the next 31 August, ages stay those of 1 September
        (date(2026, 12, 31), "09-01", date(2026, 9, 1)),
        (date(2027, 1, 1), "09-01", date(2026, 9, 1)),  # New Year changes nothing
        (date(2027, 8, 31), "09-01", date(2026, 9, 1)),
        (date(2027, 9, 1), "09-01", date(2027, 9, 1)),
        (date(2027, 3, 5), "01-01", date(2027, 1, 1)),
        (date(2027, 3, 5), "2026-09-01", date(2026, 9, 1)),  # a fixed day
    ],
)
def test_one_reference_date_for_ages(today, start, reference):
    assert age_reference_date(today, start) == reference


def test_across_new_year_the_pass_line_does_not_drop():
    """The issue's case: a teacher born 1987 is 39 in 2026 and 40 in 2027 by calendar year."""
    on = [age_reference_date(day, "09-01") for day in (date(2026, 12, 31), date(2027, 1, 2))]
    bands = {band_for_birth(1987, reference, **BOUNDS).kind for reference in on}
    assert bands == {BandKind.JUNIOR}


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
