"""What others read of peer learning: the author's feedback from peers, and a group's participation.

The author (the teacher whose work was pushed) reads every peer comment on their own work, with
its rating and who wrote it (seed 004: 观课议课 views are given openly in the school's workshop).
A group's leader (and the school admin, and an admin) reads each member's pushed reviews:
assigned, counted views, comments, not yet done, and how many of those are past due.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.peer import repository
from api.peer.progress import peer_progress
from api.peer.schemas import FeedbackOut, MemberParticipationOut
from api.peer.service import point_name, viewer_id
from api.shared.access import group_for
from db.base import utcnow
from domain.roles import Actor, Role

_GROUP_READERS = frozenset({Role.GROUP_LEADER, Role.SCHOOL_ADMIN, Role.ADMIN})


def feedback(session: Session, actor: Actor) -> list[FeedbackOut]:
    rows = repository.feedback_on_author(session, viewer_id(actor))
    return [
        FeedbackOut(
            submission_id=work.id,
            capability_code=work.capability_code,
            point_name=point_name(work.capability_code),
            viewer_name=viewer.name,
            rating=comment.rating,
            text=comment.text,
            updated_at=comment.updated_at,
        )
        for comment, work, viewer in rows
    ]


def participation(session: Session, actor: Actor, group_id: int) -> list[MemberParticipationOut]:
    group = group_for(session, actor, group_id, allowed=_GROUP_READERS)
    members = repository.group_members(session, group.id)
    ids = [m.id for m in members]
    progress = peer_progress(session, ids)
    overdue = repository.overdue_counts(session, ids, utcnow()) if ids else {}
    return [
        MemberParticipationOut(
            teacher_id=m.id,
            name=m.name,
            staff_id=m.staff_id,
            assigned=progress[m.id].assigned,
            counted_views=progress[m.id].counted_views,
            comments=progress[m.id].comments,
            pending=progress[m.id].pending,
            overdue=overdue.get(m.id, 0),
        )
        for m in members
    ]
