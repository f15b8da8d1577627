"""Every count the quotas need, for many groups at once (a school's dashboard is one query per number).

The groups are named by a list of ids or by a query that selects them (``groups_of``): a school of
400 groups is then one parameter, not 400 bound into every count (compiling those took longer than
running the counts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from db.models import GroupSubmission, ProcessingJob, Recording, ResearchGroup, Submission, Teacher
from domain.recordings import RecordingKind
from domain.school_handover import AWAITING_FORWARD_STATES, COUNTED_STATES
from domain.stages import StageState
from domain.workflow import EXCELLENT_STATES

_EXCELLENT = sorted(s.value for s in EXCELLENT_STATES)
_COUNTED = sorted(s.value for s in COUNTED_STATES)
_AWAITING = sorted(s.value for s in AWAITING_FORWARD_STATES)


GroupIds = Iterable[int] | Select


def _among(ids: GroupIds) -> list[int] | Select:
    return ids if isinstance(ids, Select) else list(ids)


def groups_of(school_id: int) -> Select:
    """The ids of the school's groups, as a query to filter by."""
    return select(ResearchGroup.id).where(ResearchGroup.school_id == school_id)


def groups_of_school(session: Session, school_id: int) -> list[ResearchGroup]:
    return list(
        session.scalars(select(ResearchGroup).where(ResearchGroup.school_id == school_id).order_by(ResearchGroup.id))
    )


def hand_overs(session: Session, group_ids: GroupIds) -> dict[int, GroupSubmission]:
    """Each group's hand-over row, for those that have one (a group has none until it first submits)."""
    rows = session.scalars(select(GroupSubmission).where(GroupSubmission.group_id.in_(_among(group_ids))))
    return {row.group_id: row for row in rows}


def headcounts(session: Session, group_ids: GroupIds) -> Counter:
    """Every teacher of each group (seed 001 “本组总人数”), not those who left (离校)."""
    rows = session.execute(
        select(Teacher.group_id, func.count(Teacher.id))
        .where(Teacher.group_id.in_(_among(group_ids)), Teacher.left_at.is_(None))
        .group_by(Teacher.group_id)
    )
    return Counter(dict(rows.all()))


def excellent_counts(session: Session, group_ids: GroupIds, *, distinct_teachers: bool = False) -> Counter:
    """Work graded 优秀 and still 优秀 further on, by its author's group (or its distinct authors)."""
    counted = func.count(func.distinct(Submission.teacher_id)) if distinct_teachers else func.count(Submission.id)
    rows = session.execute(
        select(Teacher.group_id, counted)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Teacher.group_id.in_(_among(group_ids)), Submission.state.in_(_EXCELLENT))
        .group_by(Teacher.group_id)
    )
    return Counter(dict(rows.all()))


def _every_stage_done():
    """Over ``Recording``: it has stages and all of them are done. One probe of the jobs' (recording,
    state) index per recording; the least of done-or-not over no stages is NULL, which is not true."""
    done = case((ProcessingJob.state == StageState.DONE.value, 1), else_=0)
    return select(func.min(done)).where(ProcessingJob.recording_id == Recording.id).scalar_subquery() == 1


def accepted_sessions(session: Session, group_ids: GroupIds) -> Counter:
    """Group-session recordings that count, by group: the SQL twin of ``domain.recordings.session_standing``.

    Every stage done (at least one, none otherwise), and the checks passed or a leader accepted it.
    """
    rows = session.execute(
        select(Recording.group_id, func.count(Recording.id))
        .where(
            Recording.kind == RecordingKind.GROUP_SESSION.value,
            Recording.group_id.in_(_among(group_ids)),
            _every_stage_done(),
            or_(Recording.checks_ok.is_(True), Recording.accepted_at.is_not(None)),
        )
        .group_by(Recording.group_id)
    )
    return Counter(dict(rows.all()))


def full_time_subjects(session: Session, school_id: int) -> list[str]:
    """The subject of every full-time teacher (专任教师) of the school still there, one entry a teacher."""
    return list(
        session.scalars(
            select(Teacher.subject)
            .where(Teacher.school_id == school_id, Teacher.full_time.is_(True), Teacher.left_at.is_(None))
            .order_by(Teacher.id)
        )
    )


def excellent_by_subject(session: Session, school_id: int) -> Counter:
    """The school's 优秀 work on the provincial platform by its author's subject (seed 001 counts
    videos, “视频总数”): forwarded and still 优秀 (``domain.school_handover.COUNTED_STATES``)."""
    rows = session.execute(
        select(Teacher.subject, func.count(Submission.id))
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Submission.school_id == school_id, Teacher.school_id == school_id, Submission.state.in_(_COUNTED))
        .group_by(Teacher.subject)
    )
    return Counter(dict(rows.all()))


def awaiting_forward(session: Session, school_id: int) -> int:
    """The school's work graded 优秀 and not yet forwarded to the province."""
    return session.scalar(
        select(func.count(Submission.id)).where(Submission.school_id == school_id, Submission.state.in_(_AWAITING))
    )
