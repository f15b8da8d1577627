"""Time-coded comments on a recording: reviewers pin remarks to moments, authors edit their own.

Who reads: whoever may see the recording (the teacher included), except that provincial
reviewers see only recordings of forwarded work. Who writes: the group leader of the
recording's group, the school administrator of its school, and provincial reviewers on
forwarded work. Only a comment's author changes or deletes it.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound
from api.recordings.service import scope_of
from api.review import refusals, scope
from db.base import utcnow
from db.models import Recording, Submission, TimedComment
from domain import review_api_reasons as ar
from domain.roles import Actor, Role, can_view_recording

MAX_TEXT = 4000


def _forwarded(session: Session, recording_id: str) -> bool:
    states = [s.value for s in scope.FORWARDED_STATES]
    return bool(
        session.scalar(select(exists().where(Submission.recording_id == recording_id, Submission.state.in_(states))))
    )


def readable_recording(session: Session, actor: Actor, recording_id: str) -> Recording:
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound("录像", "Recording")
    if actor.role is Role.PROVINCIAL_REVIEWER:
        visible = _forwarded(session, recording.id)
    else:
        visible = can_view_recording(actor, scope_of(recording))
    if not visible:
        raise NotFound("录像", "Recording")
    return recording


def _may_comment(actor: Actor, recording: Recording) -> bool:
    """Called on a recording the actor can already read (reviewers: forwarded work only)."""
    if actor.role is Role.GROUP_LEADER:
        return actor.group_id is not None and actor.group_id == recording.group_id
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == recording.school_id
    return actor.role is Role.PROVINCIAL_REVIEWER


def _check_moment(recording: Recording, at_s: float) -> None:
    if recording.duration_s is None:
        raise Conflict(ar.COMMENT_DURATION_UNKNOWN)
    if not 0 <= at_s <= recording.duration_s:
        raise refusals.Unprocessable(ar.COMMENT_OUT_OF_RANGE.format(at_s=at_s, duration_s=recording.duration_s))


def listing(session: Session, actor: Actor, recording_id: str) -> list[TimedComment]:
    recording = readable_recording(session, actor, recording_id)
    return list(
        session.scalars(
            select(TimedComment)
            .where(TimedComment.recording_id == recording.id)
            .order_by(TimedComment.at_s, TimedComment.id)
        )
    )


def add(session: Session, actor: Actor, recording_id: str, *, at_s: float, text: str) -> TimedComment:
    recording = readable_recording(session, actor, recording_id)
    if not _may_comment(actor, recording):
        raise Forbidden()
    _check_moment(recording, at_s)
    now = utcnow()
    comment = TimedComment(
        recording_id=recording.id, author_id=actor.user_id, at_s=at_s, text=text, created_at=now, updated_at=now
    )
    session.add(comment)
    refusals.flush(session)
    return comment


def _own(session: Session, actor: Actor, recording_id: str, comment_id: int) -> tuple[Recording, TimedComment]:
    recording = readable_recording(session, actor, recording_id)
    comment = session.get(TimedComment, comment_id)
    if comment is None or comment.recording_id != recording.id:
        raise NotFound("评论", "Comment")
    if comment.author_id != actor.user_id:
        raise Forbidden(ar.COMMENT_NOT_AUTHOR)
    return recording, comment


def edit(
    session: Session, actor: Actor, recording_id: str, comment_id: int, *, at_s: float | None, text: str | None
) -> TimedComment:
    recording, comment = _own(session, actor, recording_id, comment_id)
    if at_s is not None:
        _check_moment(recording, at_s)
        comment.at_s = at_s
    if text is not None:
        comment.text = text
    comment.updated_at = utcnow()
    refusals.flush(session)
    return comment


def remove(session: Session, actor: Actor, recording_id: str, comment_id: int) -> None:
    _, comment = _own(session, actor, recording_id, comment_id)
    session.delete(comment)
    refusals.flush(session)
