"""Teachers' 学时 ledgers (``domain.training_hours``) for one teacher, a school, or the whole province.

Every reader (the teacher's card, the platforms' API, the school's dashboard and workbook, the
province's view) goes through :func:`ledgers`, so they never disagree. The inputs per teacher:
online entries (imported), group sessions attended (a counting session whose sign-in sheet holds
them: seen on camera, signed in by the leader, or a session the leader accepted), pushed peer
reviews (``api.peer.progress``), and the overall result of their points
(``api.review.results.service``, which also says whether the work is handed in).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.errors import NotFound
from api.hours import repository
from api.hours.schemas import HoursOut, LedgerOut, PracticePartOut, RequiredHoursOut
from api.peer.progress import peer_progress
from api.review.results import service as results
from api.shared import repository as shared_rows
from api.shared.schemas import reasons_out
from config import Settings
from db.models import Teacher
from domain.roles import Actor
from domain.teacher_result import RESULT_LABELS, Result, TeacherResult
from domain.training_hours import (
    Activities,
    HourKind,
    Ledger,
    PeerWork,
    Requirement,
    ledger,
    online_hours,
    session_attended,
    work_handed_in,
)
from domain.visibility import TeacherFacts, can_see_hours

_PASSING = frozenset({Result.PASS, Result.EXCELLENT})


@dataclass(frozen=True)
class LedgerRow:
    teacher: Teacher
    group_name: str | None
    result: TeacherResult
    activities: Activities
    ledger: Ledger


def visible_teacher(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    """The teacher whose hours ``actor`` may read (``domain.visibility.can_see_hours``), else 404."""
    teacher = shared_rows.teacher(session, teacher_id)
    if teacher is None or not can_see_hours(actor, TeacherFacts(teacher.id, teacher.school_id, teacher.group_id)):
        raise NotFound("教师", "Teacher")
    return teacher


def _sessions_attended(session: Session, teacher_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for tid, analysis, accepted, signed_in in repository.counting_sessions_of(session, teacher_ids):
        rows = (analysis or {}).get("participants") or []
        seen = any(row.get("teacher_id") == tid and row.get("seen") for row in rows if isinstance(row, dict))
        if session_attended(counts=True, listed=True, seen=seen, signed_in=signed_in, accepted=accepted):
            found[tid] = found.get(tid, 0) + 1
    return found


def ledgers(
    session: Session,
    settings: Settings,
    *,
    school_id: int,
    group_id: int | None = None,
    teacher_id: int | None = None,
    teacher_ids: Collection[int] | None = None,
) -> list[LedgerRow]:
    """Each teacher in scope with their ledger, by 工号 (``teacher_ids``: only those, e.g. an export's slice)."""
    scope = {"school_id": school_id, "group_id": group_id, "teacher_id": teacher_id, "teacher_ids": teacher_ids}
    rows = results.results(session, settings, **scope)
    ids = [row.teacher.id for row in rows]
    online = repository.online_entries(session, ids)
    attended = _sessions_attended(session, ids)
    peers = peer_progress(session, ids)
    required, rates = settings.hours_requirement, settings.practice_rates
    found = []
    for row in rows:
        tid, result = row.teacher.id, row.result
        peer = peers.get(tid)
        zh, en = RESULT_LABELS[result.result]
        activities = Activities(
            sessions_attended=attended.get(tid, 0),
            peer=PeerWork(peer.assigned, peer.counted_views, peer.comments, peer.pending) if peer else PeerWork(),
            points_passed=result.passed,
            work_all_submitted=work_handed_in(p.state for p in result.points),
            points_pass=result.result in _PASSING,
            result_zh=zh,
            result_en=en,
        )
        entries = [(HourKind(kind), hours) for kind, hours in online.get(tid, [])]
        counted = online_hours(entries, online_teaching_cap=settings.hours_online_teaching_cap)
        book = ledger(online=counted, activities=activities, required=required, rates=rates)
        found.append(LedgerRow(row.teacher, row.group_name, result, activities, book))
    return found


def required_out(required: Requirement) -> RequiredHoursOut:
    return RequiredHoursOut(online=required.online, practice=required.practice, assessment=required.assessment)


def hours_out(book: Ledger) -> HoursOut:
    return HoursOut(
        online=book.online.counted,
        practice=book.practice,
        assessment=book.assessment,
        required=required_out(book.required),
        held=reasons_out(book.held),
        complete=book.complete,
    )


def ledger_out(settings: Settings, row: LedgerRow) -> LedgerOut:
    book, activity, teacher = row.ledger, row.activities, row.teacher
    parts = book.practice_earned
    return LedgerOut(
        teacher_id=teacher.id,
        name=teacher.name,
        staff_id=teacher.staff_id,
        group_id=teacher.group_id,
        group_name=row.group_name,
        cohort_year=teacher.cohort_year,
        hours=hours_out(book),
        online_recorded=book.online.online,
        online_teaching_recorded=book.online.teaching_recorded,
        online_teaching_counted=book.online.teaching_counted,
        online_teaching_cap=settings.hours_online_teaching_cap,
        practice_earned=parts.total,
        practice_held=book.practice_held,
        sessions=PracticePartOut(count=activity.sessions_attended, hours=parts.sessions),
        peer_views=PracticePartOut(count=activity.peer.counted_views, hours=parts.peer_views),
        peer_comments=PracticePartOut(count=activity.peer.comments, hours=parts.peer_comments),
        points_passed=PracticePartOut(count=activity.points_passed, hours=parts.points),
        peer_assigned=activity.peer.assigned,
        peer_pending=activity.peer.pending,
        result=row.result.result.value,
        missing=reasons_out(book.missing),
    )


def of_teacher(session: Session, settings: Settings, teacher: Teacher) -> LedgerRow:
    (row,) = ledgers(session, settings, school_id=teacher.school_id, teacher_id=teacher.id)
    return row
