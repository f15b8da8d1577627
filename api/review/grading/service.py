"""The group leader's verdict on a submission, checked against item levels and the score.

``domain.grading.grade_point`` grades the evidence items (checklists where known, levels
otherwise). The verdict must agree with what the items combine to and, where the school
scores in numbers, with the band of the score (the teacher's age-band pass line, the 优秀
line from settings). Nothing is silently overridden: any disagreement is a 422 listing every
violation.

Points whose evidence list the catalogue marks incomplete (all but A1 in the seed) cannot be
derived from items, so the leader's verdict is taken directly and recorded as such
(``item_grades.basis = "direct"``). Items that are graded are still checked one by one, a
failed item still forces 不合格 (any item below 合格 fails the point whatever the rest), and a
score must still agree with the verdict.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review.grading.schemas import ScoreIn
from api.review.submissions import service as submissions
from api.review.submissions import transitions
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.models import Submission
from domain import review_api_reasons as ar
from domain import review_reasons as rr
from domain.catalogue import CapabilityPoint
from domain.grading import ItemGrade, Level, combine_item_levels, grade_point
from domain.reasons import Reason
from domain.workflow import Action

VERDICT_ACTIONS = {
    Level.EXCELLENT: Action.SCORE_EXCELLENT,
    Level.PASS: Action.SCORE_PASS,
    Level.FAIL: Action.SCORE_FAIL,
}
# Judged here against the verdict itself rather than against the items' combination.
_REPLACED = {rr.GRADING_VERDICT_CONTRADICTS_SCORE.code}
# What an incomplete evidence list makes meaningless: a verdict cannot wait for missing items.
_INCOMPLETE_LIST = {rr.GRADING_EVIDENCE_INCOMPLETE.code, rr.GRADING_ITEM_NOT_GRADED.code}


def _item_grades(body: ScoreIn) -> list[ItemGrade]:
    return [
        ItemGrade(
            item_key=i.item_key,
            level=Level(i.level) if i.level else None,
            met_criteria=frozenset(i.met_criteria) if i.met_criteria is not None else None,
        )
        for i in body.items
    ]


def check_grading(
    point: CapabilityPoint, body: ScoreIn, *, pass_line: float | None, excellent_line: float, max_score: float
) -> tuple[dict[str, Level], Level | None, list[Reason]]:
    """The item levels, the score's level and every violation (empty when consistent)."""
    verdict = Level(body.verdict)
    result = grade_point(
        point,
        _item_grades(body),
        score=body.score,
        pass_line=pass_line,
        excellent_line=excellent_line,
        max_score=max_score,
    )
    ignored = _REPLACED | (set() if point.items_complete else _INCOMPLETE_LIST)
    found = [v for v in result.violations if v.code not in ignored]
    levels = dict(result.item_levels)
    if point.items_complete and levels and set(levels) == {i.key for i in point.items}:
        combined = combine_item_levels(levels.values())
        if combined is not verdict:
            found.append(
                ar.GRADING_VERDICT_CONTRADICTS_ITEMS.format(
                    verdict_zh=verdict.zh, verdict_en=verdict.value, level_zh=combined.zh, level_en=combined.value
                )
            )
    elif not point.items_complete and verdict is not Level.FAIL:
        found.extend(ar.GRADING_FAILED_ITEM.format(item=key) for key, lv in levels.items() if lv is Level.FAIL)
    if result.score_level is not None and result.score_level is not verdict:
        found.append(
            rr.GRADING_VERDICT_CONTRADICTS_SCORE.format(
                level_zh=verdict.zh,
                level_en=verdict.value,
                score=body.score,
                score_zh=result.score_level.zh,
                score_en=result.score_level.value,
                pass_line=pass_line,
                excellent_line=excellent_line,
            )
        )
    return levels, result.score_level, found


def score(session: Session, ctx: AppContext, actor, submission_id: int, body: ScoreIn) -> Submission:
    """Grade and move the submission (score_excellent / score_pass / score_fail with a reason).

    Every check runs before anything is written: role and state (403 / 409, ``transitions.plan``),
    then the grading itself (422, every violation listed).
    """
    submission = submissions.get_visible(session, actor, submission_id, lock=True)
    move = transitions.plan(session, ctx, actor, submission, VERDICT_ACTIONS[Level(body.verdict)], reason=body.comment)
    settings = ctx.settings
    point, band = inputs.graded_point(session, settings, move.teacher, submission.capability_code)
    line = inputs.pass_line(settings, band) if body.score is not None else None
    levels, _, found = check_grading(
        point, body, pass_line=line, excellent_line=settings.review_excellent_score, max_score=settings.review_max_score
    )
    if found:
        raise refusals.refuse_all(ar.GRADING_INVALID, tuple(found))
    transitions.apply(session, actor, move)
    submission.item_grades = {
        "basis": "items" if point.items_complete else "direct",
        "items": {
            i.item_key: {"level": levels[i.item_key].value, "met_criteria": i.met_criteria}
            for i in body.items
            if i.item_key in levels
        },
        "band": band.kind.value,
        "pass_line": line,
    }
    submission.score, submission.comment = body.score, (body.comment or "").strip() or None
    submission.scored_by = actor.user_id
    refusals.flush(session)
    return submission
