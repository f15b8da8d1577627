"""Every query of the 学时 ledger: online-hour imports and entries, and the sessions a teacher attended."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from db.models import (
    OnlineHourEntry,
    OnlineHourImport,
    ProcessingJob,
    Recording,
    RecordingParticipant,
    ResearchGroup,
    SessionSignIn,
    Teacher,
    User,
)
from domain.recordings import RecordingKind
from domain.roles import Role
from domain.stages import StageState


def staff_roster(session: Session, school_id: int) -> dict[str, tuple[int, str]]:
    """The school's teachers by 工号: (id, name)."""
    rows = session.execute(select(Teacher.staff_id, Teacher.id, Teacher.name).where(Teacher.school_id == school_id))
    return {staff_id.strip(): (tid, name) for staff_id, tid, name in rows}


def import_by_sha(session: Session, school_id: int, sha256: str) -> OnlineHourImport | None:
    return session.scalar(
        select(OnlineHourImport).where(OnlineHourImport.school_id == school_id, OnlineHourImport.sha256 == sha256)
    )


def recent_imports(session: Session, school_id: int, *, limit: int = 20) -> list[OnlineHourImport]:
    return list(
        session.scalars(
            select(OnlineHourImport)
            .where(OnlineHourImport.school_id == school_id)
            .order_by(OnlineHourImport.imported_at.desc(), OnlineHourImport.id.desc())
            .limit(limit)
        )
    )


def entries_for_update(session: Session, teacher_ids: Iterable[int]) -> dict[tuple[int, str, str], OnlineHourEntry]:
    """The teachers' entries by (teacher, kind, course key), locked against a concurrent import."""
    ids = sorted(set(teacher_ids))
    if not ids:
        return {}
    statement = select(OnlineHourEntry).where(OnlineHourEntry.teacher_id.in_(ids)).with_for_update()
    return {(e.teacher_id, e.kind, e.course_key): e for e in session.scalars(statement)}


def online_entries(session: Session, teacher_ids: Iterable[int]) -> dict[int, list[tuple[str, float]]]:
    """Each teacher's (kind, hours) per course."""
    found: dict[int, list[tuple[str, float]]] = {}
    ids = sorted(set(teacher_ids))
    if not ids:
        return found
    rows = session.execute(
        select(OnlineHourEntry.teacher_id, OnlineHourEntry.kind, OnlineHourEntry.hours).where(
            OnlineHourEntry.teacher_id.in_(ids)
        )
    )
    for tid, kind, hours in rows:
        found.setdefault(tid, []).append((kind, hours))
    return found


def counting_sessions_of(
    session: Session, teacher_ids: Iterable[int]
) -> list[tuple[int, dict[str, Any] | None, bool, bool]]:
    """(participant, the session's analysis, accepted by its leader, signed in by hand) per counting session.

    Counting is ``domain.recordings.session_standing``'s SQL twin (as ``accepted_sessions``): every
    stage done, and the checks passed or the leader accepted it.
    """
    ids = sorted(set(teacher_ids))
    if not ids:
        return []
    any_job = exists().where(ProcessingJob.recording_id == Recording.id)
    unfinished = exists().where(
        ProcessingJob.recording_id == Recording.id, ProcessingJob.state != StageState.DONE.value
    )
    rows = session.execute(
        select(
            RecordingParticipant.teacher_id,
            Recording.analysis,
            Recording.accepted_at.is_not(None),
            SessionSignIn.id.is_not(None),
        )
        .join(Recording, Recording.id == RecordingParticipant.recording_id)
        .outerjoin(
            SessionSignIn,
            (SessionSignIn.recording_id == Recording.id)
            & (SessionSignIn.teacher_id == RecordingParticipant.teacher_id),
        )
        .where(
            RecordingParticipant.teacher_id.in_(ids),
            Recording.kind == RecordingKind.GROUP_SESSION.value,
            any_job,
            ~unfinished,
            or_(Recording.checks_ok.is_(True), Recording.accepted_at.is_not(None)),
        )
    )
    return [(tid, analysis, bool(accepted), bool(signed)) for tid, analysis, accepted, signed in rows]


def group_names(session: Session, group_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(group_ids))
    if not ids:
        return {}
    return dict(session.execute(select(ResearchGroup.id, ResearchGroup.name).where(ResearchGroup.id.in_(ids))).all())


def accounts_of(session: Session, teacher_ids: Iterable[int]) -> dict[int, list[int]]:
    """The active teacher and group-leader accounts linked to each teacher: teacher id → user ids."""
    ids = sorted(set(teacher_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(User.teacher_id, User.id).where(
            User.teacher_id.in_(ids),
            User.is_active.is_(True),
            User.role.in_([Role.TEACHER.value, Role.GROUP_LEADER.value]),
        )
    )
    found: dict[int, list[int]] = {}
    for tid, uid in rows:
        found.setdefault(tid, []).append(uid)
    return found
