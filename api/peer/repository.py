"""Every query the peer-learning feature makes (pushed peer videos, their views and comments)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session

from db.models import (
    DerivedOutput,
    PeerAssignment,
    PeerComment,
    Recording,
    ResearchGroup,
    School,
    Submission,
    Teacher,
    User,
)


def progress_counts(session: Session, teacher_ids: list[int]) -> list[tuple[int, int, int, int, int]]:
    """(teacher, assigned, counted views, comments, not done) for each teacher pushed anything, one query."""
    counted = PeerAssignment.counted_at.is_not(None)
    commented = PeerComment.id.is_not(None)
    rows = session.execute(
        select(
            PeerAssignment.viewer_teacher_id,
            func.count(PeerAssignment.id),
            func.sum(case((counted, 1), else_=0)),
            func.sum(case((commented, 1), else_=0)),
            func.sum(case((counted & commented, 0), else_=1)),
        )
        .outerjoin(PeerComment, PeerComment.assignment_id == PeerAssignment.id)
        .where(PeerAssignment.viewer_teacher_id.in_(teacher_ids))
        .group_by(PeerAssignment.viewer_teacher_id)
    ).all()
    return [(t, int(a), int(v or 0), int(c or 0), int(p or 0)) for t, a, v, c, p in rows]


def overdue_counts(session: Session, teacher_ids: list[int], now) -> dict[int, int]:
    """How many of each teacher's pushed reviews are past due and not done."""
    rows = session.execute(
        select(PeerAssignment.viewer_teacher_id, func.count(PeerAssignment.id))
        .outerjoin(PeerComment, PeerComment.assignment_id == PeerAssignment.id)
        .where(
            PeerAssignment.viewer_teacher_id.in_(teacher_ids),
            PeerAssignment.due_at < now,
            (PeerAssignment.counted_at.is_(None)) | (PeerComment.id.is_(None)),
        )
        .group_by(PeerAssignment.viewer_teacher_id)
    ).all()
    return {t: int(n) for t, n in rows}


# One pushed video with what a list shows of it: the work, its author, the viewer's comment.
_ROW = (PeerAssignment, Submission, Recording, Teacher, School, PeerComment)


def _rows():
    return (
        select(*_ROW)
        .join(Submission, Submission.id == PeerAssignment.submission_id)
        .join(Recording, Recording.id == PeerAssignment.recording_id)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .outerjoin(PeerComment, PeerComment.assignment_id == PeerAssignment.id)
    )


def of_viewer(session: Session, teacher_id: int) -> list[tuple]:
    stmt = _rows().where(PeerAssignment.viewer_teacher_id == teacher_id)
    return list(session.execute(stmt.order_by(PeerAssignment.due_at, PeerAssignment.id)).tuples())


def one_of_viewer(session: Session, teacher_id: int, assignment_id: int) -> tuple | None:
    stmt = _rows().where(PeerAssignment.id == assignment_id, PeerAssignment.viewer_teacher_id == teacher_id)
    return session.execute(stmt).tuples().first()


def locked_assignment(session: Session, assignment_id: int) -> PeerAssignment | None:
    """The row to merge a report into, locked on PostgreSQL so two tabs' reports merge one after the other."""
    return session.scalar(
        select(PeerAssignment)
        .where(PeerAssignment.id == assignment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def comment_of(session: Session, assignment_id: int) -> PeerComment | None:
    return session.scalar(select(PeerComment).where(PeerComment.assignment_id == assignment_id))


def feedback_on_author(session: Session, teacher_id: int) -> list[tuple[PeerComment, Submission, Teacher]]:
    """Every peer comment on the teacher's own work, with the work and who wrote it, newest first."""
    stmt = (
        select(PeerComment, Submission, Teacher)
        .join(PeerAssignment, PeerAssignment.id == PeerComment.assignment_id)
        .join(Submission, Submission.id == PeerAssignment.submission_id)
        .join(Teacher, Teacher.id == PeerAssignment.viewer_teacher_id)
        .where(Submission.teacher_id == teacher_id)
        .order_by(PeerComment.updated_at.desc(), PeerComment.id.desc())
    )
    return list(session.execute(stmt).tuples())


def group_members(session: Session, group_id: int) -> list[Teacher]:
    """The group's teachers still at the school (not 离校)."""
    query = select(Teacher).where(Teacher.group_id == group_id, Teacher.left_at.is_(None))
    return list(session.scalars(query.order_by(Teacher.staff_id)))


def group(session: Session, group_id: int) -> ResearchGroup | None:
    return session.get(ResearchGroup, group_id)


def school(session: Session, school_id: int) -> School | None:
    return session.get(School, school_id)


def school_teachers(session: Session, school_id: int) -> list[Teacher]:
    """The school's teachers still there: whom a push assigns peer lessons to."""
    query = select(Teacher).where(Teacher.school_id == school_id, Teacher.left_at.is_(None))
    return list(session.scalars(query.order_by(Teacher.id)))


def pool_videos(
    session: Session, *, school_ids: Iterable[int] | None, province: str | None, states: Iterable[str]
) -> list[tuple[int, int, int | None, str]]:
    """(submission, author, author's group, recording) of playable lessons in the pool's schools and states.

    Playable: the lesson has a published browser-ready output (``derived_outputs``).
    """
    playable = exists().where(DerivedOutput.recording_id == Submission.recording_id)
    stmt = (
        select(Submission.id, Teacher.id, Teacher.group_id, Submission.recording_id)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .where(Submission.recording_id.is_not(None), Submission.state.in_(list(states)), playable)
    )
    if school_ids is not None:
        stmt = stmt.where(Teacher.school_id.in_(list(school_ids)))
    if province is not None:
        stmt = stmt.where(School.province == province)
    return [tuple(row) for row in session.execute(stmt.order_by(Submission.id))]


def district_school_ids(session: Session, school: School) -> list[int]:
    """The schools of ``school``'s district in its province (just itself when it names no district)."""
    if not school.district:
        return [school.id]
    return list(
        session.scalars(select(School.id).where(School.province == school.province, School.district == school.district))
    )


def pushes_of(session: Session, *, viewer_ids: list[int], submission_ids: list[int]) -> list[tuple[int, int]]:
    """Existing (viewer, submission) pushes touching these viewers or these videos (their load counts)."""
    stmt = select(PeerAssignment.viewer_teacher_id, PeerAssignment.submission_id).where(
        PeerAssignment.viewer_teacher_id.in_(viewer_ids) | PeerAssignment.submission_id.in_(submission_ids)
    )
    return [tuple(row) for row in session.execute(stmt)]


def accounts_of(session: Session, teacher_ids: list[int]) -> dict[int, list[int]]:
    """Each teacher's active accounts (teacher → user ids), to tell them of new pushes."""
    if not teacher_ids:
        return {}
    rows = session.execute(
        select(User.teacher_id, User.id).where(User.teacher_id.in_(teacher_ids), User.is_active.is_(True))
    )
    found: dict[int, list[int]] = {}
    for teacher_id, user_id in rows:
        found.setdefault(teacher_id, []).append(user_id)
    return found


def users_named(session: Session, user_ids: set[int]) -> dict[int, User]:
    if not user_ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
