"""Teacher age bands: which environments a teacher chooses from and which score passes.

Seed 004 §五.5: “教师根据年龄分成三个层面:50岁以上、50-40岁及40岁以下三个年龄段” —
50岁以上 choose from 多媒体教学环境 and pass at “60分以上”; 50-40岁 from 多媒体 and 混合
(“考核要在60-80分”); 40岁以下 “主要在混合学习环境和智慧学习环境” and pass at “80分以上”.

Boundaries: Chinese statutory usage counts “以上/以下” inclusive of the number (民法典
第1259条), so exactly 50 is in the oldest band. The seed's wording overlaps at 40 (“50-40岁”
and “40岁以下” both name it); we put exactly 40 in the middle band, the band that names 40 as
its own lower bound. Both boundaries are settings (``review_age_band_*_from``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.catalogue import Environment


class BandKind(str, Enum):
    JUNIOR = "junior"  # seed 004: 40岁以下
    MIDDLE = "middle"  # seed 004: 50-40岁
    SENIOR = "senior"  # seed 004: 50岁以上


@dataclass(frozen=True)
class AgeBand:
    """A band with the bounds it was computed with, so messages name the real ages."""

    kind: BandKind
    min_age: int | None  # inclusive
    max_age: int | None  # inclusive

    @property
    def zh(self) -> str:
        if self.max_age is None:
            return f"{self.min_age}岁及以上"
        if self.min_age is None:
            return f"{self.max_age + 1}岁以下"
        return f"{self.min_age}–{self.max_age}岁"

    @property
    def en(self) -> str:
        if self.max_age is None:
            return f"aged {self.min_age} and over"
        if self.min_age is None:
            return f"under {self.max_age + 1}"
        return f"aged {self.min_age}–{self.max_age}"


# Seed 004 §五.5, quoted above. “主要” (mainly) for the youngest band is read as a rule.
ENVIRONMENTS_BY_BAND: Mapping[BandKind, frozenset[Environment]] = {
    BandKind.SENIOR: frozenset({Environment.MULTIMEDIA}),
    BandKind.MIDDLE: frozenset({Environment.MULTIMEDIA, Environment.HYBRID}),
    BandKind.JUNIOR: frozenset({Environment.HYBRID, Environment.SMART}),
}


def age_at(birth: date | int, reference: date | int) -> int:
    """Completed years (周岁) when both are dates; else the age reached in the reference year.

    With only a birth year we cannot know whether the birthday has passed, so a teacher born
    in 1976 counts as 50 throughout 2026 (the caller may pass full dates for exact ages).
    """
    if isinstance(birth, date) and isinstance(reference, date):
        had_birthday = (reference.month, reference.day) >= (birth.month, birth.day)
        age = reference.year - birth.year - (0 if had_birthday else 1)
    else:
        birth_year = birth.year if isinstance(birth, date) else birth
        reference_year = reference.year if isinstance(reference, date) else reference
        age = reference_year - birth_year
    if age < 0:
        raise ValueError("the reference is before the birth")
    return age


def band_for_age(age: int, *, middle_from: int, senior_from: int) -> AgeBand:
    """``senior_from`` and over → senior; ``middle_from`` up to ``senior_from - 1`` → middle."""
    if not 0 < middle_from < senior_from:
        raise ValueError("age band boundaries must satisfy 0 < middle_from < senior_from")
    if age >= senior_from:
        return AgeBand(BandKind.SENIOR, senior_from, None)
    if age >= middle_from:
        return AgeBand(BandKind.MIDDLE, middle_from, senior_from - 1)
    return AgeBand(BandKind.JUNIOR, None, middle_from - 1)


def band_for_birth(birth: date | int, reference: date | int, *, middle_from: int, senior_from: int) -> AgeBand:
    """The band of a teacher born at ``birth`` as of ``reference`` (see ``age_at``)."""
    return band_for_age(age_at(birth, reference), middle_from=middle_from, senior_from=senior_from)


def allowed_environments(
    kind: BandKind, environments_by_band: Mapping[BandKind, frozenset[Environment]] = ENVIRONMENTS_BY_BAND
) -> frozenset[Environment]:
    return environments_by_band[kind]


def pass_line_for(kind: BandKind, *, senior: float, middle: float, junior: float) -> float:
    """The lowest passing score of the band (seed 004: 60分以上 / 60-80分 / 80分以上)."""
    return {BandKind.SENIOR: senior, BandKind.MIDDLE: middle, BandKind.JUNIOR: junior}[kind]
