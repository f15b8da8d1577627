"""Every query point selection makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PointSelection, ResearchGroup, Submission, Teacher, User
from domain.workflow import State


def codes_under_review(session: Session, teacher_id: int, codes: set[str]) -> list[str]:
    """Which of ``codes`` already have work beyond a draft: they cannot silently leave the selection."""
    if not codes:
        return []
    return list(
        session.scalars(
            select(Submission.capability_code).where(
                Submission.teacher_id == teacher_id,
                Submission.capability_code.in_(sorted(codes)),
                Submission.state != State.DRAFT.value,
            )
        )
    )


def school_rows(
    session: Session, school_id: int
) -> list[tuple[Teacher, str | None, PointSelection | None, int | None]]:
    """Every teacher still at the school with their group's name, their selection and who chose it (a teacher id)."""
    return list(
        session.execute(
            select(Teacher, ResearchGroup.name, PointSelection, User.teacher_id)
            .outerjoin(ResearchGroup, ResearchGroup.id == Teacher.group_id)
            .outerjoin(PointSelection, PointSelection.teacher_id == Teacher.id)
            .outerjoin(User, User.id == PointSelection.chosen_by)
            .where(Teacher.school_id == school_id, Teacher.left_at.is_(None))
            .order_by(Teacher.staff_id, Teacher.id)
        ).tuples()
    )
