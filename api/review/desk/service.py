"""The school desk: what waits for the school administrator, and what became of the school's work.

Only the school's administrators (and the system admin) read it: the lists are the school's
own to-do, and the history names the people who acted.
"""

from __future__ import annotations

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
from api.review.submissions.repository import leaders_among
from api.shared.access import ADMINS, school_for
from api.shared.keyset import Page, page_of
from db.models import Submission, Teacher
from domain.roles import Actor
from domain.school_desk import AWAITING_SCHOOL_GRADE, TO_FORWARD, HistoryAction, history_actions

MAX_HISTORY_PAGE = 200


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


def desk(session: Session, actor: Actor, school_id: int) -> SchoolDeskOut:
    """The three lists and their counts; 404 for another school's desk, 403 for other roles."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    awaiting = repository.work_in(session, school.id, AWAITING_SCHOOL_GRADE)
    leaders = leaders_among(session, [t.id for _, t in awaiting])
    leaders_work = [_work(s, t) for s, t in awaiting if t.id in leaders]
    groups = [
        DeskGroupOut(group_id=g.id, group_name=g.name, subject=g.subject, submitted_at=row.submitted_at)
        for g, row in repository.groups_submitted(session, school.id)
    ]
    to_forward = [_work(s, t) for s, t in repository.work_in(session, school.id, TO_FORWARD)]
    return SchoolDeskOut(
        counts=DeskCountsOut(leaders_work=len(leaders_work), groups_submitted=len(groups), to_forward=len(to_forward)),
        handover_state=handover.state_of(session, school.id),
        leaders_work=leaders_work,
        groups_submitted=groups,
        to_forward=to_forward,
    )


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
