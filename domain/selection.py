"""Point selection: which micro-capability points a teacher may choose.

Seed 004 §五.5: “在其中选择3项微能力,要涵盖学情分析、教学设计、学法指导和学业评价中的
三个方面”, environments by age band (see ``domain.age_bands``: allowed ones are a rule,
recommended ones only advice), and from the school's narrowed offer (§五.1 “提取…8个微能力点,
每名教师再选择3个”). Seed 001 §三: “全体教师选择3个能力点”.

Every violation is returned, not just the first, so the UI can explain while the teacher
chooses; ``remaining_choices`` says which further points still lead to a valid selection.
Environment C (智慧) has no 学情分析 point, so a C-heavy choice must cover the other three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from domain import review_reasons as rr
from domain.age_bands import SEED_004_ENVIRONMENTS, AgeBand, EnvironmentsByBand
from domain.catalogue import CapabilityPoint, Catalogue, Dimension, Environment, in_order
from domain.reasons import Reason
from domain.school_setup import SchoolSetup

EnvMap = EnvironmentsByBand


@dataclass(frozen=True)
class Choice:
    """A point the teacher has not chosen yet, and why it cannot be added (empty: it can)."""

    code: str
    reasons: tuple[Reason, ...]
    recommended: bool = True  # in an environment the seed recommends for the teacher's band

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
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
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
    allowed_envs = environments_by_band[band.kind].allowed
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
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
) -> tuple[Choice, ...]:
    """Each catalogue point not yet chosen, with the reasons it cannot be added (for the UI)."""
    chosen = [p for p in (catalogue.get(c) for c in dict.fromkeys(codes)) if p is not None]
    pool = _candidates(catalogue, setup, band, environments_by_band)
    allowed_envs = environments_by_band[band.kind].allowed
    recommended = environments_by_band[band.kind].recommended
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
        result.append(Choice(point.code, tuple(reasons), point.environment in recommended))
    return tuple(result)


def has_valid_selection(
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    band: AgeBand,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
) -> bool:
    """Whether the school's offer leaves teachers of ``band`` any valid selection at all."""
    pool = _candidates(catalogue, setup, band, environments_by_band)
    return any(len({p.dimension for p in combo}) >= min_dimensions for combo in combinations(pool, points_per_teacher))


def recommendation_notes(
    codes: Sequence[str],
    *,
    catalogue: Catalogue,
    band: AgeBand,
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
) -> tuple[Reason, ...]:
    """Advice, never a refusal: the chosen points outside the band's recommended environments."""
    recommended = environments_by_band[band.kind].recommended
    outside = [
        p.code for p in (catalogue.get(c) for c in dict.fromkeys(codes)) if p and p.environment not in recommended
    ]
    if not outside:
        return ()
    recommended_zh, recommended_en = _named(recommended)
    return (
        rr.SELECTION_OFF_RECOMMENDATION.format(
            band_zh=band.zh,
            band_en=band.en,
            recommended_zh=recommended_zh,
            recommended_en=recommended_en,
            codes=", ".join(outside),
        ),
    )


@dataclass(frozen=True)
class TeacherBand:
    """A teacher as the setup check names them: who (name and 工号) and their age band."""

    label: str
    band: AgeBand


def check_offer_covers_teachers(
    teachers: Sequence[TeacherBand],
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
    named: int = 10,
) -> tuple[Reason, ...]:
    """A reason for each band whose teachers the offer leaves with no valid choice, naming them and why.

    Setup is refused only then: a teacher who can choose, even off the recommendation, can start.
    """
    found = []
    for band in _bands_of(teachers):
        if has_valid_selection(
            catalogue=catalogue,
            setup=setup,
            band=band,
            points_per_teacher=points_per_teacher,
            min_dimensions=min_dimensions,
            environments_by_band=environments_by_band,
        ):
            continue
        labels = [t.label for t in teachers if t.band.kind is band.kind]
        shown = "、".join(labels[:named]) + (f" 等 {len(labels)} 人" if len(labels) > named else "")
        why = _why_infeasible(catalogue, setup, band, points_per_teacher, min_dimensions, environments_by_band)
        found.append(
            rr.SETUP_BAND_INFEASIBLE.format(
                band_zh=band.zh, band_en=band.en, teachers=shown, why_zh=why.zh, why_en=why.en
            )
        )
    return tuple(found)


def offer_notes(
    teachers: Sequence[TeacherBand],
    *,
    catalogue: Catalogue,
    setup: SchoolSetup,
    environments_by_band: EnvMap = SEED_004_ENVIRONMENTS,
) -> tuple[Reason, ...]:
    """Advice for the school admin: bands whose recommended environments the offer leaves empty."""
    found = []
    offered_envs = {p.environment for p in catalogue.points if p.code in setup.offered_codes}
    for band in _bands_of(teachers):
        recommended = environments_by_band[band.kind].recommended
        if offered_envs & recommended:
            continue
        recommended_zh, recommended_en = _named(recommended)
        found.append(
            rr.SETUP_BAND_OFF_RECOMMENDATION.format(
                band_zh=band.zh,
                band_en=band.en,
                n=sum(1 for t in teachers if t.band.kind is band.kind),
                recommended_zh=recommended_zh,
                recommended_en=recommended_en,
            )
        )
    return tuple(found)


def _bands_of(teachers: Sequence[TeacherBand]) -> list[AgeBand]:
    """Each band present once, oldest first."""
    bands = {t.band.kind: t.band for t in teachers}
    return [bands[kind] for kind in sorted(bands, key=lambda k: -(bands[k].min_age or 0))]


def _why_infeasible(
    catalogue: Catalogue,
    setup: SchoolSetup,
    band: AgeBand,
    points_per_teacher: int,
    min_dimensions: int,
    environments_by_band: EnvMap,
) -> Reason:
    pool = _candidates(catalogue, setup, band, environments_by_band)
    codes = ", ".join(p.code for p in pool)
    if len(pool) < points_per_teacher:
        allowed = in_order(environments_by_band[band.kind].allowed)
        return rr.SETUP_WHY_TOO_FEW_POINTS.format(
            n=len(pool),
            codes=f"（{codes}）" if codes else "",
            allowed_zh="、".join(e.zh for e in allowed),
            allowed_en=", ".join(e.value for e in allowed),
            required=points_per_teacher,
        )
    dims = [d for d in Dimension if d in {p.dimension for p in pool}]
    return rr.SETUP_WHY_TOO_FEW_DIMENSIONS.format(
        codes=codes,
        covered=len(dims),
        dims_zh="、".join(d.zh for d in dims),
        dims_en=", ".join(d.en for d in dims),
        required=min_dimensions,
    )


def _candidates(
    catalogue: Catalogue, setup: SchoolSetup, band: AgeBand, environments_by_band: EnvMap
) -> list[CapabilityPoint]:
    allowed = environments_by_band[band.kind].allowed
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


def _named(environments: frozenset[Environment]) -> tuple[str, str]:
    """The environments as a sentence names them: “混合学习环境、智慧学习环境” / “the hybrid … or the smart …”."""
    ordered = in_order(environments)
    return "、".join(e.zh for e in ordered), " or ".join(f"the {e.value} environment" for e in ordered)


def _env_reason(band: AgeBand, allowed: frozenset[Environment], codes: list[str]) -> Reason:
    allowed_zh, allowed_en = _named(allowed)
    return rr.SELECTION_ENVIRONMENT_NOT_FOR_BAND.format(
        band_zh=band.zh,
        band_en=band.en,
        allowed_zh=allowed_zh,
        allowed_en=allowed_en,
        codes=", ".join(codes),
    )
