"""Find recordings the actor may see, and summarise their state."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound
from api.recordings.schemas import RecordingOut, StageOut
from db.models import ProcessingJob, Recording, RecordingParticipant
from domain import reasons
from domain.roles import Actor, RecordingScope, Role, can_view_recording
from domain.stages import Stage, StageState
from pipeline import jobs


def scope_of(recording: Recording) -> RecordingScope:
    return RecordingScope(
        school_id=recording.school_id,
        group_id=recording.group_id,
        teacher_id=recording.teacher_id,
        uploaded_by=recording.uploaded_by,
        participant_teacher_ids=frozenset(p.teacher_id for p in recording.participants),
    )


def get_visible(session: Session, actor: Actor, recording_id: str) -> Recording:
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound("录像", "Recording")
    if not can_view_recording(actor, scope_of(recording)):
        # Same answer as a missing recording, so ids of others' work cannot be probed.
        raise NotFound("录像", "Recording")
    return recording


def visible_query(actor: Actor) -> Select:
    """The SQL twin of ``domain.roles.can_view_recording`` for listings."""
    query = select(Recording).order_by(Recording.created_at.desc())
    if actor.role in (Role.ADMIN, Role.PROVINCIAL_REVIEWER):
        return query
    if actor.role is Role.SCHOOL_ADMIN:
        return query.where(Recording.school_id == actor.school_id)
    if actor.role is Role.GROUP_LEADER:
        return query.where(Recording.group_id == actor.group_id)
    participant = select(RecordingParticipant.recording_id).where(RecordingParticipant.teacher_id == actor.teacher_id)
    return query.where(
        or_(
            Recording.uploaded_by == actor.user_id,
            Recording.teacher_id == actor.teacher_id,
            Recording.id.in_(participant),
        )
    )


def overall_status(recording: Recording) -> str:
    """processing | failed | rejected (a rule failed) | ready."""
    states = {job.state for job in recording.jobs}
    if StageState.FAILED.value in states:
        return "failed"
    if states - {StageState.DONE.value} or not states:
        return "processing"
    if any(not check.get("ok", True) for check in (recording.checks or {}).values()):
        return "rejected"
    return "ready"


def to_out(recording: Recording) -> RecordingOut:
    return RecordingOut(
        id=recording.id,
        kind=recording.kind,
        status=overall_status(recording),
        school_id=recording.school_id,
        group_id=recording.group_id,
        teacher_id=recording.teacher_id,
        capability_code=recording.capability_code,
        participant_ids=sorted(p.teacher_id for p in recording.participants),
        original_filename=recording.original_filename,
        size_bytes=recording.size_bytes,
        sha256=recording.sha256,
        container=recording.sniffed_container,
        created_at=recording.created_at,
        duration_s=recording.duration_s,
        media=recording.media_info,
        checks=recording.checks or {},
        analysis=recording.analysis,
        stages=[StageOut.of(job) for job in recording.jobs],
    )


def stage_rows(session: Session, recording_id: str) -> list[ProcessingJob]:
    return list(
        session.scalars(
            select(ProcessingJob).where(ProcessingJob.recording_id == recording_id).order_by(ProcessingJob.id)
        )
    )


def retry_stage(session: Session, actor: Actor, recording: Recording, stage: Stage) -> None:
    """Queue a failed stage again; only people who can act for the recording may."""
    if actor.role is Role.PROVINCIAL_REVIEWER:
        raise Forbidden()
    job = jobs.get(session, recording.id, stage)
    if job is None or job.state != StageState.FAILED.value:
        raise Conflict(reasons.NOT_RETRYABLE.format(state=job.state if job else "none"))
    jobs.enqueue(session, recording.id, stage)
