"""Every query of the session records: the rows of many sessions at once, so a list costs a few queries."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.shared.visibility import recordings_where
from db.base import utcnow
from db.models import Recording, RecordingParticipant, SessionReflection, SessionReport, SessionSignIn, Teacher, User
from domain.recordings import RecordingKind
from domain.roles import Actor


def sessions_in_sight(
    session: Session, actor: Actor, *, group_id: int | None, recording_ids: list[str] | None = None, limit: int
) -> list[Recording]:
    """The group sessions the actor may see (of ``recording_ids`` only, when given), newest first."""
    query = select(Recording).where(recordings_where(actor), Recording.kind == RecordingKind.GROUP_SESSION.value)
    if group_id is not None:
        query = query.where(Recording.group_id == group_id)
    if recording_ids is not None:
        query = query.where(Recording.id.in_(recording_ids))
    return list(session.scalars(query.order_by(Recording.created_at.desc(), Recording.id).limit(limit)))


def sessions_of_teacher(session: Session, teacher_id: int, *, limit: int) -> list[Recording]:
    """The group sessions listing ``teacher_id`` as a participant, newest first."""
    listed = exists().where(
        RecordingParticipant.recording_id == Recording.id, RecordingParticipant.teacher_id == teacher_id
    )
    query = select(Recording).where(Recording.kind == RecordingKind.GROUP_SESSION.value, listed)
    return list(session.scalars(query.order_by(Recording.created_at.desc(), Recording.id).limit(limit)))


def teachers(session: Session, teacher_ids: Iterable[int]) -> dict[int, Teacher]:
    ids = set(teacher_ids)
    return {t.id: t for t in session.scalars(select(Teacher).where(Teacher.id.in_(ids)))} if ids else {}


def user_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {i for i in user_ids if i is not None}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(ids))) if ids else []
    return {user_id: name for user_id, name in rows}


def sign_ins(session: Session, recording_ids: list[str]) -> list[SessionSignIn]:
    query = select(SessionSignIn).where(SessionSignIn.recording_id.in_(recording_ids)).order_by(SessionSignIn.id)
    return list(session.scalars(query)) if recording_ids else []


def reports(session: Session, recording_ids: list[str]) -> dict[str, SessionReport]:
    if not recording_ids:
        return {}
    query = select(SessionReport).where(SessionReport.recording_id.in_(recording_ids))
    return {r.recording_id: r for r in session.scalars(query)}


def reflections(session: Session, recording_ids: list[str]) -> list[SessionReflection]:
    if not recording_ids:
        return []
    query = select(SessionReflection).where(SessionReflection.recording_id.in_(recording_ids))
    return list(session.scalars(query.order_by(SessionReflection.id)))


def sign_in(session: Session, recording_id: str, teacher_id: int) -> SessionSignIn | None:
    query = select(SessionSignIn).where(
        SessionSignIn.recording_id == recording_id, SessionSignIn.teacher_id == teacher_id
    )
    return session.scalar(query)


def report(session: Session, recording_id: str) -> SessionReport | None:
    return session.get(SessionReport, recording_id)


def reflection(session: Session, recording_id: str, teacher_id: int) -> SessionReflection | None:
    query = select(SessionReflection).where(
        SessionReflection.recording_id == recording_id, SessionReflection.teacher_id == teacher_id
    )
    return session.scalar(query)


def write_reflection(session: Session, recording_id: str, teacher_id: int, text: str) -> SessionReflection:
    """Insert or rewrite the teacher's reflection; a twin insert from another tab becomes an update."""
    row = reflection(session, recording_id, teacher_id)
    if row is None:
        try:
            with session.begin_nested():
                row = SessionReflection(recording_id=recording_id, teacher_id=teacher_id, text=text)
                session.add(row)
            return row
        except IntegrityError:
            row = reflection(session, recording_id, teacher_id)
    row.text, row.updated_at = text, utcnow()
    return row
