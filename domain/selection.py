"""Point selection: which micro-capability points a teacher may choose.

Seed 004 §五.5: “在其中选择3项微能力,要涵盖学情分析、教学设计、学法指导和学业评价中的
三个方面”, environments by age band (see ``domain.age_bands``), and from the school's narrowed
offer (§五.1 “提取…8个微能力点,每名教师再选择3个”). Seed 001 §三: “全体教师选择3个能力点”.

Every violation is returned, not just the first, so the UI can explain while the teacher
chooses; ``remaining_choices`` says which further points still lead to a valid selection.
Environment C (智慧) has no 学情分析 point, so a C-heavy choice must cover the other three.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from domain import review_reasons as rr
from domain.age_bands import ENVIRONMENTS_BY_BAND, AgeBand, BandKind
from domain.catalogue import CapabilityPoint, Catalogue, Dimension, Environment
from domain.reasons import Reason
from domain.school_setup import SchoolSetup

EnvMap = Mapping[BandKind, frozenset[Environment]]


@dataclass(frozen=True)
class Choice:
    """A point the teacher has not chosen yet, and why it cannot be added (empty: it can)."""

    code: str
    reasons: tuple[Reason, ...]

    @property
    def allowed(self) -> bool:
        return not self.reasons


def check_selection(
    codes: Sequence[str],
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    band: AgeBand,
    points_per_teacher: int,
    min_dimensions: int,
    complete: bool = True,
    environments_by_band: EnvMap = ENVIRONMENTS_BY_BAND,
) -> tuple[Reason, ...]:
    """Every reason ``codes`` is not a valid selection; empty when it is.

    With ``complete=False`` (the teacher is still choosing) fewer points are fine, and the
    dimension rule asks only that the remaining places can still reach the coverage.
    """
    found: list[Reason] = []
    too_many = len(codes) > points_per_teacher
    if too_many or (complete and len(codes) != points_per_teacher):
        found.append(rr.SELECTION_WRONG_COUNT.format(count=len(codes), required=points_per_teacher))
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        found.append(rr.SELECTION_DUPLICATE.format(codes=", ".join(duplicates)))
    unknown = [c for c in dict.fromkeys(codes) if c not in catalogue]
    if unknown:
        found.append(rr.SELECTION_UNKNOWN_POINT.format(codes=", ".join(unknown)))
    points = [p for p in (catalogue.get(c) for c in dict.fromkeys(codes)) if p is not None]
    not_offered = [p.code for p in points if p.code not in setup.offered_codes]
    if not_offered:
        found.append(rr.SELECTION_NOT_OFFERED.format(codes=", ".join(not_offered)))
    allowed_envs = environments_by_band[band.kind]
    wrong_env = [p.code for p in points if p.environment not in allowed_envs]
    if wrong_env:
        found.append(_env_reason(band, allowed_envs, wrong_env))
    covered = {p.dimension for p in points}
    if complete and len(covered) < min_dimensions:
        missing = [d for d in Dimension if d not in covered]
        found.append(
            rr.SELECTION_TOO_FEW_DIMENSIONS.format(
                covered=len(covered),
                required=min_dimensions,
                missing_zh="、".join(d.zh for d in missing),
                missing_en=", ".join(d.en for d in missing),
            )
        )
    elif not complete and not too_many:
        pool = _candidates(catalogue, setup, band, environments_by_band)
        if not _coverage_reachable(points, pool, points_per_teacher, min_dimensions):
            found.append(rr.SELECTION_COVERAGE_UNREACHABLE.format(required=min_dimensions))
    return tuple(found)


def remaining_choices(
    codes: Sequence[str],
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    band: AgeBand,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap = ENVIRONMENTS_BY_BAND,
) -> tuple[Choice, ...]:
    """Each catalogue point not yet chosen, with the reasons it cannot be added (for the UI)."""
    chosen = [p for p in (catalogue.get(c) for c in dict.fromkeys(codes)) if p is not None]
    pool = _candidates(catalogue, setup, band, environments_by_band)
    allowed_envs = environments_by_band[band.kind]
    result = []
    for point in catalogue.points:
        if point.code in codes:
            continue
        reasons: list[Reason] = []
        if len(chosen) >= points_per_teacher:
            reasons.append(rr.SELECTION_FULL.format(required=points_per_teacher))
        if point.code not in setup.offered_codes:
            reasons.append(rr.SELECTION_NOT_OFFERED.format(codes=point.code))
        if point.environment not in allowed_envs:
            reasons.append(_env_reason(band, allowed_envs, [point.code]))
        if not reasons and not _coverage_reachable(chosen + [point], pool, points_per_teacher, min_dimensions):
            reasons.append(rr.SELECTION_COVERAGE_UNREACHABLE.format(required=min_dimensions))
        result.append(Choice(point.code, tuple(reasons)))
    return tuple(result)


def has_valid_selection(
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    band: AgeBand,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap = ENVIRONMENTS_BY_BAND,
) -> bool:
    """Whether the school's offer leaves teachers of ``band`` any valid selection at all."""
    pool = _candidates(catalogue, setup, band, environments_by_band)
    return any(len({p.dimension for p in combo}) >= min_dimensions for combo in combinations(pool, points_per_teacher))


def check_offer_covers_bands(
    bands: Sequence[AgeBand],
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap = ENVIRONMENTS_BY_BAND,
) -> tuple[Reason, ...]:
    """A reason for each band (of the school's teachers) that the offer leaves without a valid choice."""
    return tuple(
        rr.SETUP_BAND_INFEASIBLE.format(band_zh=band.zh, band_en=band.en)
        for band in bands
        if not has_valid_selection(
            catalogue=catalogue,
            setup=setup,
            band=band,
            points_per_teacher=points_per_teacher,
            min_dimensions=min_dimensions,
            environments_by_band=environments_by_band,
        )
    )


def _candidates(
    catalogue: Catalogue, setup: SchoolSetup, band: AgeBand, environments_by_band: EnvMap
) -> list[CapabilityPoint]:
    allowed = environments_by_band[band.kind]
    return [p for p in catalogue.points if p.code in setup.offered_codes and p.environment in allowed]


def _coverage_reachable(
    chosen: list[CapabilityPoint], pool: list[CapabilityPoint], points_per_teacher: int, min_dimensions: int
) -> bool:
    """Each further point adds at most one dimension, so one candidate per missing dimension is optimal."""
    if len(chosen) > points_per_teacher:
        return False
    covered = {p.dimension for p in chosen}
    chosen_codes = {p.code for p in chosen}
    available = {p.dimension for p in pool if p.code not in chosen_codes} - covered
    free = points_per_teacher - len(chosen)
    spare = len([p for p in pool if p.code not in chosen_codes])
    return len(covered) + min(free, len(available)) >= min_dimensions and spare >= free


def _env_reason(band: AgeBand, allowed: frozenset[Environment], codes: list[str]) -> Reason:
    ordered = sorted(allowed, key=lambda e: e.rank)
    return rr.SELECTION_ENVIRONMENT_NOT_FOR_BAND.format(
        band_zh=band.zh,
        band_en=band.en,
        allowed_zh="、".join(e.zh for e in ordered),
        allowed_en=" or ".join(f"the {e.value} environment" for e in ordered),
        codes=", ".join(codes),
    )
