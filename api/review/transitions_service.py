"""Moving a submission: lock it (and its group), check what the move needs, apply_transition.

``audit.apply_transition`` decides whether the actor's role may make the move from the current
state (403 / 409) and writes the audit entry; this module adds what the table cannot know:
whose work it is (nobody reviews their own; a leader's own work is the school's to grade), a
submission is ready to submit, the group's quota is met before the school forwards, and a
submitted group reopens when one of its members' work comes back to it (``group_service``).
The row locks make two people acting at once take turns: the second sees the first's result.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict
from api.review import audit, authorship, group_quota, group_service, refusals, scope, submissions_service
from db.models import Submission, Teacher
from domain import review_api_reasons as ar
from domain import review_reasons as rr
from domain.roles import Actor
from domain.workflow import Action

_NEEDS_READY = frozenset({Action.SUBMIT, Action.RESUBMIT})


def _quota_for_forward(session: Session, ctx: AppContext, teacher: Teacher) -> tuple[bool, dict]:
    if teacher.group_id is None:
        return False, {"violations": [ar.GROUP_NONE.as_dict()]}
    quota = group_quota.group_quota(session, ctx.settings, teacher.group_id)
    return quota.ok, group_quota.explanation(quota)


def apply(
    session: Session,
    ctx: AppContext,
    actor: Actor,
    submission: Submission,
    action: Action,
    *,
    reason: str | None = None,
) -> None:
    """Apply ``action`` to a submission already locked by the caller."""
    teacher = session.get(Teacher, submission.teacher_id)
    quota_met, explanation = None, {}
    if action is Action.FORWARD:
        quota_met, explanation = _quota_for_forward(session, ctx, teacher)
    try:
        entry = audit.apply_transition(
            session,
            submission,
            action,
            actor=actor,
            reason=reason,
            group_quota_met=quota_met,
            authorship=authorship.of_teacher(session, actor, teacher),
        )
    except Conflict as refused:
        if refused.reason.code == rr.WORKFLOW_GROUP_QUOTA_UNMET.code:
            refused.extra = {**refused.extra, **explanation}  # say exactly what is missing
        raise
    # Write the move now: a lost race (stale version) must surface here as a 409, not in some
    # later query's autoflush.
    refusals.flush(session)
    group_service.reopen_if_back(session, actor, teacher, submission, entry)
    if action in _NEEDS_READY:
        # After the role and state checks, so a wrong role hears 403 before any detail; the
        # request's rollback undoes the move when this refuses.
        submissions_service.require_ready(session, submission)


def move(
    session: Session,
    ctx: AppContext,
    actor: Actor,
    submission_id: int,
    action: Action,
    *,
    reason: str | None = None,
) -> Submission:
    """Lock, check ownership (404 when out of sight), apply the move, write it now (409 on a race)."""
    submission = scope.visible_submission(session, actor, submission_id, lock=True)
    apply(session, ctx, actor, submission, action, reason=reason)
    refusals.flush(session)
    return submission
