"""What the review rules need, read from the database: catalogue, school setup, age band, today.

The rules in ``domain`` take plain values; this module turns rows and settings into them, so
selection, documents, grading, setup and exports all judge by the same catalogue, band and
lines. A province without its own catalogue uses the national seed (``load_seed_catalogue``).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy.orm import Session

from api.errors import Conflict, Unprocessable
from api.shared import repository
from config import Settings
from db.models import Teacher
from domain import review_api_reasons as ar
from domain.age_bands import AgeBand, age_reference_date, band_for_birth, pass_line_for
from domain.catalogue import (
    CapabilityPoint,
    Catalogue,
    CatalogueInvalid,
    Environment,
    catalogue_from_dict,
    load_seed_catalogue,
)
from domain.school_setup import SchoolSetup, SelectionWindow
from domain.school_time import today_in


def today(settings: Settings) -> date:
    """Today in the programme's zone (KEJIAN_TIMEZONE): at 01:00 in Beijing it is already tomorrow there."""
    return today_in(settings.zone)


@cache
def seed_catalogue() -> Catalogue:
    """The national seed, parsed once per process: the file does not change while we run."""
    return load_seed_catalogue()


def catalogue_for(session: Session, school_id: int) -> Catalogue:
    """The catalogue every rule uses for a school: its province's copy, or the national seed.

    The one reader for selection, documents, scoring, setup and exports, so they never judge
    by different catalogues.
    """
    return catalogue_of(repository.catalogue_row(session, repository.school_province(session, school_id)))


def catalogue_of(row) -> Catalogue:
    """A province's stored copy as the rules read it (``None``: the national seed).

    A stored copy that no longer parses is a 409, not a crash, wherever it is read.
    """
    if row is None:
        return seed_catalogue()
    try:
        return catalogue_from_dict(row.data)
    except CatalogueInvalid as exc:
        raise Conflict(ar.CATALOGUE_UNUSABLE, extra={"violations": [v.as_dict() for v in exc.violations]}) from None


def setup_for(session: Session, school_id: int) -> SchoolSetup:
    """The school's declared setup as the rules see it; 409 while the school has none."""
    row = repository.school_setup(session, school_id)
    if row is None:
        raise Conflict(ar.SETUP_MISSING)
    return SchoolSetup(
        environments=frozenset(Environment(e) for e in row.environments),
        offered_codes=frozenset(row.offered_codes),
        window=SelectionWindow(row.opens_on, row.closes_on),
    )


def graded_point(session: Session, settings: Settings, teacher: Teacher, code: str) -> tuple[CapabilityPoint, AgeBand]:
    """The point a teacher's work is graded against (from the school's catalogue) and the teacher's
    age band; 422 if the catalogue no longer has the point."""
    point = catalogue_for(session, teacher.school_id).get(code)
    if point is None:
        raise Unprocessable(ar.GRADING_UNKNOWN_POINT.format(code=code))
    return point, band_of(settings, teacher)


def age_reference(settings: Settings, on: date | None = None) -> date:
    """The one day ages are taken on: the start of the programme year ``on`` (default today) falls in.

    Selection, grading, setup and the rules shown all read ages through here, so a teacher's band
    and pass line cannot differ between choosing and being graded, even across New Year.
    """
    return age_reference_date(on or today(settings), settings.review_programme_year_start)


def band_of(settings: Settings, teacher: Teacher, on: date | None = None) -> AgeBand:
    """The teacher's band in the programme year of ``on`` (default: today's)."""
    return band_for_year(settings, teacher.birth_year, age_reference(settings, on))


def band_for_year(settings: Settings, birth_year: int, reference: date) -> AgeBand:
    """Only birth years are recorded, so the age is the one reached in ``reference``'s year."""
    return band_for_birth(
        birth_year,
        reference,
        middle_from=settings.review_age_band_middle_from,
        senior_from=settings.review_age_band_senior_from,
    )


def pass_line(settings: Settings, band: AgeBand) -> float:
    return pass_line_for(
        band.kind,
        senior=settings.review_pass_score_senior,
        middle=settings.review_pass_score_middle,
        junior=settings.review_pass_score_junior,
    )


def selection_rules(settings: Settings) -> dict:
    return {
        "points_per_teacher": settings.review_points_per_teacher,
        "min_dimensions": settings.review_min_dimensions,
        "environments_by_band": settings.review_environments_by_band,
    }
