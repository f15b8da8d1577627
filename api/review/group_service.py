"""A research group's submission to the school, gated by its quota (seed 001 §四.6).

The leader submits once the group has enough 优秀 work (k of n, need m more) and an accepted
group-session recording; until then the status route and the refusal both say exactly what
is missing. When a member's work comes back to the group after that (returned, resubmitted),
the submission reopens (``domain.group_workflow``) and the leader submits again. The group's
row lock serialises all this with every change of its 优秀 count.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.review import audit, group_quota, refusals, scope
from api.review.schemas_review import GroupSubmissionOut, QuotaOut
from api.review.schemas_selection import reasons_out
from db.base import utcnow
from db.models import AuditEntry, GroupSubmission, Submission, Teacher
from domain import review_api_reasons as ar
from domain.group_workflow import GroupState, may_submit, reopens
from domain.quotas import GroupQuota
from domain.roles import Actor, Role
from domain.workflow import ACTION_LABELS, Action, State


def _out(group_id: int, row: GroupSubmission | None, quota: GroupQuota) -> GroupSubmissionOut:
    return GroupSubmissionOut(
        group_id=group_id,
        state=row.state if row is not None else GroupState.OPEN.value,
        submitted_at=row.submitted_at if row is not None else None,
        submitted_by=row.submitted_by if row is not None else None,
        version=row.version if row is not None else 0,
        quota=QuotaOut(**group_quota.explanation(quota)["quota"]),
        violations=reasons_out(quota.violations),
    )


def status(session: Session, ctx: AppContext, actor: Actor, group_id: int) -> GroupSubmissionOut:
    group = scope.group_for(session, actor, group_id)
    quota = group_quota.group_quota(session, ctx.settings, group.id)
    return _out(group.id, session.get(GroupSubmission, group.id), quota)


def submit(
    session: Session, ctx: AppContext, actor: Actor, group_id: int, *, version: int | None
) -> GroupSubmissionOut:
    """The leader hands the group's work to the school; 409 saying what is missing otherwise."""
    group = scope.group_for(session, actor, group_id, lock=True)
    if actor.role is not Role.GROUP_LEADER or actor.group_id != group.id:
        raise Forbidden()
    row = session.get(GroupSubmission, group.id, populate_existing=True)
    refusals.check_version(row.version if row is not None else 0, version)
    state = GroupState(row.state) if row is not None else GroupState.OPEN
    if not may_submit(state):
        raise Conflict(ar.GROUP_ALREADY_SUBMITTED.format(at=row.submitted_at.date().isoformat()))
    quota = group_quota.group_quota(session, ctx.settings, group.id)
    if not quota.ok:
        details_zh = "；".join(v.zh for v in quota.violations)
        details_en = " ".join(v.en for v in quota.violations)
        reason = ar.GROUP_QUOTA_UNMET.format(details=details_zh, details_en=details_en)
        raise Conflict(reason, extra=group_quota.explanation(quota))
    if row is None:
        row = GroupSubmission(group_id=group.id)
        session.add(row)
    row.state, row.submitted_at, row.submitted_by = GroupState.SUBMITTED.value, utcnow(), actor.user_id
    refusals.flush(session)
    audit.record(
        session,
        entity_type="group",
        entity_id=group.id,
        actor=actor,
        action="submit",
        from_state=state.value,
        to_state=row.state,
    )
    return _out(group.id, row, quota)


def reopen_if_back(session: Session, actor: Actor, teacher: Teacher, submission: Submission, moved: AuditEntry) -> None:
    """Reopen the teacher's submitted group when this move hands their work back to it.

    The caller holds the group's row lock (``locks.lock_submission`` takes it first).
    """
    row = session.get(GroupSubmission, teacher.group_id) if teacher.group_id is not None else None
    if row is None or not reopens(GroupState(row.state), State(moved.to_state)):
        return
    row.state = GroupState.REOPENED.value
    refusals.flush(session)
    action_zh, action_en = ACTION_LABELS[Action(moved.action)]
    why = f"：{moved.reason}" if moved.reason else ""
    audit.record(
        session,
        entity_type="group",
        entity_id=teacher.group_id,
        actor=actor,
        action="reopen",
        from_state=GroupState.SUBMITTED.value,
        to_state=row.state,
        reason=f"作品 {submission.id} {action_zh} (submission {submission.id} {action_en}){why}",
    )
