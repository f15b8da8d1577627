"""Teacher age bands: which environments a teacher chooses from and which score passes.

Seed 004 §五.5: “教师根据年龄分成三个层面:50岁以上、50-40岁及40岁以下三个年龄段” —
“50岁以上教师可以从多媒体教学环境中选择三项微能力…考核要在60分以上即合格”; “50-40岁要在
多媒体教学环境和混合学习环境中选择三项微能力…考核要在60-80分”; “40岁以下主要在混合学习环境和
智慧学习环境中选择三项微能力…考核要在80分以上”.

Environments are read as the seed words them, so each band has the environments it *may*
choose from and those it is *recommended*: “可以” (may) permits the multimedia points without
forbidding the others, “要” (must) restricts, and “主要” (mainly) recommends without forbidding.
So a teacher under 40 in a multimedia-only school (the common rural case, and seed 004's own
school, §三 “学校属于多媒体学习环境”) chooses multimedia points and is shown the recommendation.
Both sets are settings (``review_band_*_allowed`` / ``review_band_*_recommended``).

Ages are taken on one day for every rule (``age_reference_date``: the programme year's start),
so a teacher's band and pass line cannot change between selecting, grading and setup.

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

from domain.catalogue import Environment, parse_environment


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


@dataclass(frozen=True)
class BandEnvironments:
    """Where a band may choose its points, and where the seed would rather it chose."""

    allowed: frozenset[Environment]
    recommended: frozenset[Environment]

    def __post_init__(self) -> None:
        if not self.allowed:
            raise ValueError("a band must be allowed at least one environment")
        if not self.recommended <= self.allowed:
            raise ValueError("a band's recommended environments must be among its allowed ones")


_ALL = frozenset(Environment)
# Seed 004 §五.5, quoted above: 可以 (may) → allowed everywhere, recommended multimedia; 要 (must)
# → multimedia and hybrid only; 主要 (mainly) → allowed everywhere, recommended hybrid and smart.
SEED_004_ENVIRONMENTS: Mapping[BandKind, BandEnvironments] = {
    BandKind.SENIOR: BandEnvironments(_ALL, frozenset({Environment.MULTIMEDIA})),
    BandKind.MIDDLE: BandEnvironments(
        frozenset({Environment.MULTIMEDIA, Environment.HYBRID}),
        frozenset({Environment.MULTIMEDIA, Environment.HYBRID}),
    ),
    BandKind.JUNIOR: BandEnvironments(_ALL, frozenset({Environment.HYBRID, Environment.SMART})),
}
EnvironmentsByBand = Mapping[BandKind, BandEnvironments]


def parse_environments(text: str) -> frozenset[Environment]:
    """Comma-separated environments (values or Chinese names); ``ValueError`` naming a bad one."""
    found = set()
    for part in (p for p in text.replace("，", ",").split(",") if p.strip()):
        env = parse_environment(part)
        if env is None:
            raise ValueError(f"unknown environment {part.strip()!r} (use multimedia, hybrid or smart)")
        found.add(env)
    return frozenset(found)


def band_environments(allowed: str, recommended: str) -> BandEnvironments:
    """A band's environments from their comma-separated settings."""
    return BandEnvironments(parse_environments(allowed), parse_environments(recommended))


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
    kind: BandKind, environments_by_band: EnvironmentsByBand = SEED_004_ENVIRONMENTS
) -> frozenset[Environment]:
    return environments_by_band[kind].allowed


def age_reference_date(today: date, programme_year_start: str) -> date:
    """The day ages are taken on: the start of the programme year ``today`` falls in.

    ``programme_year_start`` is ``MM-DD`` (the most recent such day on or before ``today``:
    "09-01" is the school year, "01-01" the calendar year) or a fixed ``YYYY-MM-DD``.
    """
    text = programme_year_start.strip()
    if len(text.split("-")) == 3:
        return date.fromisoformat(text)
    month, day = (int(part) for part in text.split("-"))
    start = date(today.year, month, day)
    return start if start <= today else date(today.year - 1, month, day)


def pass_line_for(kind: BandKind, *, senior: float, middle: float, junior: float) -> float:
    """The lowest passing score of the band (seed 004: 60分以上 / 60-80分 / 80分以上)."""
    return {BandKind.SENIOR: senior, BandKind.MIDDLE: middle, BandKind.JUNIOR: junior}[kind]
