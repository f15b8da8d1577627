"""A school's rubric of each point: read the current one, save a new version, look one up.

Version 0 is the seed (``domain.rubric_seed``) and is stored the first time it is needed,
when a leader grades under it or the admin first edits the point, so every grade names a
stored version and shows the same criteria later, even if the seed text changes with a
release. Each save is a new version; older ones are never changed, so a grade keeps the
rubric it was given under (``grading.service`` stores the version in ``item_grades``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Conflict, NotFound, Unprocessable
from api.review.rubrics import repository
from api.review.rubrics.schemas import PointRubricOut, RubricIn, RubricOut, RubricVersionOut
from api.shared import audit, refusals
from api.shared import review_inputs as inputs
from config import Settings
from db.models import RubricVersion, School
from domain import rubric_reasons as rb
from domain.catalogue import CapabilityPoint
from domain.roles import Actor
from domain.rubric_seed import SEED_VERSION, seed_rubric
from domain.rubrics import Rubric, criteria_from_dicts, criteria_to_dicts, validate_criteria, with_keys


def _rubric(row: RubricVersion) -> Rubric:
    return Rubric(row.capability_code, row.version, criteria_from_dicts(row.criteria))


def out(rubric: Rubric, point: CapabilityPoint) -> RubricOut:
    return RubricOut.of(
        rubric,
        name_zh=point.name_zh,
        item_keys=[i.key for i in point.items],
        items_complete=point.items_complete,
    )


def current(session: Session, school_id: int, point: CapabilityPoint) -> Rubric:
    """The rubric a point is graded by today at the school: its latest version, else the seed."""
    row = repository.latest(session, school_id, point.code)
    return _rubric(row) if row is not None else seed_rubric(point)


def stored_current(session: Session, school_id: int, point: CapabilityPoint) -> Rubric:
    """``current``, with the seed written as version 0 if the school never stored one.

    Two first grades of the same point at once both try to write version 0: the unique
    constraint makes the later one a 409 (try again), never two different version 0s.
    """
    row = repository.latest(session, school_id, point.code)
    if row is not None:
        return _rubric(row)
    seed = seed_rubric(point)
    session.add(
        RubricVersion(
            school_id=school_id,
            capability_code=point.code,
            version=SEED_VERSION,
            criteria=criteria_to_dicts(seed.criteria),
        )
    )
    refusals.flush(session)
    return seed


def at_version(session: Session, school_id: int, code: str, version: int) -> Rubric | None:
    row = repository.at_version(session, school_id, code, version)
    return _rubric(row) if row is not None else None


def offered_point(session: Session, school: School, code: str) -> CapabilityPoint:
    """A point the school offers (422 otherwise: its rubric is nobody's business here)."""
    code = code.strip().upper()
    point = inputs.catalogue_for(session, school.id).get(code)
    if point is None or code not in inputs.setup_for(session, school.id).offered_codes:
        raise Unprocessable(rb.RUBRIC_POINT_NOT_OFFERED.format(code=code))
    return point


def offered_rubrics(session: Session, school: School) -> list[PointRubricOut]:
    """The school's offered points with the version of each one's rubric (0: the seed)."""
    catalogue = inputs.catalogue_for(session, school.id)
    offered = inputs.setup_for(session, school.id).offered_codes
    versions = repository.latest_versions(session, school.id)
    return [
        PointRubricOut(capability_code=p.code, name_zh=p.name_zh, version=versions.get(p.code, SEED_VERSION))
        for p in catalogue.points
        if p.code in offered
    ]


def save(session: Session, settings: Settings, actor: Actor, school: School, code: str, body: RubricIn) -> RubricOut:
    """Store the edited criteria as the point's next version; 422 lists every problem."""
    point = offered_point(session, school, code)
    raw = with_keys(body.criteria)
    found = validate_criteria(
        raw,
        item_keys=tuple(i.key for i in point.items),
        items_complete=point.items_complete,
        max_criteria=settings.review_rubric_max_criteria,
        max_text=settings.review_rubric_max_text,
    )
    if found:
        raise refusals.refuse_all(rb.RUBRIC_INVALID, found)
    base = stored_current(session, school.id, point)
    if body.base_version is not None and body.base_version != base.version:
        raise Conflict(rb.RUBRIC_STALE_BASE.format(current=base.version, given=body.base_version))
    criteria = criteria_from_dicts(raw)
    row = RubricVersion(
        school_id=school.id,
        capability_code=point.code,
        version=base.version + 1,
        criteria=criteria_to_dicts(criteria),
        created_by=actor.user_id,
    )
    session.add(row)
    refusals.flush(session)  # two admins saving at once: one gets a 409, not a lost edit
    audit.record(
        session,
        entity_type="school",
        entity_id=school.id,
        actor=actor,
        action="rubric_save",
        reason=f"{point.code} v{base.version} → v{row.version}: {len(criteria)} 项标准 / criteria",
    )
    return out(_rubric(row), point)


def versions(session: Session, school: School, code: str) -> list[RubricVersionOut]:
    point = offered_point(session, school, code)
    return [
        RubricVersionOut(
            version=row.version,
            criteria_count=len(row.criteria),
            created_at=row.created_at,
            created_by_name=name,
        )
        for row, name in repository.all_versions(session, school.id, point.code)
    ]


def one_version(session: Session, school: School, code: str, version: int) -> RubricOut:
    point = offered_point(session, school, code)
    if version == SEED_VERSION and repository.latest(session, school.id, point.code) is None:
        return out(seed_rubric(point), point)
    rubric = at_version(session, school.id, point.code, version)
    if rubric is None:
        raise NotFound(f"{point.code} 第 {version} 版评价标准", f"Rubric version {version} of {point.code}")
    return out(rubric, point)
