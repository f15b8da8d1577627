"""Every query the uploads feature makes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Recording, Teacher, UploadSession
from db.sqlite_locks import hold_row

# How long a complete or abort waits for another one of the same upload (joining and
# hashing a large object takes a while) before it answers "busy, try again".
LOCK_WAIT_S = 120.0


def upload(session: Session, upload_id: str, *, lock: bool = False) -> UploadSession | None:
    """The upload; ``lock`` holds its row until the transaction ends (complete and abort take turns).

    On SQLite, which ignores FOR UPDATE, a lock file stands in for the row lock.
    """
    query = select(UploadSession).where(UploadSession.id == upload_id)
    if not lock:
        return session.scalar(query)
    hold_row(session, UploadSession.__tablename__, upload_id, timeout_s=LOCK_WAIT_S)
    return session.scalar(query.with_for_update().execution_options(populate_existing=True))


def recording(session: Session, recording_id: str) -> Recording | None:
    return session.get(Recording, recording_id)


def teachers_of_school(session: Session, teacher_ids: Iterable[int], school_id: int) -> dict[int, Teacher]:
    """Those of ``teacher_ids`` who teach (or taught: see ``left_at``) at the school, by id."""
    query = select(Teacher).where(Teacher.id.in_(list(teacher_ids)), Teacher.school_id == school_id)
    return {t.id: t for t in session.scalars(query)}
