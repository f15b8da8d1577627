"""Every query the worker stages make; the stages decide, this reads and writes rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import DerivedOutput, Recording, RecordingFace, Teacher, TeacherReference, UploadSession
from domain.references import ReferenceState
from domain.uploads import UploadState
from storage.keys import PLAYBACK_PROFILE


def recording(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


def faces_of(session: Session, recording_id: str) -> list[RecordingFace]:
    """The people on camera kept from the recording's analysis, by number."""
    return list(
        session.scalars(
            select(RecordingFace).where(RecordingFace.recording_id == recording_id).order_by(RecordingFace.n)
        )
    )


def drop_faces(session: Session, recording_id: str) -> None:
    """Forget the faces of an earlier analysis (a re-run replaces them)."""
    session.execute(delete(RecordingFace).where(RecordingFace.recording_id == recording_id))


def reference(session: Session, reference_id: str) -> TeacherReference | None:
    return session.get(TeacherReference, reference_id)


def teacher_names(session: Session, teacher_ids: Iterable[int]) -> dict[int, str]:
    ids = list(teacher_ids)
    return dict(session.execute(select(Teacher.id, Teacher.name).where(Teacher.id.in_(ids))).tuples().all())


def enrolled_encodings(session: Session, teacher_ids: Iterable[int]) -> list[tuple[int, list[float]]]:
    """(teacher id, face encoding) of every enrolled reference photo of these teachers."""
    ids = list(teacher_ids)
    return list(
        session.execute(
            select(TeacherReference.teacher_id, TeacherReference.encoding).where(
                TeacherReference.teacher_id.in_(ids), TeacherReference.state == ReferenceState.OK.value
            )
        ).tuples()
    )


def playback_output(session: Session, recording_id: str) -> DerivedOutput | None:
    """The recording's one published set of playback outputs (unique per recording and profile)."""
    return session.scalar(
        select(DerivedOutput).where(
            DerivedOutput.recording_id == recording_id, DerivedOutput.profile == PLAYBACK_PROFILE
        )
    )


def expired_open_uploads(session: Session, *, now: datetime) -> list[UploadSession]:
    """Open uploads past their deadline, locked (a second sweeper skips them)."""
    return list(
        session.scalars(
            select(UploadSession)
            .where(UploadSession.state == UploadState.OPEN.value, UploadSession.expires_at <= now)
            .with_for_update(skip_locked=True)
        )
    )


def multipart_ids(session: Session) -> tuple[set[str], set[str]]:
    """Store-side multipart ids of open uploads, and of closed ones."""
    rows = session.execute(select(UploadSession.multipart_id, UploadSession.state)).tuples()
    open_ids, closed_ids = set(), set()
    for multipart_id, state in rows:
        (open_ids if state == UploadState.OPEN.value else closed_ids).add(multipart_id)
    return open_ids, closed_ids
