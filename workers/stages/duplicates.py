"""Re-used recordings (issue 15): store an analysed recording's fingerprint and find its copies.

Runs inside the transaction that records the analysis, under a lock that lets one recording at a
time store and search (``fingerprint_repository.lock_search``), so of two copies analysed at
once the second always finds the first. The recording uploaded later is the one flagged: it gets
the ``duplicate`` check now when the earlier one is already stored, or from the earlier one's
analysis when that finishes second. The search's candidates are verified with
``fingerprint.overlap`` before anything is said.
"""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy.orm import Session

from db.models import Recording
from domain.evidence_checks import WARN, EarlierRecording, SharedSequence, duplicate
from workers.stages import fingerprint_repository as repository
from workers.video.fingerprint import Fingerprint, Overlap, index_keys, lookup_keys, overlap

CHECK = "duplicate"
# The search returns at most CANDIDATES recordings sharing at least MIN_HITS band keys, and each is
# verified with ``overlap``: up to ~15 ms for two 40-minute lessons from one room, most of a lookup's
# time (bench/README.md). A copy's original shares more keys than chance or a shared room does (11
# or more for 70 s in the benchmark, a handful for recordings from the same fixed camera), so it
# comes first; the other slots leave room for a few copies of one recording.
CANDIDATES = 4
MIN_HITS = 4


def _named(naming: repository.Naming) -> EarlierRecording:
    return EarlierRecording(naming.recording_id, naming.name, naming.school, naming.uploaded_at)


def matches(session: Session, fingerprint: Fingerprint, *, exclude: int) -> list[tuple[repository.Candidate, Overlap]]:
    """Stored recordings that share at least a minute with ``fingerprint``, verified, best first."""
    found = repository.candidates(
        session, lookup_keys(fingerprint), exclude=exclude, limit=CANDIDATES, min_hits=MIN_HITS
    )
    verified = [(candidate, overlap(fingerprint, Fingerprint.from_bytes(candidate.data))) for candidate in found]
    return sorted(((c, o) for c, o in verified if o.similar), key=lambda pair: -pair[1].seconds)


def check(session: Session, recording: Recording, fingerprint: Fingerprint | None, *, zone: tzinfo) -> dict | None:
    """The recording's ``duplicate`` check, after storing its fingerprint; None without one.

    ``zone`` is the one the check's words write the earlier upload's time in (``Settings.zone``).
    """
    if fingerprint is None:
        return None
    repository.lock_search(session)
    own_id = repository.store(
        session,
        recording.id,
        data=fingerprint.to_bytes(),
        samples=len(fingerprint.hashes),
        duration_s=fingerprint.duration_s,
        keys=index_keys(fingerprint),
    )
    mine = (recording.created_at, recording.id)
    found = matches(session, fingerprint, exclude=own_id)
    earlier = [(c, o) for c, o in found if (c.uploaded_at, c.recording_id) < mine]
    later = [(c, o) for c, o in found if (c.uploaded_at, c.recording_id) > mine]
    names = repository.naming(session, [recording.id] + [c.recording_id for c, _ in earlier[:1]])
    for candidate, shared in later:
        as_later = SharedSequence(_named(names[recording.id]), shared.seconds, shared.b_start_s, shared.a_start_s)
        _flag_later(session, candidate.recording_id, as_later, zone)
    if not earlier:
        return duplicate(None, zone=zone)
    candidate, shared = earlier[0]  # the longest shared sequence
    return duplicate(
        SharedSequence(_named(names[candidate.recording_id]), shared.seconds, shared.a_start_s, shared.b_start_s),
        zone=zone,
    )


def _flag_later(session: Session, recording_id: str, shared: SharedSequence, zone: tzinfo) -> None:
    """A copy uploaded later but analysed first gets its check from the original's analysis."""
    later = repository.recording_for_update(session, recording_id)
    if later is None:
        return
    current = (later.checks or {}).get(CHECK) or {}
    if current.get("level") == WARN and current.get("overlap_s", 0.0) >= round(shared.seconds, 1):
        return  # it already names a recording it shares as much with
    later.checks = {**(later.checks or {}), CHECK: duplicate(shared, zone=zone)}
