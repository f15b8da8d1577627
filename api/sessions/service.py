"""A group leader's judgement over a session's automatic checks (issue 16), and its upkeep.

Seed 001 makes the leader the judge of the group's evidence (“教研组组长负责审核本组教师提交的…
成果”): the checks are facts for that judgement, not a verdict. So the leader may accept a
session whose checks failed, with a reason; may say who an unknown person on camera is (the face
becomes that teacher's ``session_face`` reference, used from then on, and the group's sessions
are identified again); may re-run the analysis or delete the recording while the group has not
handed its work over. Each act is in the audit log with who, when and why. Withdrawing an
acceptance that made a session count reopens a submitted group, with the reason.

Locks: the group's row, then the recording's, the order the workers take them in.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, NotFound, Unprocessable
from api.recordings import service as recordings
from api.sessions import repository
from api.shared import audit
from api.shared import repository as shared_rows
from api.teachers import biometric
from db.base import utcnow
from db.models import Recording, TeacherReference
from db.state import apply, current
from domain import session_reasons as sr
from domain.group_workflow import GROUPS, GroupState
from domain.recordings import RecordingKind, SessionStanding, failed_checks
from domain.references import REFERENCES, ReferenceEvent, ReferenceSource
from domain.roles import Actor, Role, same_id
from domain.school_time import minute_text
from domain.stages import Stage, StageState
from pipeline import group_reopen, group_repository, jobs, reidentify
from storage.keys import derived_root, reference_photo_key

MIN_REASON_CHARS = 5


def _leaders_session(session: Session, actor: Actor, recording_id: str) -> Recording:
    """The group-session recording, locked, when ``actor`` leads its group: 404, 409 or 403 otherwise."""
    recording = recordings.get_visible(session, actor, recording_id)
    if RecordingKind(recording.kind) is not RecordingKind.GROUP_SESSION:
        raise Conflict(sr.NOT_A_SESSION)
    if actor.role is not Role.GROUP_LEADER or not same_id(actor.group_id, recording.group_id):
        raise Forbidden(sr.NOT_THE_LEADER)
    return group_repository.lock_group_session(session, recording.group_id, recording.id)


def _reason(text: str) -> str:
    reason = " ".join((text or "").split())
    if len(reason) < MIN_REASON_CHARS:
        raise Unprocessable(sr.REASON_REQUIRED.format(min=MIN_REASON_CHARS))
    return reason


def _failed_checks(recording: Recording) -> str:
    return ", ".join(failed_checks(recording.checks))


def accept(session: Session, ctx: AppContext, actor: Actor, recording_id: str, text: str) -> Recording:
    """Accept a processed session whose checks failed, so it counts; the reason is required."""
    recording = _leaders_session(session, actor, recording_id)
    reason = _reason(text)
    standing = recordings.standing_of(recording)
    refusal = {
        SessionStanding.PROCESSING: sr.STILL_PROCESSING,
        SessionStanding.FAILED: sr.STAGE_FAILED,
        SessionStanding.COUNTS: sr.CHECKS_PASSED,
    }.get(standing)
    if refusal is not None:
        raise Conflict(refusal)
    if standing is SessionStanding.COUNTS_ACCEPTED:
        raise Conflict(sr.ALREADY_ACCEPTED.format(at=minute_text(recording.accepted_at, ctx.settings.zone)))
    recording.accepted_by, recording.accepted_at, recording.accepted_reason = actor.user_id, utcnow(), reason
    audit.record(
        session,
        entity_type="recording",
        entity_id=recording.id,
        actor=actor,
        action="accept",
        reason=f"[{_failed_checks(recording)}] {reason}",
    )
    return recording


def withdraw(session: Session, actor: Actor, recording_id: str, text: str) -> Recording:
    """Take an acceptance back; a submitted group it counted for reopens, saying why."""
    recording = _leaders_session(session, actor, recording_id)
    if recording.accepted_at is None:
        raise Conflict(sr.NOT_ACCEPTED)
    counted = recordings.standing_of(recording) is SessionStanding.COUNTS_ACCEPTED
    recording.accepted_by = recording.accepted_at = recording.accepted_reason = None
    why = " ".join((text or "").split())
    audit.record(
        session, entity_type="recording", entity_id=recording.id, actor=actor, action="withdraw_acceptance", reason=why
    )
    if counted:
        suffix_zh, suffix_en = (f"：{why}", f": {why}") if why else ("", "")
        reopen_reason = (
            f"教研活动录像 {recording.original_filename} 的认定已撤销{suffix_zh}"
            f" (the acceptance of session recording {recording.original_filename} was withdrawn{suffix_en})"
        )
        group_reopen.reopen(session, recording.group_id, reason=reopen_reason, actor_id=actor.user_id)
    return recording


def assign_face(
    session: Session, ctx: AppContext, actor: Actor, recording_id: str, n: int, teacher_id: int
) -> TeacherReference:
    """Say that unknown person ``n`` is participant ``teacher_id``: kept as the teacher's reference from now on."""
    recording = _leaders_session(session, actor, recording_id)
    face = repository.face(session, recording.id, n)
    if face is None:
        raise NotFound("人员", "Person")
    if teacher_id not in {p.teacher_id for p in recording.participants}:
        raise Unprocessable(sr.NOT_A_PARTICIPANT)
    biometric.require_consent(session, shared_rows.teacher(session, teacher_id))  # the face becomes their reference
    unknown = {row.get("n") for row in (recording.analysis or {}).get("unknown", [])}
    if n not in unknown or face.assigned_teacher_id is not None:  # matched, or assigned already (a double click)
        people = (recording.analysis or {}).get("participants", [])
        holder = next((p.get("name") for p in people if face.assigned_teacher_id == p.get("teacher_id")), None)
        holder = holder or next((p.get("name") for p in people if p.get("evidence_n") == n), "名单内人员")
        raise Conflict(sr.FACE_NOT_UNKNOWN.format(name=holder))
    if not face.crop_key:
        raise Conflict(sr.NO_CROP)
    face.assigned_teacher_id, face.assigned_by, face.assigned_at = teacher_id, actor.user_id, utcnow()
    reference_id = str(uuid.uuid4())
    key = reference_photo_key(teacher_id, reference_id, "jpeg")
    ctx.store.put_bytes(key, ctx.store.read_bytes(face.crop_key), "image/jpeg")
    reference = TeacherReference(
        id=reference_id,
        teacher_id=teacher_id,
        photo_key=key,
        content_type="image/jpeg",
        source=ReferenceSource.SESSION_FACE.value,
        from_recording_id=recording.id,
        uploaded_by=actor.user_id,
    )
    session.add(reference)
    session.flush()  # created pending, like every reference; the leader's word enrols it at once
    apply(reference, REFERENCES, ReferenceEvent.ENROL)
    reference.encoding, reference.enrolled_at = list(face.centroid), utcnow()
    audit.record(
        session,
        entity_type="recording",
        entity_id=recording.id,
        actor=actor,
        action="assign_face",
        reason=f"person {n + 1} → teacher {teacher_id}",
    )
    session.flush()
    reidentify.after_reference_change(session, teacher_id)
    return reference


