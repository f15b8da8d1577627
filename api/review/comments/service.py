"""Time-coded comments on a recording: reviewers pin remarks to moments, authors edit their own.

Who reads: whoever may see the recording in their own right (``domain.visibility.can_see_in_own_right``:
the teacher included; the province only the recordings of forwarded work; not a peer the lesson was
only pushed to for watching, who writes their own 观课议课 instead). Who writes:
``domain.visibility.can_comment_on`` (the recording's group leader, its school's admin, and
the province on what reached it). Only a comment's author changes or deletes it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound, Unprocessable
from api.recordings.service import visible
from api.review.comments import repository
from api.shared import refusals
from db.base import utcnow
from db.models import Recording, TimedComment, User
from domain import review_api_reasons as ar
from domain.roles import Actor
from domain.visibility import can_comment_on


def _check_moment(recording: Recording, at_s: float) -> None:
    if recording.duration_s is None:
        raise Conflict(ar.COMMENT_DURATION_UNKNOWN)
    if not 0 <= at_s <= recording.duration_s:
        raise Unprocessable(ar.COMMENT_OUT_OF_RANGE.format(at_s=at_s, duration_s=recording.duration_s))


def listing(session: Session, actor: Actor, recording_id: str) -> list[TimedComment]:
    recording, _ = visible(session, actor, recording_id, in_own_right=True)
    return repository.of_recording(session, recording.id)


def add(session: Session, actor: Actor, recording_id: str, *, at_s: float, text: str) -> TimedComment:
    recording, facts = visible(session, actor, recording_id, in_own_right=True)
    if not can_comment_on(actor, facts):
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
    recording, _ = visible(session, actor, recording_id, in_own_right=True)
    comment = repository.get(session, comment_id)
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


def authors_of(session: Session, comments: list[TimedComment]) -> dict[int, User]:
    """Who wrote each of these comments (accounts since deleted are simply absent)."""
    return repository.authors(session, {c.author_id for c in comments if c.author_id is not None})
