"""The school desk: what waits for the school administrator, and what became of the school's work.

Only the school's administrators (and the system admin) read it: the lists are the school's
own to-do, and the history names the people who acted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from sqlalchemy.orm import Session

from api.review.desk import repository
from api.review.desk.schemas import (
    DeskCountsOut,
    DeskGroupOut,
    DeskWorkOut,
    SchoolDeskOut,
    SchoolHistoryEntryOut,
)
from api.review.handover import service as handover
from api.shared.access import ADMINS, school_for
from api.shared.keyset import Page, page_of
from db.models import Submission, Teacher
from domain.roles import Actor
from domain.school_desk import AWAITING_SCHOOL_GRADE, TO_FORWARD, HistoryAction, history_actions

MAX_HISTORY_PAGE = 200
DESK_PAGE, MAX_DESK_PAGE = 50, 200
WorkKey = tuple[datetime, int]  # updated_at, id: longest waiting first


def _work(submission: Submission, teacher: Teacher) -> DeskWorkOut:
    return DeskWorkOut(
        id=submission.id,
        teacher_id=teacher.id,
        teacher_name=teacher.name,
        group_id=teacher.group_id,
        capability_code=submission.capability_code,
        state=submission.state,
        updated_at=submission.updated_at,
    )


class DeskList(str, Enum):
    """The desk's two work lists, each paged on its own (longest waiting first)."""

    LEADERS_WORK = "leaders-work"  # group leaders' own work, graded by the school
    TO_FORWARD = "to-forward"  # 优秀 work to forward to the province or return


_LISTED = {DeskList.LEADERS_WORK: (AWAITING_SCHOOL_GRADE, True), DeskList.TO_FORWARD: (TO_FORWARD, False)}


def desk(
    session: Session, actor: Actor, school_id: int, *, cursor: Callable[[DeskList, WorkKey | None], str | None]
) -> SchoolDeskOut:
    """The counts, each work list's first page (``cursor`` makes its next page's token), the handed-over
    groups; 404 for another school's desk, 403 for other roles."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    leaders = _work_page(session, school.id, DeskList.LEADERS_WORK, after=None, limit=DESK_PAGE)
    to_forward = _work_page(session, school.id, DeskList.TO_FORWARD, after=None, limit=DESK_PAGE)
    groups = [
        DeskGroupOut(group_id=g.id, group_name=g.name, subject=g.subject, submitted_at=row.submitted_at)
        for g, row in repository.groups_submitted(session, school.id)
    ]
    counts = DeskCountsOut(
        leaders_work=repository.work_count(session, school.id, AWAITING_SCHOOL_GRADE, leaders_only=True),
        groups_submitted=len(groups),
        to_forward=repository.work_count(session, school.id, TO_FORWARD),
    )
    return SchoolDeskOut(
        counts=counts,
        handover_state=handover.state_of(session, school.id),
        leaders_work=leaders.items,
        leaders_work_next=cursor(DeskList.LEADERS_WORK, leaders.next_key),
        groups_submitted=groups,
        to_forward=to_forward.items,
        to_forward_next=cursor(DeskList.TO_FORWARD, to_forward.next_key),
    )


def desk_work(
    session: Session, actor: Actor, school_id: int, listed: DeskList, *, after: WorkKey | None, limit: int
) -> Page[DeskWorkOut]:
    """A page of one desk list past ``after`` (updated_at, id)."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return _work_page(session, school.id, listed, after=after, limit=min(limit, MAX_DESK_PAGE))


def _work_page(session: Session, school_id: int, listed: DeskList, *, after: WorkKey | None, limit: int):
    states, leaders_only = _LISTED[listed]
    rows = repository.work_page(session, school_id, states, leaders_only=leaders_only, after=after, limit=limit + 1)
    rows, next_key = page_of(rows, limit, lambda row: (row[0].updated_at, row[0].id))
    return Page([_work(s, t) for s, t in rows], next_key)


def history(
    session: Session,
    actor: Actor,
    school_id: int,
    *,
    action: HistoryAction | None,
    after: int | None = None,
    limit: int,
    offset: int = 0,
) -> Page[SchoolHistoryEntryOut]:
    """Forwards, returns, confirmations and downgrades of the school's work, newest first, past the
    entry ``after``, and the entry the next page starts after."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    limit = min(limit, MAX_HISTORY_PAGE)
    rows = repository.history_page(
        session, school.id, actions=history_actions(action), after=after, limit=limit + 1, offset=offset
    )
    rows, next_key = page_of(rows, limit, lambda row: (row[0].id,))
    return Page(
        [
            SchoolHistoryEntryOut(
                id=entry.id,
                submission_id=submission.id,
                action=entry.action,
                from_state=entry.from_state,
                to_state=entry.to_state,
                reason=entry.reason,
                at=entry.at,
                actor_name=user.display_name if user else None,
                actor_role=user.role if user else None,
                teacher_name=teacher.name,
                capability_code=submission.capability_code,
            )
            for entry, submission, teacher, user in rows
        ],
        next_key,
    )
