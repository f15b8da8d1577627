"""A group session as a training record (issue 20, item 5; seed 001 §三.3 “点名签到,录好视频,做好报道和
提交学习心得…否则不认定为完整培训”).

The sign-in sheet is the listed participants the analysis saw, or all of them when the leader
accepted the session despite its checks, plus those the leader signs in by hand with a note. The
leader writes the report (报道); each listed teacher writes their own reflection (学习心得). Whether
the record is 完整, and what it lacks, is ``domain.session_record``. Writes take the group's row lock,
then the recording's (``pipeline.group_repository``), the order every act on a session takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound, Unprocessable
from api.recordings import service as recordings
from api.session_records import repository
from api.shared import audit
from config import Settings
from db.base import utcnow
from db.models import Recording, SessionReflection, SessionReport, SessionSignIn, Teacher
from domain import session_reasons as sr
from domain import session_record_reasons as rr
from domain.recordings import COUNTING, RecordingKind
from domain.roles import Actor, Role, same_id
from domain.session_record import SOURCE_WORDS, Participant, RecordFacts, missing, sign_in_source, text_length
from pipeline import group_repository

from .schemas import ParticipantOut, ReportOut, SessionRecordOut

NOTE_MIN_CHARS = 5


@dataclass(frozen=True)
class _Rows:
    """Everything the records of some sessions read, loaded once for all of them."""

    teachers: dict[int, Teacher]
    sign_ins: dict[tuple[str, int], SessionSignIn]
    reports: dict[str, SessionReport]
    reflections: dict[tuple[str, int], SessionReflection]
    user_names: dict[int, str]


def _load(session: Session, sessions: list[Recording]) -> _Rows:
    ids = [r.id for r in sessions]
    sign_ins = {(s.recording_id, s.teacher_id): s for s in repository.sign_ins(session, ids)}
    reports = repository.reports(session, ids)
    reflections = {(r.recording_id, r.teacher_id): r for r in repository.reflections(session, ids)}
    users = [s.added_by for s in sign_ins.values()] + [r.written_by for r in reports.values()]
    return _Rows(
        teachers=repository.teachers(session, (p.teacher_id for r in sessions for p in r.participants)),
        sign_ins=sign_ins,
        reports=reports,
        reflections=reflections,
        user_names=repository.user_names(session, users),
    )


def _seen(recording: Recording) -> set[int]:
    people = (recording.analysis or {}).get("participants", [])
    return {p.get("teacher_id") for p in people if p.get("seen")}


def _listed(recording: Recording, rows: _Rows) -> list[Teacher]:
    ids = sorted(p.teacher_id for p in recording.participants)
    return [rows.teachers[i] for i in ids if i in rows.teachers]


def facts_of(recording: Recording, rows: _Rows) -> RecordFacts:
    """The domain's view of one session's record."""
    seen = _seen(recording)
    people = []
    for teacher in _listed(recording, rows):
        manual = rows.sign_ins.get((recording.id, teacher.id))
        reflection = rows.reflections.get((recording.id, teacher.id))
        people.append(
            Participant(
                teacher_id=teacher.id,
                name=teacher.name,
                seen=teacher.id in seen,
                manual_note=manual.note if manual is not None else None,
                reflection_chars=text_length(reflection.text) if reflection is not None else 0,
            )
        )
    report = rows.reports.get(recording.id)
    return RecordFacts(
        counts=recordings.standing_of(recording) in COUNTING,
        accepted=recording.accepted_at is not None,
        participants=tuple(people),
        report_chars=text_length(report.text) if report is not None else 0,
    )


def _reads_reflections_of(actor: Actor, teacher_id: int) -> bool:
    """A teacher reads their own reflection only; the leader, the school and the province read all."""
    return actor.role is not Role.TEACHER or same_id(actor.teacher_id, teacher_id)


def is_leader(actor: Actor, recording: Recording) -> bool:
    return actor.role is Role.GROUP_LEADER and same_id(actor.group_id, recording.group_id)


def may_download(actor: Actor, recording: Recording) -> bool:
    """The package goes to the school's administrator (seed 001: 校级管理员 “负责上传所有考核材料”)."""
    return actor.role is Role.SCHOOL_ADMIN and same_id(actor.school_id, recording.school_id)


