"""What a grader needs on screen beside the recording: the point's rubric and the teacher's
pass line.

The form must show the same criteria and lines that ``grading.service`` will check, so both
read them from the same places (``rubrics.service.current``, ``review_inputs``). Graded work
shows the rubric version it was graded under, with the levels given, even after the school
admin has edited the rubric since.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review.grading.schemas import ExplanationLine, GivenGradeOut, RubricItemOut, RubricOut
from api.review.rubrics import service as rubrics
from api.review.submissions import service as submissions
from api.shared import review_inputs as inputs
from api.shared.schemas import BandOut
from db.models import Submission
from domain.roles import Actor
from domain.rubrics import Rubric
from domain.workflow import State

# Work waiting for a grade is graded by the current rubric, whatever an earlier round used.
_AWAITING = {State.SUBMITTED.value, State.RESUBMITTED.value}


def graded_under(session: Session, school_id: int, submission: Submission) -> tuple[Rubric, GivenGradeOut] | None:
    """The rubric version and levels of the grade the work holds, if it was graded by criteria."""
    grades = submission.item_grades or {}
    if submission.state in _AWAITING or grades.get("basis") != "criteria":
        return None
    rubric = rubrics.at_version(session, school_id, submission.capability_code, grades["rubric_version"])
    if rubric is None:
        return None
    given = GivenGradeOut(
        criteria=grades["criteria"],
        level=grades["level"],
        explanation=[ExplanationLine(**line) for line in grades.get("explanation", [])],
    )
    return rubric, given


def rubric(session: Session, ctx: AppContext, actor: Actor, submission_id: int) -> RubricOut:
    """The rubric of one submission, for anyone who may see the submission."""
    submission = submissions.get_visible(session, actor, submission_id)
    teacher = submissions.author(session, submission)
    settings = ctx.settings
    point, band = inputs.graded_point(session, settings, teacher, submission.capability_code)
    held = graded_under(session, teacher.school_id, submission)
    shown = held[0] if held else rubrics.current(session, teacher.school_id, point)
    return RubricOut(
        submission_id=submission.id,
        capability_code=point.code,
        name_zh=point.name_zh,
        environment=point.environment.value,
        environment_zh=point.environment.zh,
        dimension=point.dimension.value,
        dimension_zh=point.dimension.zh,
        items=[RubricItemOut(key=i.key, description_zh=i.description_zh, is_video=i.is_video) for i in point.items],
        rubric=rubrics.out(shown, point),
        graded=held is not None,
        grade=held[1] if held else None,
        band=BandOut.of(band),
        pass_line=inputs.pass_line(settings, band),
        excellent_line=settings.review_excellent_score,
        max_score=settings.review_max_score,
    )
