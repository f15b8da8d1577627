"""Who of the listed participants is on camera, from the faces a recording kept: the one place
that writes a recording's identification (its participants, unknown people and face checks).

The analyze stage calls it after storing the faces it found; the identify stage calls it alone,
when a participant's photo changed (``pipeline.reidentify``): no video is decoded, the stored
faces (``db.models.RecordingFace``) are matched against the photos enrolled *now*, read under the
recording's row lock. A leader's assignment of a person to a participant outranks the match.

When the new result stops a session from counting toward its group (a photo removed, say) and
the group had handed its work over, the hand-over reopens with the reason (``pipeline.group_reopen``).
"""

from __future__ import annotations

import numpy as np
import structlog
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Recording, RecordingFace
from domain.evidence_checks import ParticipantEvidence, summarize
from domain.recordings import RecordingKind, failures_text
from pipeline import biometric_repository, group_reopen
from workers.stages import repository
from workers.video.identify import Identification, Person, match

log = structlog.get_logger(__name__)

SEEN, NOT_SEEN, NO_REFERENCE, NO_CONSENT = "seen", "not_seen", "no_reference", "no_consent"


def listed(recording: Recording) -> list[int]:
    """The teachers a recording is evidence of: a session's participants, or a lesson's teacher."""
    return [p.teacher_id for p in recording.participants] or ([recording.teacher_id] if recording.teacher_id else [])


def references_of(session: Session, teacher_ids: list[int]) -> dict[str, list[np.ndarray]]:
    """Every enrolled encoding of each teacher, by the teacher id as text (the name ``match`` uses)."""
    references: dict[str, list[np.ndarray]] = {str(i): [] for i in teacher_ids}
    for teacher_id, encoding in repository.enrolled_encodings(session, teacher_ids):
        references[str(teacher_id)].append(np.asarray(encoding, dtype=np.float64))
    return references


def _people(faces: list[RecordingFace]) -> list[Person]:
    return [
        Person(
            n=f.n,
            centroid=np.asarray(f.centroid, dtype=np.float64),
            frames=frozenset(f.frames),
            first_seen_s=f.first_seen_s,
            crop_height=f.crop_height,
            crop_sharpness=f.crop_sharpness,
        )
        for f in faces
    ]


def _state(participant) -> str:
    if participant.seen:
        return SEEN
    return NOT_SEEN if participant.has_reference else NO_REFERENCE


def _rows(recording: Recording, found: Identification, names: dict[int, str], crops: dict[int, str | None]):
    participants = []
    for p in found.participants:
        teacher_id = int(p.name)
        participants.append(
            {
                **p.as_dict(),
                "teacher_id": teacher_id,
                "name": names.get(teacher_id, p.name),
                "state": _state(p),
                "evidence_key": crops.get(p.evidence_n) if p.evidence_n is not None else None,
            }
        )
    unknown = [{**u.as_dict(), "evidence_key": crops.get(u.n)} for u in found.unknown]
    return participants, unknown


def _not_looked_for(ids: list[int], names: dict[int, str]) -> list[dict]:
    """Rows for participants who did not consent to face identification: nobody was matched to them."""
    return [
        {
            "name": names.get(teacher_id, str(teacher_id)),
            "seen": False,
            "first_seen_s": None,
            "seen_fraction": 0.0,
            "has_reference": False,
            "evidence_n": None,
            "teacher_id": teacher_id,
            "state": NO_CONSENT,
            "evidence_key": None,
            "consented": False,
        }
        for teacher_id in ids
    ]


def counts_now(recording: Recording) -> bool:
    """Whether its checks let the session count (the stage states aside: this runs inside a stage)."""
    return bool(recording.checks_ok or recording.accepted_at is not None)


