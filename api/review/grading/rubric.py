"""What a grader needs on screen beside the recording: the point's evidence items and the
teacher's pass line.

The rubric form must show the same items and lines that ``grading.service`` will check, so
both read them from the same places (``review_inputs``: the school's catalogue, the teacher's
age band on today's date, the settings' lines).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review.grading.schemas import RubricItemOut, RubricOut
from api.review.submissions import service as submissions
from api.shared import review_inputs as inputs
from api.shared.schemas import BandOut
from domain.catalogue import EvidenceItem
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
    submission = submissions.get_visible(session, actor, submission_id)
    teacher = submissions.author(session, submission)
    settings = ctx.settings
    point, band = inputs.graded_point(session, settings, teacher, submission.capability_code)
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
