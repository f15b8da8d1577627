"""Every query a leader's act on a session recording makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import RecordingFace


def face(session: Session, recording_id: str, n: int) -> RecordingFace | None:
    query = select(RecordingFace).where(RecordingFace.recording_id == recording_id, RecordingFace.n == n)
    return session.scalar(query)
