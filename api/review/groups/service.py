"""A research group's hand-over of its work to the school, gated by its quota (seed 001 §四.6).

The leader submits once the group has enough 优秀 work (k of n, need m more) and an accepted
group-session recording; until then the status and the refusal both say exactly what is
missing. When a member's work comes back to the group after that (returned, resubmitted),
the hand-over reopens (``domain.group_workflow``) and the leader submits again. The group's
row lock serialises all this with every change of its 优秀 count.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.notifications import service as notifications
from api.review.groups.schemas import GroupSubmissionOut, QuotaOut
from api.review.quotas import service as quotas
from api.shared import audit, refusals
from api.shared.access import group_for
from api.shared.schemas import reasons_out
from db.audit import Written
from db.base import utcnow
from db.models import AuditEntry, GroupSubmission, Submission, Teacher
from db.state import apply, current
from domain import review_api_reasons as ar
from domain.group_workflow import GROUPS, GroupEvent, back_with_the_group, may_submit, reopens
from domain.quotas import GroupQuota
from domain.roles import Actor, Role, same_id
from domain.school_time import minute_text
from domain.workflow import ACTION_LABELS, Action, State
from pipeline import group_reopen
from pipeline import group_repository as repository

# Who may read a group's hand-over: its leader, its school, admins (the province reads quotas).
_READERS = frozenset({Role.ADMIN, Role.SCHOOL_ADMIN, Role.GROUP_LEADER})


def _out(group_id: int, row: GroupSubmission | None, quota: GroupQuota) -> GroupSubmissionOut:
    return GroupSubmissionOut(
        group_id=group_id,
        state=row.state if row is not None else GROUPS.initial.value,
        submitted_at=row.submitted_at if row is not None else None,
        submitted_by=row.submitted_by if row is not None else None,
        reopened_at=row.reopened_at if row is not None else None,
        reopen_reason=row.reopen_reason if row is not None else None,
        version=row.version if row is not None else 0,
        quota=QuotaOut(**quotas.explanation(quota)["quota"]),
        violations=reasons_out(quota.violations),
    )


def status(session: Session, ctx: AppContext, actor: Actor, group_id: int) -> GroupSubmissionOut:
    group = group_for(session, actor, group_id, allowed=_READERS)
    quota = quotas.group_quota(session, ctx.settings, group.id)
    return _out(group.id, repository.hand_over(session, group.id), quota)


def submit(
    session: Session, ctx: AppContext, actor: Actor, group_id: int, *, version: int | None
) -> GroupSubmissionOut:
    """The leader hands the group's work to the school; 409 saying what is missing otherwise."""
    group = group_for(session, actor, group_id, allowed=_READERS, lock=True)
    if actor.role is not Role.GROUP_LEADER or not same_id(actor.group_id, group.id):
        raise Forbidden()
    row = repository.hand_over(session, group.id, fresh=True)
    refusals.check_version(row.version if row is not None else 0, version)
    state = current(row, GROUPS) if row is not None else GROUPS.initial
    if not may_submit(state):
        raise Conflict(ar.GROUP_ALREADY_SUBMITTED.format(at=minute_text(row.submitted_at, ctx.settings.zone)))
    quota = quotas.group_quota(session, ctx.settings, group.id)
    if not quota.ok:
        details_zh = "；".join(v.zh for v in quota.violations)
        details_en = " ".join(v.en for v in quota.violations)
        reason = ar.GROUP_QUOTA_UNMET.format(details=details_zh, details_en=details_en)
        raise Conflict(reason, extra=quotas.explanation(quota))
    if row is None:
        row = GroupSubmission(group_id=group.id, state=GROUPS.initial.value)
        session.add(row)
    step = apply(row, GROUPS, GroupEvent.SUBMIT)
    row.submitted_at, row.submitted_by = utcnow(), actor.user_id
    refusals.flush(session)
    audit.record_move(session, actor, ("group", group.id), GroupEvent.SUBMIT, step)
    notifications.on_group_submit(session, actor, group)
    return _out(group.id, row, quota)


def reopen_if_back(
    session: Session, actor: Actor, teacher: Teacher, submission: Submission, moved: AuditEntry | Written
) -> None:
    """Reopen the teacher's submitted group when this move hands their work back to it.

    The caller holds the group's row lock (the submission's lock takes it first).
    """
    if teacher.group_id is None or not back_with_the_group(State(moved.to_state)):
        return  # most moves (every one of a sampling round) cannot reopen a group: no query for them
    row = repository.hand_over(session, teacher.group_id)
    if row is None or not reopens(current(row, GROUPS), State(moved.to_state)):
        return
    action_zh, action_en = ACTION_LABELS[Action(moved.action)]
    why = f"：{moved.reason}" if moved.reason else ""
    reason = f"作品 {submission.id} {action_zh} (submission {submission.id} {action_en}){why}"
    group_reopen.reopen(session, teacher.group_id, reason=reason, actor_id=actor.user_id)
    refusals.flush(session)
