"""Every query the uploads feature makes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Recording, Teacher, UploadSession


def upload(session: Session, upload_id: str, *, lock: bool = False) -> UploadSession | None:
    """The upload; ``lock`` holds its row until the transaction ends (complete and abort take turns)."""
    query = select(UploadSession).where(UploadSession.id == upload_id)
    return session.scalar(query.with_for_update() if lock else query)


def recording(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


def teachers_of_school(session: Session, teacher_ids: Iterable[int], school_id: int) -> set[int]:
    """Which of ``teacher_ids`` teach at the school."""
    return set(
        session.scalars(select(Teacher.id).where(Teacher.id.in_(list(teacher_ids)), Teacher.school_id == school_id))
    )