def _participant_out(recording: Recording, rows: _Rows, person: Participant, facts: RecordFacts, actor: Actor):
    teacher = rows.teachers[person.teacher_id]
    source = sign_in_source(person, accepted=facts.accepted)
    manual = rows.sign_ins.get((recording.id, person.teacher_id))
    reflection = rows.reflections.get((recording.id, person.teacher_id))
    readable = reflection is not None and _reads_reflections_of(actor, person.teacher_id)
    words = SOURCE_WORDS.get(source, (None, None))
    return ParticipantOut(
        teacher_id=person.teacher_id,
        name=person.name,
        staff_id=teacher.staff_id,
        signed_in=source is not None,
        source=source.value if source is not None else None,
        source_zh=words[0],
        source_en=words[1],
        note=manual.note if manual is not None else None,
        note_by_name=rows.user_names.get(manual.added_by) if manual is not None else None,
        noted_at=manual.added_at if manual is not None else None,
        reflection_written=reflection is not None,
        reflection_chars=person.reflection_chars,
        reflection_text=reflection.text if readable else None,
        reflection_updated_at=reflection.updated_at if reflection is not None else None,
    )


def _out(recording: Recording, rows: _Rows, actor: Actor, settings: Settings) -> SessionRecordOut:
    facts = facts_of(recording, rows)
    lacking = missing(
        facts,
        reflection_min_chars=settings.session_reflection_min_chars,
        report_min_chars=settings.session_report_min_chars,
    )
    report = rows.reports.get(recording.id)
    return SessionRecordOut(
        recording_id=recording.id,
        original_filename=recording.original_filename,
        group_id=recording.group_id,
        group_name=recording.group.name if recording.group is not None else None,
        created_at=recording.created_at,
        counts=facts.counts,
        complete=not lacking,
        missing=[r.as_dict() for r in lacking],
        participants=[_participant_out(recording, rows, p, facts, actor) for p in facts.participants],
        report=ReportOut(
            text=report.text,
            chars=facts.report_chars,
            written_by_name=rows.user_names.get(report.written_by),
            updated_at=report.updated_at,
        )
        if report is not None
        else None,
        reflection_min_chars=settings.session_reflection_min_chars,
        report_min_chars=settings.session_report_min_chars,
        can_lead=is_leader(actor, recording),
        can_download=may_download(actor, recording),
    )


def records(session: Session, settings: Settings, actor: Actor, sessions: list[Recording]) -> list[SessionRecordOut]:
    """The records of ``sessions`` as ``actor`` reads them, in a handful of queries for any number."""
    rows = _load(session, sessions)
    return [_out(r, rows, actor, settings) for r in sessions]


def _session(session: Session, actor: Actor, recording_id: str) -> Recording:
    recording = recordings.get_visible(session, actor, recording_id)
    if RecordingKind(recording.kind) is not RecordingKind.GROUP_SESSION:
        raise Conflict(sr.NOT_A_SESSION)
    return recording


def detail(session: Session, settings: Settings, actor: Actor, recording_id: str) -> SessionRecordOut:
    return records(session, settings, actor, [_session(session, actor, recording_id)])[0]


def listing(
    session: Session,
    settings: Settings,
    actor: Actor,
    *,
    group_id: int | None,
    recording_ids: list[str] | None = None,
    limit: int,
):
    """The records of the group sessions in the actor's sight (the school's list shows 完整 or not), only
    ``recording_ids`` when given (the page of sessions a list shows)."""
    found = repository.sessions_in_sight(session, actor, group_id=group_id, recording_ids=recording_ids, limit=limit)
    return records(session, settings, actor, found)


def mine(session: Session, settings: Settings, actor: Actor, *, limit: int) -> list[SessionRecordOut]:
    """The sessions the signed-in teacher is listed in, each asking for their reflection."""
    if actor.teacher_id is None:
        return []
    return records(session, settings, actor, repository.sessions_of_teacher(session, actor.teacher_id, limit=limit))


def _locked(session: Session, recording: Recording) -> Recording:
    locked = group_repository.lock_group_session(session, recording.group_id, recording.id)
    if locked is None:
        raise NotFound("录像", "Recording")
    return locked