def identify_recording(
    session: Session,
    recording: Recording,
    *,
    tolerance: float,
    session_min_s: float,
    counted_before: bool | None = None,
) -> None:
    """Match the recording's stored faces to its listed teachers' photos; write the result and checks.

    ``counted_before``: whether the session counted before this change began (by default, by its
    checks and acceptance as they are now); a session that did and no longer does reopens its group.
    """
    analysis = dict(recording.analysis or {})
    if analysis.get("faces_erased_at"):  # past retention (``pipeline.biometric``): the result stands
        return
    faces = repository.faces_of(session, recording.id)
    ids = listed(recording)
    names = repository.teacher_names(session, ids)
    consenting = biometric_repository.consenting(session, ids)
    looked_for = [i for i in ids if i in consenting]  # only those who consented are identified
    found = match(
        _people(faces),
        references_of(session, looked_for),
        total_frames=int(analysis.get("sampled_frames") or 0),
        tolerance=tolerance,
        assigned={f.n: str(f.assigned_teacher_id) for f in faces if f.assigned_teacher_id in consenting},
    )
    participants, unknown = _rows(recording, found, names, {f.n: f.crop_key for f in faces})
    by_teacher = {row["teacher_id"]: row for row in participants}
    by_teacher.update(
        (row["teacher_id"], row) for row in _not_looked_for([i for i in ids if i not in consenting], names)
    )
    participants = [by_teacher[i] for i in ids if i in by_teacher]
    analysis.update(
        participants=participants,
        unknown=unknown,
        unknown_faces=found.unknown_faces,
        identified_at=utcnow().isoformat(),
    )
    if counted_before is None:
        counted_before = counts_now(recording) and bool(recording.analysis)
    recording.analysis = analysis
    session_kind = RecordingKind(recording.kind) is RecordingKind.GROUP_SESSION
    evidence = [
        ParticipantEvidence(
            teacher_id=row["teacher_id"],
            name=row["name"],
            has_reference=row["has_reference"],
            seen=row["seen"],
            first_seen_s=row["first_seen_s"],
            seen_fraction=row["seen_fraction"],
            consented=row.get("consented", True),
        )
        for row in participants
    ]
    checks = summarize(
        recording.kind,
        duration_s=recording.duration_s,
        effective_duration_s=float(analysis.get("effective_duration_s") or 0.0),
        participants=evidence if session_kind else [],
        unknown_faces=found.unknown_faces,
        frames_with_faces=int(analysis.get("frames_with_faces") or 0),
        group_session_min_s=session_min_s,
    )
    recording.checks = {**(recording.checks or {}), **checks}
    if session_kind and counted_before and not counts_now(recording):
        _reopen(session, recording)


def _reopen(session: Session, recording: Recording) -> None:
    zh, en = failures_text(recording.checks)
    reason = (
        f"教研活动录像 {recording.original_filename} 不再计入：{zh}"
        f" (session recording {recording.original_filename} no longer counts: {en})"
    )
    if group_reopen.reopen(session, recording.group_id, reason=reason, actor_id=None):
        log.info("group.reopened", group_id=recording.group_id, recording_id=recording.id)


def keep_faces(session: Session, recording: Recording, people: tuple[Person, ...], crops: dict[int, str]) -> None:
    """Replace the recording's stored faces with this analysis's people (a re-run forgets assignments:
    those live on as the teachers' ``session_face`` references)."""
    repository.drop_faces(session, recording.id)
    session.flush()
    # Faces of a new analysis: an earlier sweep's erasure (``pipeline.biometric``) no longer applies.
    recording.analysis = {k: v for k, v in (recording.analysis or {}).items() if k != "faces_erased_at"}
    for person in people:
        session.add(
            RecordingFace(
                recording_id=recording.id,
                n=person.n,
                centroid=[round(float(x), 6) for x in person.centroid],
                frames=sorted(person.frames),
                first_seen_s=person.first_seen_s,
                crop_key=crops.get(person.n),
                crop_height=person.crop_height,
                crop_sharpness=person.crop_sharpness,
            )
        )
    session.flush()
