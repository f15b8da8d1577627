"""Recordings the actor may see, their status, and retrying a failed stage.

Whether a recording is visible is ``domain.visibility.can_see_recording`` over the facts
``api.shared.visibility`` reads; a recording out of sight answers 404 like a missing one, so
ids of others' work cannot be probed. Comments, playback and live events ask here too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound
from api.recordings import repository
from api.recordings.repository import ListingFilters
from api.recordings.schemas import AcceptanceOut, RecordingOut, StageOut, StandingOut
from api.shared.keyset import Page, page_of
from api.shared.visibility import recording_facts
from db.models import Recording
from domain import reasons, session_reasons
from domain.evidence_checks import checks_seen_by
from domain.recordings import (
    COUNTING,
    RecordingKind,
    RecordingStatus,
    SessionStanding,
    failures_text,
    recording_status,
    session_standing,
)
from domain.roles import Actor, Role
from domain.stages import RECORDING_STAGES, Stage, StageState
from domain.visibility import RecordingFacts, can_comment_on, can_see_in_own_right, can_see_recording
from pipeline import jobs


def visible(
    session: Session, actor: Actor, recording_id: str, *, in_own_right: bool = False
) -> tuple[Recording, RecordingFacts]:
    """The recording and its facts, or 404 when it is missing or not the actor's to see.

    ``in_own_right``: not enough that it was pushed to the actor as a peer lesson to watch
    (``domain.visibility.can_see_in_own_right``): for reviewers' remarks, face crops, retries.
    """
    recording = repository.get(session, recording_id)
    facts = recording_facts(session, recording) if recording is not None else None
    rule = can_see_in_own_right if in_own_right else can_see_recording
    if recording is None or not rule(actor, facts):
        raise NotFound("录像", "Recording")
    return recording, facts


def get_visible(session: Session, actor: Actor, recording_id: str, *, in_own_right: bool = False) -> Recording:
    return visible(session, actor, recording_id, in_own_right=in_own_right)[0]


def listing(
    session: Session,
    actor: Actor,
    *,
    after: tuple[datetime, str] | None = None,
    limit: int,
    offset: int = 0,
    filters: ListingFilters | None = None,
) -> Page[RecordingOut]:
    """A page of the recordings in the actor's sight, newest first, and where the next one starts."""
    rows = repository.visible_page(
        session, actor, after=after, limit=limit + 1, offset=offset, filters=filters or ListingFilters()
    )
    rows, next_key = page_of(rows, limit, lambda r: (r.created_at, r.id))
    return Page([to_out(r, role=actor.role) for r in rows], next_key)


def status_of(recording: Recording) -> RecordingStatus:
    """processing | failed | rejected (a rule failed) | ready."""
    return recording_status((StageState(job.state) for job in recording.jobs), checks_ok=recording.checks_ok)


def standing_of(recording: Recording) -> SessionStanding:
    """Where a group session stands toward its group's quota (``domain.recordings.session_standing``)."""
    stages = {Stage(job.stage): StageState(job.state) for job in recording.jobs}
    return session_standing(stages, checks_ok=recording.checks_ok, accepted=recording.accepted_at is not None)


def _standing_out(recording: Recording) -> StandingOut | None:
    if RecordingKind(recording.kind) is not RecordingKind.GROUP_SESSION:
        return None
    standing = standing_of(recording)
    details, details_en = failures_text(recording.checks)
    reason = session_reasons.STANDING[standing].format(
        reason=recording.accepted_reason or "", details=details, details_en=details_en
    )
    return StandingOut(
        state=standing.value, counts=standing in COUNTING, code=reason.code, message_zh=reason.zh, message_en=reason.en
    )


def _acceptance_out(recording: Recording) -> AcceptanceOut | None:
    if recording.accepted_at is None:
        return None
    accepter = recording.accepter
    return AcceptanceOut(
        by=recording.accepted_by,
        by_name=accepter.display_name if accepter is not None else None,
        at=recording.accepted_at,
        reason=recording.accepted_reason or "",
    )


def detail(session: Session, actor: Actor, recording_id: str) -> RecordingOut:
    """The recording as ``actor`` sees it, with whether they may comment on it."""
    recording, facts = visible(session, actor, recording_id)
    return to_out(recording, role=actor.role, can_comment=can_comment_on(actor, facts))


def to_out(recording: Recording, *, role: Role, can_comment: bool | None = None) -> RecordingOut:
    """The recording's body; checks that name others' work only for those who judge it."""
    return RecordingOut(
        id=recording.id,
        kind=recording.kind,
        status=status_of(recording).value,
        school_id=recording.school_id,
        school_name=recording.school.name if recording.school is not None else None,
        group_id=recording.group_id,
        group_name=recording.group.name if recording.group is not None else None,
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
        checks=checks_seen_by(role, recording.checks or {}),
        analysis=recording.analysis,
        stages=[StageOut.of(job) for job in recording.jobs],
        standing=_standing_out(recording),
        acceptance=_acceptance_out(recording),
        can_comment=can_comment,
    )


def stages_and_status(session: Session, recording_id: str) -> tuple[list[StageOut], str]:
    """What the live status stream sends: every stage row, and the recording's status."""
    recording = repository.get(session, recording_id)  # its jobs come with it, in id order
    return [StageOut.of(j) for j in recording.jobs], status_of(recording).value


def retry_stage(session: Session, actor: Actor, recording: Recording, stage: Stage) -> None:
    """Queue a failed stage again; only people who can act for the recording may."""
    if stage not in (*RECORDING_STAGES, Stage.IDENTIFY):
        raise NotFound("处理阶段", "Stage")
    if actor.role is Role.PROVINCIAL_REVIEWER:
        raise Forbidden()
    job = jobs.get(session, recording.id, stage)
    if job is None or job.state != StageState.FAILED.value:
        raise Conflict(reasons.NOT_RETRYABLE.format(state=job.state if job else "none"))
    jobs.enqueue(session, recording.id, stage)


def evidence_key(recording: Recording, teacher_id: int) -> str:
    """The object key of the participant's best face crop, or 404."""
    people = (recording.analysis or {}).get("participants", [])
    key = next((p.get("evidence_key") for p in people if p.get("teacher_id") == teacher_id), None)
    if not key:
        raise NotFound("人脸截图", "Evidence crop")
    return key


def unknown_person_key(recording: Recording, index: int) -> str:
    """The object key of the best face crop of the ``index``-th person matching nobody on the list, or 404."""
    people = (recording.analysis or {}).get("unknown", [])
    key = people[index].get("evidence_key") if 0 <= index < len(people) else None
    if not key:
        raise NotFound("未识别人员截图", "Unknown person's crop")
    return key
