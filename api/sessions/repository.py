"""Every query a leader's act on a session recording makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import GroupSubmission, Recording, RecordingFace


def lock_recording(session: Session, recording_id: str) -> Recording | None:
    """The recording, row-locked and read afresh (taken after the group's lock, as the workers do)."""
    return session.get(Recording, recording_id, with_for_update=True, populate_existing=True)


def face(session: Session, recording_id: str, n: int) -> RecordingFace | None:
    query = select(RecordingFace).where(RecordingFace.recording_id == recording_id, RecordingFace.n == n)
    return session.scalar(query)


def hand_over(session: Session, group_id: int) -> GroupSubmission | None:
    return session.get(GroupSubmission, group_id)
