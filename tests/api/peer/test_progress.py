"""peer_progress: each teacher's pushed reviews as the 学时 ledger reads them (seed 001: 观看与点评 done)."""

from __future__ import annotations

from api.peer.progress import PeerProgress, peer_progress
from db.base import utcnow
from db.models import PeerAssignment, PeerComment
from tests import review_factories as rf


def _push(session, viewer_id: int, author_id: int, code: str, *, counted: bool, commented: bool) -> None:
    work = rf.submission(session, author_id, code=code, state="scored_pass")
    row = PeerAssignment(
        viewer_teacher_id=viewer_id,
        submission_id=work.id,
        recording_id=work.recording_id,
        pool="school",
        played=[],
        counted_at=utcnow() if counted else None,
    )
    session.add(row)
    session.flush()
    if commented:
        session.add(PeerComment(assignment_id=row.id, rating="良好", text="x" * 30))
        session.flush()


def test_counts_views_comments_and_what_is_pending(api):
    d = rf.demo(api)
    viewer, other, idle = d.teachers["T002"], d.teachers["T003"], d.teachers["T004"]
    with api.transaction() as s:
        _push(s, viewer, d.teachers["T006"], "A1", counted=True, commented=True)
        _push(s, viewer, d.teachers["T007"], "A1", counted=True, commented=False)
        _push(s, viewer, d.teachers["T008"], "A1", counted=False, commented=False)
        _push(s, other, d.teachers["T009"], "A1", counted=True, commented=True)
    with api.transaction() as s:
        got = peer_progress(s, [viewer, other, idle])
    assert got[viewer] == PeerProgress(assigned=3, counted_views=2, comments=1, pending=2)
    assert got[other] == PeerProgress(assigned=1, counted_views=1, comments=1, pending=0)
    assert got[other].done and not got[viewer].done
    assert got[idle] == PeerProgress(0, 0, 0, 0) and got[idle].done
    with api.transaction() as s:
        assert peer_progress(s, []) == {}
