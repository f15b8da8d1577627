"""The queries of ``pipeline.biometric``: consents, and the biometric rows a teacher or time leaves behind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.models import BiometricConsent, Recording, RecordingFace, Teacher, TeacherReference


def active_consent(session: Session, teacher_id: int) -> BiometricConsent | None:
    """The teacher's consent in force (given, not withdrawn), the newest if several."""
    query = (
        select(BiometricConsent)
        .where(BiometricConsent.teacher_id == teacher_id, BiometricConsent.withdrawn_at.is_(None))
        .order_by(BiometricConsent.given_at.desc(), BiometricConsent.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def consenting(session: Session, teacher_ids: Iterable[int]) -> set[int]:
    """Which of these teachers have a consent in force."""
    ids = list(teacher_ids)
    if not ids:
        return set()
    query = select(BiometricConsent.teacher_id).where(
        BiometricConsent.teacher_id.in_(ids), BiometricConsent.withdrawn_at.is_(None)
    )
    return set(session.scalars(query))


def references_of(session: Session, teacher_id: int) -> list[TeacherReference]:
    return list(session.scalars(select(TeacherReference).where(TeacherReference.teacher_id == teacher_id)))


def faces_assigned_to(session: Session, teacher_id: int) -> list[RecordingFace]:
    return list(session.scalars(select(RecordingFace).where(RecordingFace.assigned_teacher_id == teacher_id)))


def faces_of(session: Session, recording_id: str) -> list[RecordingFace]:
    return list(session.scalars(select(RecordingFace).where(RecordingFace.recording_id == recording_id)))


def face(session: Session, recording_id: str, n: int) -> RecordingFace | None:
    query = select(RecordingFace).where(RecordingFace.recording_id == recording_id, RecordingFace.n == n)
    return session.scalars(query).first()


def references_made_before(session: Session, cutoff: datetime) -> list[TeacherReference]:
    """Reference photos (with their encodings) made before ``cutoff``: past the retention period."""
    query = select(TeacherReference).where(TeacherReference.created_at < cutoff).order_by(TeacherReference.id)
    return list(session.scalars(query.with_for_update()))


def recordings_with_faces_before(session: Session, cutoff: datetime) -> list[Recording]:
    """Recordings made before ``cutoff`` that still keep faces (centroids, crops), locked."""
    has_faces = exists().where(RecordingFace.recording_id == Recording.id)
    query = select(Recording).where(Recording.created_at < cutoff, has_faces).order_by(Recording.id)
    return list(session.scalars(query.with_for_update(of=Recording)))


def teacher_ids_existing(session: Session, teacher_ids: Iterable[int]) -> set[int]:
    ids = list(teacher_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Teacher.id).where(Teacher.id.in_(ids))))
