"""A research group's submission to the school, gated by its quota (seed 001 §四.6).

The leader submits once the group has enough 优秀 work (k of n, need m more) and an accepted
group-session recording; until then the status route and the refusal both say exactly what
is missing. The group's row lock serialises this with every change of its 优秀 count.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.review import audit, group_quota, refusals, scope
from api.review.schemas_review import GroupSubmissionOut, QuotaOut
from api.review.schemas_selection import reasons_out
from db.base import utcnow
from db.models import GroupSubmission
from domain import review_api_reasons as ar
from domain.quotas import GroupQuota
from domain.roles import Actor, Role

OPEN, SUBMITTED = "open", "submitted"


def _out(group_id: int, row: GroupSubmission | None, quota: GroupQuota) -> GroupSubmissionOut:
    return GroupSubmissionOut(
        group_id=group_id,
        state=row.state if row is not None else OPEN,
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
    if row is not None and row.state == SUBMITTED:
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
    row.state, row.submitted_at, row.submitted_by = SUBMITTED, utcnow(), actor.user_id
    refusals.flush(session)
    audit.record(
        session,
        entity_type="group",
        entity_id=group.id,
        actor=actor,
        action="submit",
        from_state=OPEN,
        to_state=SUBMITTED,
    )
    return _out(group.id, row, quota)