def _leaders(session: Session, actor: Actor, recording_id: str) -> Recording:
    recording = _session(session, actor, recording_id)
    if not is_leader(actor, recording):
        raise Forbidden(sr.NOT_THE_LEADER)
    return _locked(session, recording)


def _listed_teacher(recording: Recording, teacher_id: int) -> None:
    if teacher_id not in {p.teacher_id for p in recording.participants}:
        raise Unprocessable(sr.NOT_A_PARTICIPANT)


def add_sign_in(session: Session, actor: Actor, recording_id: str, teacher_id: int, note: str) -> None:
    """The leader signs in a listed participant the recording did not identify, saying why."""
    recording = _leaders(session, actor, recording_id)
    _listed_teacher(recording, teacher_id)
    text = " ".join((note or "").split())
    if text_length(text) < NOTE_MIN_CHARS:
        raise Unprocessable(rr.NOTE_REQUIRED.format(min=NOTE_MIN_CHARS))
    rows = _load(session, [recording])
    person = next(p for p in facts_of(recording, rows).participants if p.teacher_id == teacher_id)
    source = sign_in_source(person, accepted=False)  # an acceptance does not stop a named sign-in
    if source is not None:
        zh, en = SOURCE_WORDS[source]
        raise Conflict(rr.ALREADY_SIGNED_IN.format(name=person.name, how_zh=zh, how_en=en))
    session.add(SessionSignIn(recording_id=recording.id, teacher_id=teacher_id, note=text, added_by=actor.user_id))
    audit.record(
        session,
        entity_type="recording",
        entity_id=recording.id,
        actor=actor,
        action="sign_in",
        reason=f"{teacher_id}: {text}",
    )


def remove_sign_in(session: Session, actor: Actor, recording_id: str, teacher_id: int) -> None:
    recording = _leaders(session, actor, recording_id)
    row = repository.sign_in(session, recording.id, teacher_id)
    if row is None:
        raise NotFound("补签记录", "Manual sign-in")
    session.delete(row)
    audit.record(
        session,
        entity_type="recording",
        entity_id=recording.id,
        actor=actor,
        action="remove_sign_in",
        reason=str(teacher_id),
    )


def _text(text: str, settings: Settings, *, min_chars: int, too_short) -> str:
    body = (text or "").strip()
    n = text_length(body)
    if n < min_chars:
        raise Unprocessable(too_short.format(min=min_chars, n=n))
    if len(body) > settings.session_text_max_chars:
        raise Unprocessable(rr.TEXT_TOO_LONG.format(max=settings.session_text_max_chars, n=len(body)))
    return body


def write_report(session: Session, settings: Settings, actor: Actor, recording_id: str, text: str) -> None:
    """The leader writes (or rewrites) the session's report."""
    recording = _leaders(session, actor, recording_id)
    body = _text(text, settings, min_chars=settings.session_report_min_chars, too_short=rr.REPORT_TOO_SHORT)
    row = repository.report(session, recording.id)
    if row is None:
        session.add(SessionReport(recording_id=recording.id, text=body, written_by=actor.user_id))
    else:
        row.text, row.written_by, row.updated_at = body, actor.user_id, utcnow()


def write_reflection(
    session: Session, settings: Settings, actor: Actor, recording_id: str, teacher_id: int, text: str
) -> None:
    """A listed teacher writes (or rewrites) their own reflection; nobody writes another's."""
    recording = _session(session, actor, recording_id)
    if not same_id(actor.teacher_id, teacher_id):
        raise Forbidden(rr.NOT_YOUR_REFLECTION)
    if teacher_id not in {p.teacher_id for p in recording.participants}:
        raise Forbidden(rr.NOT_LISTED)
    body = _text(text, settings, min_chars=settings.session_reflection_min_chars, too_short=rr.REFLECTION_TOO_SHORT)
    recording = _locked(session, recording)
    repository.write_reflection(session, recording.id, teacher_id, body)


def for_package(session: Session, settings: Settings, actor: Actor, recording_id: str):
    """(the recording, its record, its facts' rows) for the school's download; 403 for anyone else."""
    recording = _session(session, actor, recording_id)
    if not may_download(actor, recording):
        raise Forbidden(rr.PACKAGE_SCHOOL_ONLY)
    rows = _load(session, [recording])
    return recording, _out(recording, rows, actor, settings)
