"""Peer-learning rows for tests: playable lessons of the demo school's teachers."""

from __future__ import annotations

from datetime import timedelta

from db.base import utcnow
from db.models import DerivedOutput, PeerAssignment, Recording, Submission
from tests import review_factories as rf


def playable_work(session, teacher_id: int, *, code: str = "A1", state: str = "scored_pass") -> Submission:
    """A handed-in 240-second lesson with a published browser-ready output (what a pool may push)."""
    work = rf.submission(session, teacher_id, code=code, state=state)
    assert session.get(Recording, work.recording_id).duration_s == 240.0
    session.add(DerivedOutput(recording_id=work.recording_id, profile="web", prefix=f"x/{work.recording_id}"))
    session.flush()
    return work


def time_passes(api, assignment_id: int, seconds: float) -> None:
    """As if the viewer's page had been open ``seconds`` longer: the server's watch clock allows
    that much more claimed wall time (``peer_assignments.watch_clock_at``)."""
    with api.transaction() as s:
        a = s.get(PeerAssignment, assignment_id)
        a.watch_clock_at = (a.watch_clock_at or utcnow()) - timedelta(seconds=seconds)