def _not_handed_over(session: Session, ctx: AppContext, recording: Recording) -> None:
    row = group_repository.hand_over(session, recording.group_id)
    if row is not None and current(row, GROUPS) is GroupState.SUBMITTED:
        raise Conflict(sr.GROUP_SUBMITTED.format(at=minute_text(row.submitted_at, ctx.settings.zone)))


def rerun_analysis(session: Session, ctx: AppContext, actor: Actor, recording_id: str) -> Recording:
    """Analyse the video again (a new detector, a wrong result); any acceptance must be given again."""
    recording = _leaders_session(session, actor, recording_id)
    _not_handed_over(session, ctx, recording)
    job = jobs.get(session, recording.id, Stage.ANALYZE)
    state = StageState(job.state) if job is not None else None
    if state not in (StageState.DONE, StageState.FAILED):
        raise Conflict(sr.ANALYSIS_NOT_FINISHED.format(state=state.value if state else "none"))
    jobs.enqueue(session, recording.id, Stage.ANALYZE)
    if recording.accepted_at is not None:
        recording.accepted_by = recording.accepted_at = recording.accepted_reason = None
    audit.record(session, entity_type="recording", entity_id=recording.id, actor=actor, action="rerun_analysis")
    return recording


def delete(session: Session, ctx: AppContext, actor: Actor, recording_id: str) -> None:
    """Delete the recording, its outputs and its faces, while the group has not handed its work over."""
    recording = _leaders_session(session, actor, recording_id)
    _not_handed_over(session, ctx, recording)
    original, filename = recording.original_key, recording.original_filename
    session.delete(recording)
    audit.record(
        session, entity_type="recording", entity_id=recording_id, actor=actor, action="delete", reason=filename
    )
    session.flush()
    ctx.store.delete(original)
    ctx.store.delete_prefix(derived_root(recording_id))
