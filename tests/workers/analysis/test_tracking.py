"""The tracker searches only what changed and encodes a face only when it needs to — without losing faces."""

from __future__ import annotations

import numpy as np
import pytest

from tests import analysis_media
from workers.video.tracking import FaceTracker

OBAMA, BIDEN = "obama/obama2.jpg", "biden/biden2.jpg"


@pytest.fixture
def tracker(models, detector) -> FaceTracker:
    return FaceTracker(models, detector)


def _with_noise(frame: np.ndarray, seed: int, sigma: float = 3.0) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, sigma, frame.shape)
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def test_an_unchanged_frame_is_not_searched_but_its_face_still_counts(tracker):
    frame = analysis_media.canvas_with_face(OBAMA, face_px=60)

    assert tracker.add(0, 0.0, frame) == 1
    assert tracker.add(1, 2.0, _with_noise(frame, 1)) == 1  # sensor noise only

    assert tracker.stats.searched_share == pytest.approx(1.0)  # the first frame, and nothing since
    assert tracker.stats.encodings == 1
    (obs,) = tracker.observations
    assert obs.frames == [0, 1] and obs.crop[:2] == b"\xff\xd8"


def test_a_moving_face_is_searched_again_and_keeps_its_encoding(tracker):
    tracker.add(0, 0.0, analysis_media.canvas_with_face(OBAMA, face_px=60, at=(900, 200)))
    assert tracker.add(1, 2.0, analysis_media.canvas_with_face(OBAMA, face_px=60, at=(912, 206))) == 1

    assert 0 < tracker.stats.searched_share - 1.0 < 0.3  # only around the face
    assert tracker.stats.encodings == 1
    assert tracker.observations[0].frames == [0, 1]


def test_a_new_face_elsewhere_is_found_and_encoded(tracker):
    first = analysis_media.canvas_with_face(OBAMA, face_px=60, at=(300, 300))
    second = first.copy()
    biden = analysis_media.canvas_with_face(BIDEN, face_px=50, at=(1000, 500))
    second[400:600, 900:1100] = biden[400:600, 900:1100]

    tracker.add(0, 0.0, first)
    assert tracker.add(1, 2.0, second) == 2

    assert tracker.stats.encodings == 2
    assert [o.frames for o in tracker.observations] == [[0, 1], [1]]
    assert np.linalg.norm(tracker.observations[0].encoding - tracker.observations[1].encoding) > 0.6


def test_a_face_that_leaves_is_no_longer_counted(tracker):
    frame = analysis_media.canvas_with_face(OBAMA, face_px=60)
    empty = analysis_media.canvas_with_face(OBAMA, face_px=60, at=(300, 500))
    empty[:, 640:] = frame[:, :640].mean().astype(np.uint8)  # the right half, where the face was, now plain

    tracker.add(0, 0.0, frame)
    assert tracker.add(1, 2.0, empty) == 1  # one face left: the one drawn at (300, 500)
    assert tracker.stats.frames_with_faces == 2


def test_a_face_back_in_its_place_reuses_its_encoding(tracker):
    face = analysis_media.canvas_with_face(OBAMA, face_px=60)
    gone = face.copy()
    gone[100:300, 800:1000] = 100

    tracker.add(0, 0.0, face)
    assert tracker.add(1, 2.0, gone) == 0
    assert tracker.add(2, 4.0, _with_noise(face, 2)) == 1

    assert tracker.stats.frames_with_faces == 2
    assert tracker.stats.encodings == 1  # it looks the same as when it was encoded
    assert [o.frames for o in tracker.observations] == [[0, 2]]


def test_someone_else_in_the_same_seat_is_encoded_at_once(tracker):
    tracker.add(0, 0.0, analysis_media.canvas_with_face(OBAMA, face_px=60))
    tracker.add(1, 2.0, analysis_media.canvas_with_face(BIDEN, face_px=60, at=(903, 201)))  # boxes overlap

    assert tracker.stats.encodings == 2
    assert [o.frames for o in tracker.observations] == [[0], [1]]
    assert np.linalg.norm(tracker.observations[0].encoding - tracker.observations[1].encoding) > 0.6


def test_a_moving_face_that_looks_the_same_is_not_encoded_again_even_when_stale(models, detector):
    from workers.video.tracking import TrackerSettings

    tracker = FaceTracker(models, detector, TrackerSettings(reencode_after_s=5))
    still = analysis_media.canvas_with_face(OBAMA, face_px=60)
    shifted = analysis_media.canvas_with_face(OBAMA, face_px=60, at=(906, 203))
    for i in range(6):  # t = 0 … 10 s: nudged every frame, so searched and re-found every frame
        tracker.add(i, 2.0 * i, shifted if i % 2 else still)

    assert tracker.stats.encodings == 1
    assert tracker.observations[0].frames == [0, 1, 2, 3, 4, 5]
