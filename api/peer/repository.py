"""Every query the peer-learning feature makes (pushed peer videos, their views and comments)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.models import PeerAssignment, PeerComment


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
