"""A school's programme setup: declared environments, the points it offers, the selection window.

Checked with ``domain.school_setup.check_school_setup`` against the school's province
catalogue and, when that passes, with ``domain.selection.check_offer_covers_teachers`` for the
school's current teachers (their ages taken on the programme year's start of the window's
opening day), so the setup is refused only when some teacher truly has no valid choice — and
then the refusal names them and says why. Bands whose recommended environments the offer leaves
empty are only noted. Every problem is reported at once.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from api.review.admin import repository
from api.review.admin.schemas import SetupIn, SetupOut
from api.shared import audit, refusals
from api.shared import repository as shared_rows
from api.shared import review_inputs as inputs
from api.shared.refusals import refuse_all
from api.shared.schemas import reasons_out
from config import Settings
from db.base import utcnow
from db.models import School
from db.models import SchoolSetup as SetupRow
from domain import review_admin_reasons as ar
from domain.catalogue import Catalogue, Environment, in_order, parse_environment
from domain.reasons import Reason
from domain.roles import Actor
from domain.school_setup import SchoolSetup, SelectionWindow, check_school_setup, default_window, environments_up_to
from domain.selection import TeacherBand, check_offer_covers_teachers, offer_notes


def read_setup(session: Session, settings: Settings, school: School) -> SetupOut:
    row = shared_rows.school_setup(session, school.id)
    if row is None:
        return SetupOut(school_id=school.id, province=school.province, configured=False)
    setup = inputs.setup_for(session, school.id)
    environments = in_order(setup.environments)
    catalogue = inputs.catalogue_for(session, school.id)
    teachers = _teacher_bands(session, settings, school, setup)
    return SetupOut(
        school_id=school.id,
        province=school.province,
        configured=True,
        environments=[e.value for e in environments],
        environments_zh=[e.zh for e in environments],
        offered_codes=list(row.offered_codes),
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        updated_at=row.updated_at,
        age_reference=inputs.age_reference(settings, setup.window.opens_on),
        notices=reasons_out(
            offer_notes(
                teachers, catalogue=catalogue, setup=setup, environments_by_band=settings.review_environments_by_band
            )
        ),
    )


def _declared(body: SetupIn) -> tuple[frozenset[Environment], list[Reason]]:
    """The environments asked for, and a reason for each that is not one."""
    if body.environments is None:
        single = parse_environment(body.environment or "")
        if single is None:
            return frozenset(), [ar.SETUP_UNKNOWN_ENVIRONMENT.format(value=body.environment or "")]
        return environments_up_to(single), []
    found, unknown = set(), []
    for value in body.environments:
        env = parse_environment(value)
        if env is None:
            unknown.append(ar.SETUP_UNKNOWN_ENVIRONMENT.format(value=value))
        else:
            found.add(env)
    return frozenset(found), unknown


def save_setup(session: Session, settings: Settings, actor: Actor, school: School, body: SetupIn) -> SetupOut:
    """Replace the school's setup, or 422 listing every problem."""
    catalogue = inputs.catalogue_for(session, school.id)
    environments, found = _declared(body)
    window = (
        SelectionWindow(body.opens_on, body.closes_on)
        if body.closes_on is not None
        else default_window(body.opens_on, days=settings.review_selection_window_days)
    )
    codes = [c.strip().upper() for c in body.offered_codes]
    ordered = [c for c in catalogue.codes if c in codes] + sorted(set(codes) - set(catalogue.codes))
    # Unknown environments are reported; the other checks still run, as for every environment.
    declared = environments if environments or not found else frozenset(Environment)
    setup = SchoolSetup(declared, frozenset(ordered), window)
    found.extend(check_school_setup(setup, catalogue))
    if not found:
        found.extend(_teacher_problems(session, settings, school, setup, catalogue))
    if found:
        raise refuse_all(ar.SETUP_INVALID, tuple(found))
    row = shared_rows.school_setup(session, school.id)
    action = "setup_update"
    if row is None:
        row, action = SetupRow(school_id=school.id), "setup_create"
        session.add(row)
    row.environments, row.offered_codes = [e.value for e in in_order(environments)], ordered
    row.opens_on, row.closes_on, row.updated_at = window.opens_on, window.closes_on, utcnow()
    refusals.flush(session)  # two admins creating the school's setup at once: one gets a 409
    summary = {
        "environments": row.environments,
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
    return read_setup(session, settings, school)


def _teacher_bands(session: Session, settings: Settings, school: School, setup: SchoolSetup) -> list[TeacherBand]:
    """Each current teacher with their band in the window's programme year (none if born after it)."""
    reference = inputs.age_reference(settings, setup.window.opens_on)
    teachers = []
    for name, staff_id, birth_year in repository.teacher_ages(session, school.id):
        try:
            band = inputs.band_for_year(settings, birth_year, reference)
        except ValueError:  # a birth year after the reference day: no band to check
            continue
        teachers.append(TeacherBand(f"{name}（{staff_id}）", band))
    return teachers


def _teacher_problems(
    session: Session, settings: Settings, school: School, setup: SchoolSetup, catalogue: Catalogue
) -> tuple[Reason, ...]:
    return check_offer_covers_teachers(
        _teacher_bands(session, settings, school, setup),
        catalogue=catalogue,
        setup=setup,
        **inputs.selection_rules(settings),
    )
