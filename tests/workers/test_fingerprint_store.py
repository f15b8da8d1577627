"""Stored fingerprints and the re-used recording search, on SQLite and PostgreSQL (no video needed).

Fingerprints here are synthetic: a classroom's shots (a run of near-equal hashes per shot, a
sample about every 2 s); a copy is the same pictures a few bits off, sampled at other times.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.models import FingerprintKey, Recording, RecordingFingerprint, ResearchGroup, Teacher, User
from db.session import session_factory, transaction
from domain.evidence_checks import PASS, WARN
from tests.factories import make_group, make_recording, make_school, make_teacher, make_user
from workers.stages import duplicates
from workers.stages import fingerprint_repository as repository
from workers.video.fingerprint import Fingerprint, index_keys, lookup_keys

BEIJING = ZoneInfo("Asia/Shanghai")

T0 = datetime(2026, 11, 30, 17, 5, tzinfo=timezone.utc)


def synthetic(seed: int, duration_s: float = 600.0) -> Fingerprint:
    """Shots of 10–60 s, each one picture that drifts by a bit or two, sampled every ~2 s."""
    rng = random.Random(seed)
    times, hashes, t = [], [], 0.0
    while t < duration_s:
        picture, shot_end = rng.getrandbits(64), t + rng.uniform(10, 60)
        while t < min(shot_end, duration_s):
            times.append(round(t, 3))
            hashes.append(_flip(rng, picture, rng.randint(0, 2)))
            t += rng.uniform(1.6, 2.4)
    return Fingerprint(tuple(times), tuple(hashes), duration_s)


def copy_of(fp: Fingerprint, *, seed: int, start_s: float, length_s: float, shift_s: float) -> Fingerprint:
    """A re-encoded excerpt: other sample times (±1 s), hashes a few bits off, starting at ``shift_s``."""
    rng = random.Random(seed)
    times, hashes = [], []
    for t, value in zip(fp.times, fp.hashes):
        if start_s <= t < start_s + length_s:
            times.append(round(max(0.0, t - start_s + shift_s + rng.uniform(-0.9, 0.9)), 3))
            hashes.append(_flip(rng, value, rng.randint(0, 3)))
    order = sorted(range(len(times)), key=times.__getitem__)
    return Fingerprint(tuple(times[i] for i in order), tuple(hashes[i] for i in order), length_s + shift_s)


def _flip(rng: random.Random, value: int, bits: int) -> int:
    for bit in rng.sample(range(64), bits):
        value ^= 1 << bit
    return value


@pytest.fixture
def db(database_url):
    return session_factory(database_url)


@pytest.fixture
def people(db):
    """Two schools: 李娜 teaches at the first, 王芳 leads a group at the second."""
    with transaction(db) as s:
        first, second = make_school(s, name="第一实验小学"), make_school(s, name="第二中学")
        teacher = make_teacher(s, first, name="李娜")
        group = make_group(s, second, name="数学教研组")
        leader = make_user(s, "group_leader", school=second, group=group, display_name="王芳")
        return {"teacher": teacher.id, "group": group.id, "leader": leader.id}


def _lesson(db, people, *, at: datetime) -> str:
    with transaction(db) as s:
        return make_recording(s, teacher=s.get(Teacher, people["teacher"]), created_at=at).id


def _session(db, people, *, at: datetime) -> str:
    with transaction(db) as s:
        group, leader = s.get(ResearchGroup, people["group"]), s.get(User, people["leader"])
        return make_recording(s, group=group, uploaded_by=leader, created_at=at).id


def _store(db, recording_id: str, fp: Fingerprint) -> int:
    with transaction(db) as s:
        return repository.store(
            s, recording_id, data=fp.to_bytes(), samples=len(fp), duration_s=fp.duration_s, keys=index_keys(fp)
        )


def _check(db, recording_id: str, fp: Fingerprint | None) -> dict | None:
    """What the analyze stage does in its record transaction."""
    with transaction(db) as s:
        recording = s.get(Recording, recording_id)
        check = duplicates.check(s, recording, fp, zone=BEIJING)
        if check is not None:
            recording.checks = {**recording.checks, duplicates.CHECK: check}
        return check


def _checks(db, recording_id: str) -> dict:
    with transaction(db) as s:
        return s.get(Recording, recording_id).checks


def test_storing_again_replaces_the_fingerprint_and_its_keys(db, people):
    recording = _lesson(db, people, at=T0)
    first, second = synthetic(1), synthetic(2, duration_s=300.0)
    own = _store(db, recording, first)
    assert _store(db, recording, second) == own, "a re-analysis keeps the row, not a second one"
    with transaction(db) as s:
        assert s.scalar(select(func.count()).select_from(RecordingFingerprint)) == 1
        row = s.scalar(select(RecordingFingerprint))
        assert Fingerprint.from_bytes(row.data) == second and row.samples == len(second) and row.duration_s == 300.0
        assert repository.stored_keys(s, recording) == sorted(set(index_keys(second)))
        assert s.scalar(select(func.count()).select_from(FingerprintKey)) == len(set(index_keys(second)))


def test_the_search_finds_the_recording_a_copy_shares_keys_with_and_verifies_the_overlap(db, people):
    original, other = synthetic(3), synthetic(4)
    original_id, other_id = _lesson(db, people, at=T0), _lesson(db, people, at=T0 + timedelta(minutes=1))
    _store(db, original_id, original)
    _store(db, other_id, other)
    copy = copy_of(original, seed=5, start_s=120.0, length_s=240.0, shift_s=30.0)
    with transaction(db) as s:
        found = repository.candidates(s, lookup_keys(copy), exclude=-1, limit=8, min_hits=2)
        assert found and found[0].recording_id == original_id and found[0].hits >= 2
        assert all(c.recording_id != other_id or c.hits < found[0].hits for c in found)
        verified = duplicates.matches(s, copy, exclude=-1)
    assert [c.recording_id for c, _ in verified] == [original_id], "the unrelated recording is not similar"
    shared = verified[0][1]
    assert shared.similar and 200.0 <= shared.seconds <= 245.0
    assert abs(shared.b_start_s - (shared.a_start_s - 30.0 + 120.0)) <= 2.5, "where it starts in each"


def test_a_recording_never_matches_itself(db, people):
    recording = _lesson(db, people, at=T0)
    fp = synthetic(6)
    own = _store(db, recording, fp)
    with transaction(db) as s:
        assert repository.candidates(s, lookup_keys(fp), exclude=own, limit=8, min_hits=1) == []
    assert _check(db, recording, fp) == {"ok": True, "level": PASS}
    assert _check(db, recording, fp)["level"] == PASS, "nor after a re-analysis"


def test_a_copy_uploaded_later_warns_naming_the_earlier_recording(db, people):
    original = synthetic(7, duration_s=900.0)
    earlier = _lesson(db, people, at=T0)
    later = _session(db, people, at=T0 + timedelta(days=400))  # any school, any year, any kind
    assert _check(db, earlier, original)["level"] == PASS
    check = _check(db, later, copy_of(original, seed=8, start_s=300.0, length_s=180.0, shift_s=12.0))
    assert check["level"] == WARN and check["ok"] is True and check["code"] == "analysis.duplicate"
    assert check["other_recording_id"] == earlier
    assert (check["other_name"], check["other_school"]) == ("李娜", "第一实验小学")
    assert check["other_uploaded_at"] == "2026-12-01T01:05:00+08:00"
    assert 150.0 <= check["overlap_s"] <= 185.0, "the excerpt, give or take a sampling interval"
    assert earlier in check["message_zh"] and "李娜" in check["message_zh"] and "秒内容重复" in check["message_zh"]
    assert earlier in check["message_en"] and "第一实验小学" in check["message_en"]
    assert _checks(db, earlier)["duplicate"]["level"] == PASS, "the original is not the re-used one"
    with transaction(db) as s:
        assert s.get(Recording, later).checks_ok is True, "a warning, not a failed rule"


def test_when_the_original_is_analysed_last_the_later_copy_still_gets_the_warning(db, people):
    original = synthetic(9)
    earlier = _lesson(db, people, at=T0)
    later = _session(db, people, at=T0 + timedelta(hours=1))
    assert _check(db, later, copy_of(original, seed=10, start_s=0.0, length_s=600.0, shift_s=0.0))["level"] == PASS
    assert _check(db, earlier, original)["level"] == PASS
    flagged = _checks(db, later)["duplicate"]
    assert flagged["level"] == WARN and flagged["other_recording_id"] == earlier and flagged["other_name"] == "李娜"
    assert flagged["overlap_s"] >= 500.0


def test_no_warning_when_nothing_is_shared_and_no_check_without_a_fingerprint(db, people):
    first, second = _lesson(db, people, at=T0), _lesson(db, people, at=T0 + timedelta(minutes=5))
    assert _check(db, first, synthetic(11))["level"] == PASS
    assert _check(db, second, synthetic(12))["level"] == PASS
    third = _lesson(db, people, at=T0 + timedelta(minutes=9))
    assert _check(db, third, None) is None
    assert "duplicate" not in _checks(db, third)
    with transaction(db) as s:
        assert repository.stored_keys(s, third) == []


def test_a_short_shared_excerpt_is_not_a_re_used_recording(db, people):
    original = synthetic(13)
    earlier, later = _lesson(db, people, at=T0), _lesson(db, people, at=T0 + timedelta(minutes=1))
    _check(db, earlier, original)
    assert _check(db, later, copy_of(original, seed=14, start_s=100.0, length_s=40.0, shift_s=0.0))["level"] == PASS


def test_deleting_a_recording_deletes_its_fingerprint_and_keys(db, people):
    recording = _lesson(db, people, at=T0)
    _store(db, recording, synthetic(15))
    with transaction(db) as s:
        s.delete(s.get(Recording, recording))
    with transaction(db) as s:
        assert s.scalar(select(func.count()).select_from(RecordingFingerprint)) == 0
        assert s.scalar(select(func.count()).select_from(FingerprintKey)) == 0
