"""The queries of ``pipeline.reidentify``: a teacher's group sessions, row-locked."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Recording, RecordingParticipant
from domain.recordings import RecordingKind


def sessions_listing(session: Session, teacher_id: int) -> list[Recording]:
    """Group-session recordings that list the teacher as a participant, locked in id order.

    The lock orders this against an analyze or identify stage recording its result for the same
    recording (they lock it too), so a photo's change is never read half-way.
    """
    query = (
        select(Recording)
        .join(RecordingParticipant, RecordingParticipant.recording_id == Recording.id)
        .where(RecordingParticipant.teacher_id == teacher_id, Recording.kind == RecordingKind.GROUP_SESSION.value)
        .order_by(Recording.id)
        .with_for_update(of=Recording)
    )
    return list(session.scalars(query))
