"""What a grader needs on screen beside the recording: the point's evidence items and the
teacher's pass line.

The rubric form must show the same items and lines that ``scoring_service`` will check, so
both read them from the same places (``review_inputs``: the school's catalogue, the teacher's
age band on today's date, the settings' lines).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review import refusals, scope
from api.review import review_inputs as inputs
from api.review.schemas_rubric import CataloguePointOut, RubricItemOut, RubricOut
from api.review.schemas_selection import BandOut
from db.models import SchoolSetup, Teacher
from domain import review_api_reasons as ar
from domain.catalogue import CapabilityPoint, EvidenceItem, load_seed_catalogue
from domain.roles import Actor


def _item_out(item: EvidenceItem) -> RubricItemOut:
    return RubricItemOut(
        key=item.key,
        description_zh=item.description_zh,
        is_video=item.is_video,
        excellent_criteria=list(item.excellent_criteria) if item.excellent_criteria is not None else None,
        pass_criteria=list(item.pass_criteria) if item.pass_criteria is not None else None,
    )


def rubric(session: Session, ctx: AppContext, actor: Actor, submission_id: int) -> RubricOut:
    """The rubric of one submission, for anyone who may see the submission."""
    submission = scope.visible_submission(session, actor, submission_id)
    teacher = session.get(Teacher, submission.teacher_id)
    point = inputs.catalogue_for(session, teacher.school_id).get(submission.capability_code)
    if point is None:
        raise refusals.Unprocessable(ar.GRADING_UNKNOWN_POINT.format(code=submission.capability_code))
    settings = ctx.settings
    band = inputs.band_of(settings, teacher, inputs.today())
    return RubricOut(
        submission_id=submission.id,
        capability_code=point.code,
        name_zh=point.name_zh,
        environment=point.environment.value,
        environment_zh=point.environment.zh,
        dimension=point.dimension.value,
        dimension_zh=point.dimension.zh,
        items_complete=point.items_complete,
        items=[_item_out(i) for i in point.items],
        band=BandOut.of(band),
        pass_line=inputs.pass_line(settings, band),
        excellent_line=settings.review_excellent_score,
        max_score=settings.review_max_score,
    )


def _point_out(point: CapabilityPoint, offered: frozenset[str] | None) -> CataloguePointOut:
    return CataloguePointOut(
        code=point.code,
        name_zh=point.name_zh,
        environment=point.environment.value,
        environment_zh=point.environment.zh,
        dimension=point.dimension.value,
        dimension_zh=point.dimension.zh,
        dimension_en=point.dimension.en,
        offered=None if offered is None else point.code in offered,
    )


def catalogue_points(session: Session, actor: Actor) -> list[CataloguePointOut]:
    """Names and dimensions of every point in the actor's school catalogue (the national seed
    for accounts without a school), marked with what the school offers."""
    if actor.school_id is None:
        return [_point_out(p, None) for p in load_seed_catalogue().points]
    setup = session.get(SchoolSetup, actor.school_id)
    offered = frozenset(setup.offered_codes) if setup is not None else frozenset()
    return [_point_out(p, offered) for p in inputs.catalogue_for(session, actor.school_id).points]
