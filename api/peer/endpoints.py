"""Peer-learning routes (issue 20): the viewer's list, progress reports and comments; the author's
feedback; a group's participation; a school's push. Thin: parse, call the service, return."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.peer import oversight, push, service
from api.peer.schemas import (
    AssignmentOut,
    CommentIn,
    FeedbackOut,
    MemberParticipationOut,
    PeerRulesOut,
    ProgressIn,
    ProgressOut,
    PushOut,
)

router = APIRouter(prefix="/api/peer", tags=["peer learning"])


@router.get("/rules", response_model=PeerRulesOut)
def peer_rules(actor: CurrentActor, context: Context) -> PeerRulesOut:
    """Rating levels, the comment length, the share that counts and the rate cap, for the UI."""
    return service.rules(context.settings)


@router.get("/assignments", response_model=list[AssignmentOut])
def my_assignments(session: DbSession, actor: CurrentActor, context: Context) -> list[AssignmentOut]:
    """The signed-in teacher's pushed peer videos (待观看), soonest due first."""
    return service.my_list(session, actor, context.settings)


@router.get("/assignments/{assignment_id}", response_model=AssignmentOut)
def my_assignment(assignment_id: int, session: DbSession, actor: CurrentActor, context: Context) -> AssignmentOut:
    return service.detail(session, actor, assignment_id, context.settings)


@router.post("/assignments/{assignment_id}/progress", response_model=ProgressOut)
def report_progress(
    assignment_id: int, body: ProgressIn, session: DbSession, actor: CurrentActor, context: Context
) -> ProgressOut:
    """Segments the player played (no seeks inside one); merged with what the server holds."""
    return service.report(session, actor, assignment_id, body, context.settings)


@router.put("/assignments/{assignment_id}/comment", response_model=AssignmentOut)
def write_comment(
    assignment_id: int, body: CommentIn, session: DbSession, actor: CurrentActor, context: Context
) -> AssignmentOut:
    """The 观课议课: a rating level and a comment of at least the minimum length, once the view counted."""
    return service.comment(session, actor, assignment_id, body, context.settings)


@router.get("/feedback", response_model=list[FeedbackOut])
def my_feedback(session: DbSession, actor: CurrentActor) -> list[FeedbackOut]:
    """Peers' comments on the signed-in teacher's own work."""
    return oversight.feedback(session, actor)


@router.get("/groups/{group_id}/participation", response_model=list[MemberParticipationOut])
def group_participation(group_id: int, session: DbSession, actor: CurrentActor) -> list[MemberParticipationOut]:
    """Each member's pushed reviews (the group's leader, the school admin, an admin)."""
    return oversight.participation(session, actor, group_id)


@router.post("/schools/{school_id}/push", response_model=PushOut)
def push_school(school_id: int, session: DbSession, actor: CurrentActor, context: Context) -> PushOut:
    """推送观摩视频: give each of the school's teachers their N peer videos (idempotent)."""
    return push.push_school(session, actor, school_id, context.settings)
