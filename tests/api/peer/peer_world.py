"""Peer-learning rows for tests: playable lessons of the demo school's teachers."""

from __future__ import annotations

from db.models import DerivedOutput, Recording, Submission
from tests import review_factories as rf


def playable_work(session, teacher_id: int, *, code: str = "A1", state: str = "scored_pass") -> Submission:
    """A handed-in 240-second lesson with a published browser-ready output (what a pool may push)."""
    work = rf.submission(session, teacher_id, code=code, state=state)
    assert session.get(Recording, work.recording_id).duration_s == 240.0
    session.add(DerivedOutput(recording_id=work.recording_id, profile="web", prefix=f"x/{work.recording_id}"))
    session.flush()
    return work
