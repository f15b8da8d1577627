"""Every query calibration and progress make: each reads all schools at once (no query per row)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from db.models import ProvinceReview, ResearchGroup, School, SchoolHandover, Submission, Teacher


def reviewed_works(session: Session) -> list[Any]:
    """Every work a round drew or the province reviewed: its id, school, group, point, state,
    whether a round drew it, and the leader's grades.

    The two sets are read from their own indexes and joined to the works (``drawn OR reviewed`` over the
    works themselves scanned all 1,500,000 of the generated province: 1.2 s for none)."""
    drawn = select(Submission.id.label("id")).where(Submission.sampling_round_id.is_not(None))
    chosen = union(drawn, select(ProvinceReview.submission_id)).subquery()
    return list(
        session.execute(
            select(
                Submission.id,
                Submission.school_id,
                Teacher.group_id,
                Submission.capability_code,
                Submission.state,
                Submission.sampling_round_id.is_not(None).label("drawn"),
                Submission.item_grades,
            )
            .select_from(chosen)
            .join(Submission, Submission.id == chosen.c.id)
            .join(Teacher, Teacher.id == Submission.teacher_id)
            .order_by(Submission.id)
        )
    )


def province_levels(session: Session) -> dict[int, tuple[dict[str, str], int | None]]:
    """Each reviewed work's latest criterion levels from the province, with their rubric version.

    A review given without criteria (a re-confirmation, say) leaves the levels of an earlier one
    standing: it said nothing new about the criteria.
    """
    latest: dict[int, tuple[dict[str, str], int | None]] = {}
    rows = session.execute(
        select(ProvinceReview.submission_id, ProvinceReview.criteria, ProvinceReview.rubric_version).order_by(
            ProvinceReview.id
        )
    )
    for submission_id, criteria, version in rows:
        if criteria:
            latest[submission_id] = (criteria, version)
    return latest


def school_names(session: Session, school_ids: Iterable[int]) -> dict[int, str]:
    rows = session.execute(select(School.id, School.name).where(School.id.in_(list(school_ids))))
    return dict(rows.all())


def group_names(session: Session, group_ids: Iterable[int]) -> dict[int, str]:
    rows = session.execute(select(ResearchGroup.id, ResearchGroup.name).where(ResearchGroup.id.in_(list(group_ids))))
    return dict(rows.all())


def schools_with_handovers(session: Session) -> list[Any]:
    """Every school, by id, with its hand-over's state and time (``None`` before any hand-over row)."""
    return list(
        session.execute(
            select(School.id, School.name, SchoolHandover.state, SchoolHandover.handed_over_at)
            .outerjoin(SchoolHandover, SchoolHandover.school_id == School.id)
            .order_by(School.id)
        )
    )


def full_time_teachers(session: Session) -> Counter:
    """Each school's 专任教师 (full-time teachers) still there, the head count of its 30% quota."""
    rows = session.execute(
        select(Teacher.school_id, func.count(Teacher.id))
        .where(Teacher.full_time.is_(True), Teacher.left_at.is_(None))
        .group_by(Teacher.school_id)
    )
    return Counter(dict(rows.all()))


def works_by_school_and_state(session: Session, states: Iterable[str]) -> Counter:
    """(school id, state) → how many of its teachers' works are in that state."""
    rows = session.execute(
        select(Submission.school_id, Submission.state, func.count(Submission.id))
        .where(Submission.state.in_(sorted(states)))
        .group_by(Submission.school_id, Submission.state)
    )
    return Counter({(school, state): n for school, state, n in rows.all()})
