"""The group leader's verdict on a submission, graded criterion by criterion.

Every point has a rubric (the school's latest version, else the seed: ``api.review.rubrics``).
The leader gives each criterion 优秀 / 合格 / 不合格; ``domain.rubric_grading`` combines them
into item levels and the point's level by the 考核规范's rule, and the verdict must be that
level. Where the school scores in numbers the score must also fall in the verdict's band by
the teacher's age-band pass line. Nothing is silently overridden: any disagreement is a 422
listing every violation, the derived level's explanation included.

The grade keeps the rubric it was given under: ``item_grades`` stores the version (version 0,
the seed, is written to the database the first time it is graded under), each criterion's
level, the item levels and the explanation.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict
from api.review.grading.schemas import ScoreIn
from api.review.rubrics import service as rubrics
from api.review.submissions import service as submissions
from api.review.submissions import transitions
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.models import Submission
from domain import review_api_reasons as ar
from domain import rubric_reasons as rb
from domain.grading import Level
from domain.rubric_grading import Lines, check_verdict, explain, explain_lines
from domain.workflow import Action

VERDICT_ACTIONS = {
    Level.EXCELLENT: Action.SCORE_EXCELLENT,
    Level.PASS: Action.SCORE_PASS,
    Level.FAIL: Action.SCORE_FAIL,
}


def score(session: Session, ctx: AppContext, actor, submission_id: int, body: ScoreIn) -> Submission:
    """Grade and move the submission (score_excellent / score_pass / score_fail with a reason).

    Every check runs before anything is written: role and state (403 / 409, ``transitions.plan``),
    the rubric version the form showed (409), then the grading itself (422, every violation).
    """
    submission = submissions.get_visible(session, actor, submission_id, lock=True)
    verdict = Level(body.verdict)
    move = transitions.plan(session, ctx, actor, submission, VERDICT_ACTIONS[verdict], reason=body.comment)
    settings = ctx.settings
    school_id = move.teacher.school_id
    point, band = inputs.graded_point(session, settings, move.teacher, submission.capability_code)
    rubric = rubrics.current(session, school_id, point)
    if body.rubric_version is not None and body.rubric_version != rubric.version:
        raise Conflict(rb.GRADING_RUBRIC_CHANGED.format(current=rubric.version, given=body.rubric_version))
    lines = Lines(
        band_zh=band.zh,
        band_en=band.en,
        pass_line=inputs.pass_line(settings, band),
        excellent_line=settings.review_excellent_score,
        max_score=settings.review_max_score,
    )
    levels = {c.key: Level(c.level) for c in body.criteria}
    grade, found = check_verdict(rubric, levels, verdict, score=body.score, lines=lines)
    if found:
        raise refusals.refuse_all(ar.GRADING_INVALID, found)
    rubrics.stored_current(session, school_id, point)  # the version this grade names is stored
    transitions.apply(session, actor, move)
    why = (*explain(rubric, levels, grade), *explain_lines(lines, body.score))
    submission.item_grades = {
        "basis": "criteria",
        "rubric_version": rubric.version,
        "criteria": {key: level.value for key, level in levels.items()},
        "items": {item or rb.WHOLE_POINT.zh: level.value for item, level in grade.item_levels},
        "level": grade.level.value,
        "explanation": [{"zh": r.zh, "en": r.en} for r in why],
        "band": band.kind.value,
        "pass_line": lines.pass_line if body.score is not None else None,
    }
    submission.score, submission.comment = body.score, (body.comment or "").strip() or None
    submission.scored_by = actor.user_id
    refusals.flush(session)
    return submission
