"""The province's judgement of one work: confirm or downgrade, why, and optionally by criteria.

The move itself is the workflow's (``submissions.transitions``: role, state, a reason for a
downgrade and for confirming downgraded work). Criterion levels, when given, are checked against
the rubric the leader graded with (``item_grades["rubric_version"]``; the school's current rubric
for work graded without criteria): every criterion, no unknown key, no 不合格 on an 优秀-only line.
They are stored with the reason in ``province_reviews``, where calibration compares them with the
leader's. Every check runs before anything is written.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Unprocessable
from api.review.province import repository
from api.review.province.schemas import ReviewIn, ReviewOut
from api.review.rubrics import service as rubrics
from api.review.submissions import service as submissions
from api.review.submissions import transitions
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.base import utcnow
from db.models import ProvinceReview, Submission, Teacher
from domain import province_reasons as pr
from domain.grading import Level
from domain.roles import Actor
from domain.rubric_grading import grade_criteria
from domain.rubrics import Rubric
from domain.workflow import Action

ACTIONS = {"confirm": Action.CONFIRM, "downgrade": Action.DOWNGRADE}


def rubric_of(session: Session, ctx: AppContext, submission: Submission, teacher: Teacher) -> Rubric:
    """The rubric the leader graded with, else (graded without criteria) the school's current one."""
    grades = submission.item_grades or {}
    if grades.get("basis") == "criteria" and grades.get("rubric_version") is not None:
        version = grades["rubric_version"]
        found = rubrics.at_version(session, teacher.school_id, submission.capability_code, version)
        if found is None:
            raise Unprocessable(pr.PROVINCE_REVIEW_NO_RUBRIC.format(version=version))
        return found
    point, _band = inputs.graded_point(session, ctx.settings, teacher, submission.capability_code)
    return rubrics.current(session, teacher.school_id, point)


def _checked_levels(rubric: Rubric, body: ReviewIn) -> dict[str, Level]:
    levels = {c.key: Level(c.level) for c in body.criteria or []}
    problems = list(grade_criteria(rubric, levels).problems)
    if len(levels) != len(body.criteria or []):
        keys = [c.key for c in body.criteria or []]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        problems.append(pr.PROVINCE_REVIEW_CRITERION_TWICE.format(keys="、".join(twice)))
    if problems:
        raise refusals.refuse_all(pr.PROVINCE_REVIEW_INVALID, tuple(problems))
    return levels


def review(session: Session, ctx: AppContext, actor: Actor, submission_id: int, body: ReviewIn) -> ReviewOut:
    """Check the move (403 / 409), then the criteria (422), then move the work and store the review."""
    submission = submissions.get_visible(session, actor, submission_id, lock=True)
    move = transitions.plan(session, ctx, actor, submission, ACTIONS[body.action], reason=body.reason)
    rubric = levels = None
    if body.criteria is not None:
        rubric = rubric_of(session, ctx, submission, move.teacher)
        levels = _checked_levels(rubric, body)
    transitions.apply(session, actor, move)
    row = repository.add_review(
        session,
        ProvinceReview(
            submission_id=submission.id,
            reviewer_id=actor.user_id,
            action=body.action,
            criteria={k: v.value for k, v in (levels or {}).items()},
            rubric_version=rubric.version if rubric is not None else None,
            reason=move.reason,
            at=utcnow(),
        ),
    )
    return ReviewOut(
        id=row.id,
        submission_id=submission.id,
        action=row.action,
        criteria=row.criteria,
        rubric_version=row.rubric_version,
        reason=row.reason,
        reviewer_id=row.reviewer_id,
        at=row.at,
        state=submission.state,
    )
