"""Review-workflow rows for tests: plain functions with overridable defaults.

They arrange a starting point (a confirmed selection, a submission already in some state, a
group that meets its quota) by writing rows directly; what a test is *about* goes through
the API, so every state change under test passes through ``apply_transition``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import (
    AuditEntry,
    PointSelection,
    Recording,
    ResearchGroup,
    School,
    SchoolHandover,
    SchoolSetup,
    Submission,
    SubmissionDocument,
    Teacher,
    User,
)
from domain.catalogue import load_seed_catalogue
from domain.evidence_requirements import requirements_for
from tests import factories
from tests.harness import Harness

# Valid for the demo school's offer (hybrid; A1 A2 A5 A11 B1 B2 B4 B9) and the middle band.
DEFAULT_CODES = ("A1", "A2", "B4")


@dataclass
class Demo:
    """Ids of the demo school's rows (plain ints: safe to use across sessions)."""

    school_id: int
    chinese_group_id: int
    math_group_id: int
    teachers: dict[str, int]  # staff id → teacher id (T001 王芳 leads 语文; T002 李娜 is `teacher`)
    users: dict[str, int]  # username → user id


def demo(h: Harness) -> Demo:
    with h.transaction() as s:
        school = s.scalar(select(School).where(School.code == "DEMO-001"))
        groups = list(s.scalars(select(ResearchGroup).where(ResearchGroup.school_id == school.id).order_by("id")))
        teachers = {t.staff_id: t.id for t in s.scalars(select(Teacher).where(Teacher.school_id == school.id))}
        users = {u.username: u.id for u in s.scalars(select(User))}
    return Demo(school.id, groups[0].id, groups[1].id, teachers, users)


def set_window(session: Session, school_id: int, *, opens: date, closes: date) -> SchoolSetup:
    setup = session.get(SchoolSetup, school_id)
    setup.opens_on, setup.closes_on = opens, closes
    session.flush()
    return setup


def window_closed(session: Session, school_id: int, today: date) -> SchoolSetup:
    """A window that ended yesterday (the deadline has passed)."""
    return set_window(session, school_id, opens=today - timedelta(days=8), closes=today - timedelta(days=1))


def select_points(
    session: Session, teacher_id: int, codes=DEFAULT_CODES, *, status: str = "confirmed"
) -> PointSelection:
    row = PointSelection(
        teacher_id=teacher_id,
        codes=list(codes),
        status=status,
        confirmed_at=utcnow() if status == "confirmed" else None,
    )
    session.add(row)
    session.flush()
    return row


def lesson(session: Session, teacher_id: int, code: str = "A1", **values) -> Recording:
    """A probed lesson of the teacher for ``code`` (240 s unless given: within A1's 5-minute limit)."""
    teacher = session.get(Teacher, teacher_id)
    return factories.make_recording(session, teacher=teacher, capability_code=code, **{"duration_s": 240.0, **values})


def required_documents(session: Session, submission: Submission) -> list[SubmissionDocument]:
    """A document row (no bytes) for each document item the seed catalogue's point asks for."""
    point = load_seed_catalogue().get(submission.capability_code)
    rows = [
        SubmissionDocument(
            id=str(uuid.uuid4()),
            submission_id=submission.id,
            item_key=item.key,
            object_key=f"documents/{submission.id}/none",
            filename=f"{item.key}.pdf",
            content_type="application/pdf",
            size_bytes=1,
        )
        for item in (requirements_for(point).documents if point else ())
    ]
    session.add_all(rows)
    session.flush()
    return rows


def submission(
    session: Session,
    teacher_id: int,
    *,
    code: str = "A1",
    state: str = "draft",
    with_recording: bool = True,
    complete: bool = True,
) -> Submission:
    """A submission already in ``state`` (its selection confirmed and its lesson attached); ``complete``:
    with a document for each document item its point asks for (A1's 学情分析方案), so it may be submitted."""
    if session.get(PointSelection, teacher_id) is None:
        select_points(session, teacher_id, DEFAULT_CODES if code in DEFAULT_CODES else (code, "A2", "B4"))
    recording = lesson(session, teacher_id, code) if with_recording else None
    row = Submission(
        teacher_id=teacher_id,
        capability_code=code,
        state=state,
        recording_id=recording.id if recording else None,
        item_grades={},
    )
    session.add(row)
    session.flush()
    if complete:
        required_documents(session, row)
    return row


def accepted_session(session: Session, group_id: int, **values) -> Recording:
    """A group-session recording whose probe is done and whose checks passed."""
    group = session.get(ResearchGroup, group_id)
    members = list(session.scalars(select(Teacher).where(Teacher.group_id == group_id)))
    return factories.make_recording(session, group=group, participants=members, duration_s=700.0, **values)


def excellent_work(session: Session, group_id: int, count: int, *, skip: tuple[int, ...] = ()) -> list[Submission]:
    """``count`` scored_excellent submissions by members of the group (not the teachers in ``skip``)."""
    members = session.scalars(select(Teacher.id).where(Teacher.group_id == group_id).order_by(Teacher.id))
    chosen = [t for t in members if t not in skip][:count]
    assert len(chosen) == count, "the group has too few members for that"
    return [submission(session, t, code="A2", state="scored_excellent") for t in chosen]


def audit_trail(h: Harness, entity_type: str, entity_id) -> list[tuple]:
    """(action, from, to, actor_id, reason) in order of writing."""
    with h.transaction() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
            .order_by(AuditEntry.id)
        )
        return [(e.action, e.from_state, e.to_state, e.actor_id, e.reason) for e in rows]


def user(session: Session, role: str, **links) -> str:
    """Another account (e.g. a second leader of a group); returns its username."""
    return factories.make_user(session, role, **links).username


def group_leader(session: Session, group_id: int) -> str:
    """Another group-leader account of ``group_id`` (in the group's school); returns its username."""
    group = session.get(ResearchGroup, group_id)
    return user(session, "group_leader", group=group, school=group.school)


def handed_over(session: Session, school_id: int) -> SchoolHandover:
    """The school's hand-over to the province done (the province samples only such schools)."""
    row = session.get(SchoolHandover, school_id) or SchoolHandover(school_id=school_id)
    row.state, row.handed_over_at = "handed_over", utcnow()
    session.add(row)
    session.flush()
    return row


def forwarded_works(h: Harness, n: int) -> list[int]:
    """``n`` forwarded works of the demo school, which has handed over, over its teachers then its points."""
    d = demo(h)
    made = [(t, code) for code in ("A1", "A2", "B4") for t in sorted(d.teachers.values())][:n]
    with h.transaction() as s:
        handed_over(s, d.school_id)
        return [submission(s, t, code=code, state="forwarded").id for t, code in made]
