"""Each teacher's pushed peer reviews in four numbers, for the 学时 ledger and dashboards.

Seed 001 holds practice hours “线下实践应用成果提交与学习点评都完成后”: a pushed review is done once its
view counted and its comment (with a rating) was written; ``pending`` counts those not done yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.peer import repository


@dataclass(frozen=True)
class PeerProgress:
    assigned: int = 0
    counted_views: int = 0
    comments: int = 0
    pending: int = 0

    @property
    def done(self) -> bool:
        """Whether every pushed review is done (true for a teacher who was pushed none)."""
        return self.pending == 0


def peer_progress(session: Session, teacher_ids: Iterable[int]) -> dict[int, PeerProgress]:
    """Every given teacher's progress, in one query; a teacher pushed nothing gets all zeros."""
    ids = sorted(set(teacher_ids))
    if not ids:
        return {}
    result = {teacher_id: PeerProgress() for teacher_id in ids}
    for teacher_id, assigned, views, comments, pending in repository.progress_counts(session, ids):
        result[teacher_id] = PeerProgress(assigned, views, comments, pending)
    return result
