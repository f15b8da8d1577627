"""Every query of the re-used recording check: fingerprints, their band keys, and the search.

The search reads only ``fingerprint_keys``: its primary key (key, fingerprint_id) answers
``key = ANY(:keys)`` as an index-only scan on PostgreSQL, grouped per fingerprint, so a lookup
is one index probe per key. Only the few best candidates' whole fingerprints are read back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, bindparam, delete, func, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from db.models import FingerprintKey, Recording, RecordingFingerprint, ResearchGroup, School, Teacher, User

# Any constant shared by every worker: the key of the lock that orders fingerprint searches.
_SEARCH_LOCK = 0x4B656A69616E  # "Kejian"


@dataclass(frozen=True)
class Candidate:
    """A stored fingerprint that shares band keys with the one looked up."""

    recording_id: str
    hits: int
    data: bytes
    uploaded_at: datetime


@dataclass(frozen=True)
class Naming:
    """What a duplicate check says of a recording: whose, which school's, uploaded when."""

    recording_id: str
    name: str
    school: str
    uploaded_at: datetime


def lock_search(session: Session) -> None:
    """Take, until commit, the lock that lets one recording at a time store and search.

    Two copies analysed at once would otherwise each search before the other is stored and
    neither be found. SQLite needs none: a writing transaction already holds the database.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEARCH_LOCK})


def store(
    session: Session, recording_id: str, *, data: bytes, samples: int, duration_s: float, keys: Iterable[int]
) -> int:
    """Keep a recording's fingerprint and band keys, replacing earlier ones; its fingerprint id."""
    row = session.scalar(select(RecordingFingerprint).where(RecordingFingerprint.recording_id == recording_id))
    if row is None:
        row = RecordingFingerprint(recording_id=recording_id, data=data, samples=samples, duration_s=duration_s)
        session.add(row)
    else:
        session.execute(delete(FingerprintKey).where(FingerprintKey.fingerprint_id == row.id))
        row.data, row.samples, row.duration_s = data, samples, duration_s
    session.flush()
    unique = sorted(set(keys))
    if unique:
        session.execute(insert(FingerprintKey), [{"key": key, "fingerprint_id": row.id} for key in unique])
    return row.id


def stored_keys(session: Session, recording_id: str) -> list[int]:
    """The band keys stored for a recording, in order (empty without a fingerprint)."""
    return list(
        session.scalars(
            select(FingerprintKey.key)
            .join(RecordingFingerprint, RecordingFingerprint.id == FingerprintKey.fingerprint_id)
            .where(RecordingFingerprint.recording_id == recording_id)
            .order_by(FingerprintKey.key)
        )
    )


def _key_matches(session: Session, keys: list[int]):
    if session.get_bind().dialect.name == "postgresql":
        # One array parameter: the plan does not grow with the number of keys.
        return FingerprintKey.key == func.any(bindparam("keys", keys, type_=ARRAY(BigInteger)))
    return FingerprintKey.key.in_(keys)


def candidates(session: Session, keys: Iterable[int], *, exclude: int, limit: int, min_hits: int) -> list[Candidate]:
    """Up to ``limit`` other fingerprints sharing the most keys (at least ``min_hits``), most first."""
    wanted = sorted(set(keys))
    if not wanted:
        return []
    hits = func.count().label("hits")
    counted = (
        select(FingerprintKey.fingerprint_id, hits)
        .where(_key_matches(session, wanted), FingerprintKey.fingerprint_id != exclude)
        .group_by(FingerprintKey.fingerprint_id)
        .having(func.count() >= min_hits)
        .order_by(hits.desc(), FingerprintKey.fingerprint_id)
        .limit(limit)
        .subquery()
    )
    rows = session.execute(
        select(RecordingFingerprint.recording_id, counted.c.hits, RecordingFingerprint.data, Recording.created_at)
        .join(counted, counted.c.fingerprint_id == RecordingFingerprint.id)
        .join(Recording, Recording.id == RecordingFingerprint.recording_id)
        .order_by(counted.c.hits.desc(), RecordingFingerprint.id)
    ).tuples()
    return [Candidate(recording_id, n, bytes(data), created_at) for recording_id, n, data, created_at in rows]


def naming(session: Session, recording_ids: Iterable[str]) -> dict[str, Naming]:
    """Each recording's teacher (a session: its uploader, else its group), school and upload time."""
    ids = list(recording_ids)
    rows = session.execute(
        select(Recording.id, Teacher.name, User.display_name, ResearchGroup.name, School.name, Recording.created_at)
        .join(School, School.id == Recording.school_id)
        .outerjoin(Teacher, Teacher.id == Recording.teacher_id)
        .outerjoin(User, User.id == Recording.uploaded_by)
        .outerjoin(ResearchGroup, ResearchGroup.id == Recording.group_id)
        .where(Recording.id.in_(ids))
    ).tuples()
    return {
        rid: Naming(rid, teacher or uploader or group or "—", school, created_at)
        for rid, teacher, uploader, group, school, created_at in rows
    }


def recording_for_update(session: Session, recording_id: str) -> Recording | None:
    """A recording whose checks another recording's analysis adds to, locked until commit."""
    return session.get(Recording, recording_id, with_for_update=True, populate_existing=True)
