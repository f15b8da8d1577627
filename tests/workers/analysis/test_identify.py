"""Clustering observations into people and matching them to the participant list (synthetic encodings)."""

from __future__ import annotations

import numpy as np
import pytest

from workers.video.identify import cluster, identify
from workers.video.tracking import Observation

RNG = np.random.default_rng(3)


def _person() -> np.ndarray:
    v = RNG.normal(size=128)
    return v / np.linalg.norm(v) * 0.9  # random people sit ~1.27 apart, as far as real strangers


def _near(v: np.ndarray, distance: float) -> np.ndarray:
    d = RNG.normal(size=128)
    return v + d / np.linalg.norm(d) * distance


def _obs(encoding, frames, *, height=60, sharp=10.0, crop=b"jpeg", track=0) -> Observation:
    return Observation(track, encoding, 0.0, list(frames), height=height, sharpness=sharp, crop=crop)


def test_observations_of_one_person_form_one_cluster():
    alice, bob = _person(), _person()
    obs = [_obs(_near(alice, 0.2), [i]) for i in range(5)] + [_obs(_near(bob, 0.2), [i]) for i in range(5)]
    clusters = cluster(obs)
    assert sorted(len(c.members) for c in clusters) == [5, 5]


def test_participants_seen_missing_and_unknown_faces():
    alice, bob, stranger, absent = _person(), _person(), _person(), _person()
    times = [0.0, 2.0, 4.0, 6.0, 8.0]
    obs = [
        _obs(_near(alice, 0.25), [1, 2]),
        _obs(_near(alice, 0.25), [3], height=90, crop=b"alice-big"),
        _obs(_near(bob, 0.2), [4]),
        _obs(_near(stranger, 0.2), [0, 1, 2, 3, 4]),  # nobody on the list, seen all along
        _obs(_near(_person(), 0.1), [2]),  # one frame only: more likely a detector false alarm
    ]
    refs = {"alice": [_near(alice, 0.3)], "bob": [_near(bob, 0.3), _person()], "absent": [absent], "nophoto": []}

    found = identify(obs, refs, frame_times=times)
    by_name = {p.name: p for p in found.participants}

    assert [p.name for p in found.participants] == ["alice", "bob", "absent", "nophoto"]
    assert by_name["alice"].seen and by_name["alice"].first_seen_s == 2.0 and by_name["alice"].seen_fraction == 0.6
    assert found.crop(by_name["alice"].evidence_n) == b"alice-big"  # the largest face
    assert by_name["bob"].seen and by_name["bob"].first_seen_s == 8.0 and by_name["bob"].seen_fraction == 0.2
    assert not by_name["absent"].seen and by_name["absent"].first_seen_s is None
    assert by_name["absent"].seen_fraction == 0.0 and by_name["absent"].has_reference
    assert not by_name["nophoto"].seen and not by_name["nophoto"].has_reference
    assert found.unknown_faces == 1
    assert by_name["alice"].as_dict() == {
        "name": "alice", "seen": True, "first_seen_s": 2.0, "seen_fraction": 0.6, "has_reference": True, "evidence_n": 1
    }  # fmt: skip


def test_tolerance_decides_a_borderline_match():
    alice = _person()
    obs = [_obs(_near(alice, 0.5), [0, 1])]
    refs = {"alice": [alice]}
    assert identify(obs, refs, frame_times=[0, 2], tolerance=0.55).participants[0].seen
    strict = identify(obs, refs, frame_times=[0, 2], tolerance=0.45)
    assert not strict.participants[0].seen and strict.unknown_faces == 1


def test_a_cluster_goes_to_the_nearest_participant_only():
    alice = _person()
    twin = _near(alice, 0.35)
    obs = [_obs(_near(alice, 0.05), [0, 1])]
    found = identify(obs, {"alice": [alice], "twin": [twin]}, frame_times=[0, 2], tolerance=0.55)
    assert [p.seen for p in found.participants] == [True, False]


def test_nothing_seen_at_all():
    found = identify([], {"alice": [_person()]}, frame_times=[0.0, 2.0])
    assert found.unknown_faces == 0 and found.clusters == 0
    assert found.participants[0].seen is False


@pytest.mark.parametrize("height, sharp, wins", [(100, 1.0, True), (70, 50.0, True), (70, 5.0, False)])
def test_evidence_prefers_the_largest_then_the_sharpest(height, sharp, wins):
    from workers.video.tracking import better

    assert better(height, sharp, 60, 10.0) is wins
