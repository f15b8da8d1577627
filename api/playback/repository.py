"""Every query the playback feature makes: the published output of a recording."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import DerivedOutput
from storage.keys import PLAYBACK_PROFILE


def published(session: Session, recording_id: str) -> DerivedOutput | None:
    return session.scalar(
        select(DerivedOutput).where(
            DerivedOutput.recording_id == recording_id, DerivedOutput.profile == PLAYBACK_PROFILE
        )
    )
