"""A school's programme setup: declared environment, the points it offers, the selection window.

Checked with ``domain.school_setup.check_school_setup`` against the school's province
catalogue and, when that passes, with ``domain.selection.check_offer_covers_bands`` for the
age bands of the school's current teachers (as of the window's opening day), so no teacher
is left without a valid choice. Every problem is reported at once.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from api.review.admin import repository
from api.review.admin.schemas import SetupIn, SetupOut
from api.shared import audit, refusals
from api.shared import repository as shared_rows
from api.shared.refusals import refuse_all
from api.shared.review_inputs import band_for_year, catalogue_for
from config import Settings
from db.base import utcnow
from db.models import School
from db.models import SchoolSetup as SetupRow
from domain import review_admin_reasons as ar
from domain.catalogue import Catalogue, Environment
from domain.reasons import Reason
from domain.roles import Actor
from domain.school_setup import SchoolSetup, SelectionWindow, check_school_setup, default_window
from domain.selection import check_offer_covers_bands


def parse_environment(value: str) -> Environment | None:
    """The value, the Chinese name or its short form (多媒体 / 混合 / 智慧)."""
    text = value.strip()
    return next((e for e in Environment if text.lower() == e.value or text in (e.zh, e.zh[:-4])), None)


def read_setup(session: Session, school: School) -> SetupOut:
    row = shared_rows.school_setup(session, school.id)
    if row is None:
        return SetupOut(school_id=school.id, province=school.province, configured=False)
    environment = Environment(row.environment)
    return SetupOut(
        school_id=school.id,
        province=school.province,
        configured=True,
        environment=environment.value,
        environment_zh=environment.zh,
        offered_codes=list(row.offered_codes),
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        updated_at=row.updated_at,
    )


def save_setup(session: Session, settings: Settings, actor: Actor, school: School, body: SetupIn) -> SetupOut:
    """Replace the school's setup, or 422 listing every problem."""
    catalogue = catalogue_for(session, school.id)
    environment = parse_environment(body.environment)
    window = (
        SelectionWindow(body.opens_on, body.closes_on)
        if body.closes_on is not None
        else default_window(body.opens_on, days=settings.review_selection_window_days)
    )
    codes = [c.strip().upper() for c in body.offered_codes]
    ordered = [c for c in catalogue.codes if c in codes] + sorted(set(codes) - set(catalogue.codes))
    # An unknown environment is reported; the other checks still run, as for the richest one.
    setup = SchoolSetup(environment or Environment.SMART, frozenset(ordered), window)
    found: list[Reason] = []
    if environment is None:
        found.append(ar.SETUP_UNKNOWN_ENVIRONMENT.format(value=body.environment))
    found.extend(check_school_setup(setup, catalogue))
    if not found:
        found.extend(_band_problems(session, settings, school, setup, catalogue))
    if found:
        raise refuse_all(ar.SETUP_INVALID, tuple(found))
    row = shared_rows.school_setup(session, school.id)
    action = "setup_update"
    if row is None:
        row, action = SetupRow(school_id=school.id), "setup_create"
        session.add(row)
    row.environment, row.offered_codes = setup.environment.value, ordered
    row.opens_on, row.closes_on, row.updated_at = window.opens_on, window.closes_on, utcnow()
    refusals.flush(session)  # two admins creating the school's setup at once: one gets a 409
    summary = {
        "environment": row.environment,
        "offered_codes": ordered,
        "window": [str(window.opens_on), str(window.closes_on)],
    }
    audit.record(
        session,
        entity_type="school",
        entity_id=school.id,
        actor=actor,
        action=action,
        reason=json.dumps(summary, ensure_ascii=False),
    )
    return read_setup(session, school)


def _band_problems(
    session: Session, settings: Settings, school: School, setup: SchoolSetup, catalogue: Catalogue
) -> tuple[Reason, ...]:
    bands = {}
    for birth_year in repository.birth_years(session, school.id):
        band = _band(settings, birth_year, setup.window.opens_on)
        if band is not None:
            bands.setdefault(band.kind, band)
    return check_offer_covers_bands(
        sorted(bands.values(), key=lambda b: b.kind.value),
        catalogue=catalogue,
        setup=setup,
        points_per_teacher=settings.review_points_per_teacher,
        min_dimensions=settings.review_min_dimensions,
    )


def _band(settings: Settings, birth_year: int, on: date):
    try:
        return band_for_year(settings, birth_year, on)
    except ValueError:  # a birth year after the window opens: no band to check
        return None
