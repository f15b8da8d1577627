"""Deleting biometric data (face photos, encodings, crops): on withdrawal or request, on leaving, at retention's end.

PIPL art. 47: personal information goes when its purpose is met, the retention period ends or
consent is withdrawn. Three paths lead here, each writing an audit entry per deletion that says
what went (counts and object kinds), never the data itself:

- :func:`erase_teacher`: a teacher withdrew consent or asked for deletion (the API), or left the
  roster. Their reference photos and encodings go, and in every session that lists them the faces
  that were theirs (assigned to them by a leader, or the crop shown as their evidence) with the
  crops; the sessions are then identified again without them (they read "未同意人脸识别").
- :func:`sweep`: beat's periodic task. Reference photos made longer ago than the retention period
  go; so do the faces (centroids and crops) of recordings older than it. A session's recorded
  result (its checks) stands: the faces are evidence behind it, not the result, so it is not
  identified again (``analysis.faces_erased_at`` says why its crops are gone).
- orphans: photos left under ``references/<teacher>/`` by a teacher row deleted outright.

Database rows are deleted in the caller's transaction; objects are deleted after the flush, so
a failed flush loses nothing (an object left by a failed commit is swept as an orphan later).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import structlog
from sqlalchemy.orm import Session

from db import audit
from db.base import utcnow
from db.models import Recording
from pipeline import biometric_repository as repository
from pipeline.reidentify import after_reference_change
from pipeline.reidentify_repository import sessions_listing
from storage.keys import REFERENCES_ROOT, face_crops_root, reference_photo_teacher

log = structlog.get_logger(__name__)

ERASE_ACTION = "biometric_erase"
EXPIRE_ACTION = "biometric_expire"


@dataclass
class Erased:
    """What one deletion removed, for the audit entry: counts only, no face data."""

    photos: int = 0
    encodings: int = 0
    session_faces: int = 0
    crops: int = 0
    keys: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"photos {self.photos}, encodings {self.encodings}, session faces {self.session_faces}, crops {self.crops}"
        )


def _teachers_faces(session: Session, teacher_id: int) -> list:
    """Faces that are the teacher's: assigned to them, or their evidence in a session listing them."""
    faces = {f.id: f for f in repository.faces_assigned_to(session, teacher_id)}
    for recording in sessions_listing(session, teacher_id):
        for row in (recording.analysis or {}).get("participants", []):
            if row.get("teacher_id") == teacher_id and row.get("evidence_n") is not None:
                face = repository.face(session, recording.id, int(row["evidence_n"]))
                if face is not None:
                    faces[face.id] = face
    return list(faces.values())


def erase_teacher(session: Session, store, teacher_id: int, *, actor_id: int | None, why: str) -> Erased:
    """Delete the teacher's photos, encodings and session faces with their crops; audit; identify again."""
    erased = Erased()
    for reference in repository.references_of(session, teacher_id):
        erased.photos += 1
        erased.encodings += reference.encoding is not None
        erased.keys.append(reference.photo_key)
        session.delete(reference)  # with its enrol job
    for face in _teachers_faces(session, teacher_id):
        erased.session_faces += 1
        if face.crop_key:
            erased.crops += 1
            erased.keys.append(face.crop_key)
        session.delete(face)
    session.flush()
    audit.write(
        session,
        entity_type="teacher",
        entity_id=teacher_id,
        actor_id=actor_id,
        action=ERASE_ACTION,
        reason=f"{why}: {erased.summary()}",
    )
    after_reference_change(session, teacher_id)
    for key in erased.keys:
        store.delete(key)
    log.info("biometric.erased", teacher_id=teacher_id, why=why, summary=erased.summary())
    return erased


def _scrub_crops(recording: Recording, now: datetime) -> None:
    """The recorded result stays; the links to crops that no longer exist go."""
    analysis = dict(recording.analysis or {})
    for part in ("participants", "unknown"):
        analysis[part] = [{**row, "evidence_key": None} for row in analysis.get(part, [])]
    analysis["faces_erased_at"] = now.isoformat()
    recording.analysis = analysis


def _expire_references(session: Session, store, cutoff: datetime) -> int:
    by_teacher: dict[int, Erased] = {}
    for reference in repository.references_made_before(session, cutoff):
        erased = by_teacher.setdefault(reference.teacher_id, Erased())
        erased.photos += 1
        erased.encodings += reference.encoding is not None
        erased.keys.append(reference.photo_key)
        session.delete(reference)
    session.flush()
    for teacher_id, erased in by_teacher.items():
        audit.write(
            session,
            entity_type="teacher",
            entity_id=teacher_id,
            actor_id=None,
            action=EXPIRE_ACTION,
            reason=f"retention ended: {erased.summary()}",
        )
        for key in erased.keys:
            store.delete(key)
    return sum(e.photos for e in by_teacher.values())


def _expire_recording_faces(session: Session, store, cutoff: datetime, now: datetime) -> int:
    count = 0
    for recording in repository.recordings_with_faces_before(session, cutoff):
        faces = repository.faces_of(session, recording.id)
        erased = Erased(session_faces=len(faces), crops=sum(1 for f in faces if f.crop_key))
        for face in faces:
            session.delete(face)
        _scrub_crops(recording, now)
        session.flush()
        audit.write(
            session,
            entity_type="recording",
            entity_id=recording.id,
            actor_id=None,
            action=EXPIRE_ACTION,
            reason=f"retention ended: {erased.summary()}",
        )
        store.delete_prefix(face_crops_root(recording.id))
        count += erased.session_faces
    return count


def _orphan_photos(session: Session, store) -> int:
    """Photos under ``references/<teacher>/`` whose teacher row is gone (deleted outright)."""
    by_teacher: dict[int, list[str]] = {}
    for key in store.list_keys(REFERENCES_ROOT):
        teacher_id = reference_photo_teacher(key)
        if teacher_id is not None:
            by_teacher.setdefault(teacher_id, []).append(key)
    existing = repository.teacher_ids_existing(session, by_teacher)
    count = 0
    for teacher_id, keys in by_teacher.items():
        if teacher_id in existing:
            continue
        for key in keys:
            store.delete(key)
        count += len(keys)
        audit.write(
            session,
            entity_type="teacher",
            entity_id=teacher_id,
            actor_id=None,
            action=ERASE_ACTION,
            reason=f"teacher left the roster: photos {len(keys)}",
        )
    return count


def sweep(session: Session, store, *, retention_days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete biometric data past the retention period, and photos of teachers no longer on the roster."""
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days)
    counts = {
        "photos": _expire_references(session, store, cutoff),
        "session_faces": _expire_recording_faces(session, store, cutoff, now),
        "orphan_photos": _orphan_photos(session, store),
    }
    log.info("biometric.swept", **counts)
    return counts
