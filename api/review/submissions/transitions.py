"""Moving a submission: every check first, then the state, then the side effects, in one place.

1. :func:`plan` checks and changes nothing: the workflow table (``domain.workflow.transition``:
   who may make this move from this state, with a reason where one is required, and for
   forwarding the group's quota), whose work it is (nobody reviews their own; a leader's own
   work is the school's to grade), and for submitting, readiness (a still-chosen point and
   every evidence item it asks for, ``requirements``). A caller with checks of its own runs
   them next (grading checks the verdict against the rubric), so a refusal leaves the row
   exactly as it was.
2. :func:`apply` writes the state through ``db.state.apply_all`` (the table again), stamps the row,
   records the audit entry, writes it all now (a lost race is a 409 here, not at commit), and
   reopens the member's submitted group when the move hands their work back to it.

The row locks ``get_visible(..., lock=True)`` takes make two people acting at once take turns:
the second sees the first's result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.notifications import service as notifications
from api.review.groups import service as groups
from api.review.quotas import service as quotas
from api.review.submissions import service
from api.shared import audit, refusals
from api.shared import review_inputs as inputs
from db.audit import Written
from db.base import utcnow
from db.models import Submission, Teacher
from db.state import apply_all
from domain import review_api_reasons as ar
from domain import review_reasons as rr
from domain import teacher_result_reasons as tr
from domain.roles import Actor
from domain.teacher_result import closed_on
from domain.workflow import WORKFLOW, Action, State, TransitionRefused, transition

_NEEDS_READY = frozenset({Action.SUBMIT, Action.RESUBMIT})
# Who may never make this move on this work → 403; the rest (not from this state) → 409.
_ROLE_REFUSALS = {rr.WORKFLOW_ROLE_NOT_ALLOWED.code, rr.WORKFLOW_OWN_WORK.code, rr.WORKFLOW_LEADER_WORK.code}


class Work(Protocol):
    """What a move reads of a submission: an ORM row, or a plain one read under its lock."""

    @property
    def id(self) -> int: ...
    @property
    def state(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def teacher_id(self) -> int: ...
    @property
    def capability_code(self) -> str: ...


class Author(Protocol):
    """What a move and its notices read of the work's teacher."""

    @property
    def id(self) -> int: ...
    @property
    def school_id(self) -> int: ...
    @property
    def group_id(self) -> int | None: ...
    @property
    def name(self) -> str: ...


@dataclass(frozen=True)
class PlannedMove:
    """A move every check has allowed; nothing is written until :func:`apply`."""

    submission: Submission | Work
    teacher: Teacher | Author
    action: Action
    reason: str | None


def _group_quota(session: Session, ctx: AppContext, teacher: Teacher) -> tuple[bool, dict]:
    if teacher.group_id is None:
        return False, {"violations": [ar.GROUP_NONE.as_dict()]}
    quota = quotas.group_quota(session, ctx.settings, teacher.group_id)
    return quota.ok, quotas.explanation(quota)


def plan(
    session: Session, ctx: AppContext, actor: Actor, submission: Submission, action: Action, *, reason: str | None
) -> PlannedMove:
    """Check ``action`` on a submission the caller has locked: 403, 409 (saying what is missing) or the move."""
    return plan_many(session, ctx, actor, [submission], action, reason=reason)[0]


def plan_many(
    session: Session,
    ctx: AppContext,
    actor: Actor,
    submissions: Sequence[Submission | Work],
    action: Action,
    *,
    reason: str | None,
    authors: Mapping[int, Teacher | Author] | None = None,
) -> list[PlannedMove]:
    """:func:`plan` for a batch (a sampling round's draw): the authors (unless given, by teacher id)
    and which of them lead their group are read in one query each, so the cost grows with the
    batch, not by queries per work. The first refusal refuses the whole batch.

    A batch may be plain rows (``Work``, ``Author``) read under their locks: they are checked and
    written alike, without 13,000 ORM objects."""
    teachers = service.authors(session, list(submissions)) if authors is None else authors
    authorships = service.authorships(session, actor, teachers.values())
    group_quotas: dict[int | None, tuple[bool, dict]] = {}
    moves = []
    for submission in submissions:
        teacher = teachers[submission.teacher_id]
        quota_met, explanation = None, {}
        if action is Action.FORWARD:
            if teacher.group_id not in group_quotas:
                group_quotas[teacher.group_id] = _group_quota(session, ctx, teacher)
            quota_met, explanation = group_quotas[teacher.group_id]
        try:
            allowed = transition(
                State(submission.state),
                action,
                actor_role=actor.role,
                reason=reason,
                group_quota_met=quota_met,
                authorship=authorships[teacher.id],
            )
        except TransitionRefused as refused:
            if refused.reason.code in _ROLE_REFUSALS:
                raise Forbidden(refused.reason) from None
            extra = explanation if refused.reason.code == rr.WORKFLOW_GROUP_QUOTA_UNMET.code else {}
            raise Conflict(refused.reason, extra=extra) from None  # for a quota: exactly what is missing
        if action in _NEEDS_READY:
            # After the role and state checks, so a wrong role hears 403 before any detail.
            _require_assessment_open(ctx)
            service.require_ready(session, submission)
        moves.append(PlannedMove(submission, teacher, action, allowed.audit.reason))
    return moves


def _require_assessment_open(ctx: AppContext) -> None:
    """Once the assessment closes a 不合格 is final (``domain.teacher_result``), so nothing is handed in again."""
    closed = closed_on(ctx.settings.review_assessment_closes_on, inputs.today(ctx.settings))
    if closed is not None:
        raise Conflict(tr.SUBMIT_AFTER_CLOSE.format(closed=closed.isoformat()))


def apply(session: Session, actor: Actor, move: PlannedMove) -> Written:
    """Write an allowed move: state, audit entry, notices (``api.notifications``), and the group's reopening."""
    return apply_many(session, actor, [move])[0]


def apply_many(session: Session, actor: Actor, moves: Sequence[PlannedMove], **also: Any) -> list[Written]:
    """:func:`apply` for a batch of one action (``plan_many``'s), with ``also`` (column values) set on
    each work: one UPDATE for the states (``db.state.apply_all``), one insert of the audit entries,
    one query for the people told and one insert of their notices, whatever the batch's size."""
    if not moves:
        return []
    (action,) = {m.action for m in moves}
    now = utcnow()
    submissions = [m.submission for m in moves]
    with refusals.conflicts_as_409():  # a lost race is a 409 here, before anyone is told
        steps = apply_all(session, submissions, WORKFLOW, action, model=Submission, updated_at=now, **also)
    entries = audit.record_moves(
        session,
        actor,
        "submission",
        [(m.submission.id, action, step, m.reason, m.teacher.school_id) for m, step in zip(moves, steps)],
    )
    notifications.on_moves(session, actor, [(m.teacher, m.submission, e) for m, e in zip(moves, entries)])
    for move, entry in zip(moves, entries):
        groups.reopen_if_back(session, actor, move.teacher, move.submission, entry)
    return entries


def move(
    session: Session,
    ctx: AppContext,
    actor: Actor,
    submission_id: int,
    action: Action,
    *,
    reason: str | None = None,
) -> Submission:
    """Lock (404 when out of sight), check, and make the move."""
    submission = service.get_visible(session, actor, submission_id, lock=True)
    apply(session, actor, plan(session, ctx, actor, submission, action, reason=reason))
    return submission
