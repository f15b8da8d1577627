"""Frames arrive as YUV 4:2:0: the luma plane is the grey picture, and colour is made only when a face needs it."""

from __future__ import annotations

import subprocess

import cv2
import numpy as np
import pytest

from tests import analysis_media
from workers.video.picture import Picture
from workers.video.tracking import FaceTracker


def _convert(raw: bytes, width: int, height: int, source: str, target: str) -> bytes:
    """One raw frame through ffmpeg's own pixel-format conversion, as the sampler receives frames."""
    return subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "rawvideo", "-pix_fmt", source, "-s", f"{width}x{height}", "-i", "-",
         "-f", "rawvideo", "-pix_fmt", target, "-"],
        input=raw, capture_output=True, check=True,
    ).stdout  # fmt: skip


def _yuv_of(frame: np.ndarray) -> Picture:
    height, width = frame.shape[:2]
    return Picture.from_i420(_convert(frame.tobytes(), width, height, "rgb24", "yuv420p"), width, height)


def test_the_luma_plane_is_the_grey_picture_and_colour_matches_ffmpegs_own():
    frame = analysis_media.canvas_with_face("obama/obama2.jpg", face_px=120, at=(640, 360))
    picture = _yuv_of(frame)

    assert picture.grey.shape == (720, 1280) and (picture.height, picture.width) == (720, 1280)
    # ffmpeg's rgb24 of the same yuv420p frame: what the sampler used to receive
    reference = np.frombuffer(_convert(picture._yuv.tobytes(), 1280, 720, "yuv420p", "rgb24"), np.uint8)
    assert np.abs(picture.rgb.astype(int) - reference.reshape(720, 1280, 3).astype(int)).mean() < 2
    assert np.abs(picture.grey.astype(int) - cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(int)).mean() < 20


def test_a_picture_needs_its_pixels():
    with pytest.raises(ValueError):
        Picture(np.zeros((2, 2), np.uint8))


def test_colour_is_made_only_for_frames_that_are_searched(models, detector):
    empty = np.full((720, 1280, 3), 100, np.uint8)
    with_face = analysis_media.canvas_with_face("biden/biden2.jpg", face_px=90)
    pictures = [_yuv_of(empty), _yuv_of(with_face), _yuv_of(with_face)]

    with FaceTracker(models, detector) as tracker:
        assert [tracker.add(i, 2.0 * i, p) for i, p in enumerate(pictures)] == [0, 1, 1]

    # YuNet reads colour (on grey copies it found 78 of 190 faces of 22 px, against 190 in colour);
    # the unchanged repeat is not searched, so it never needs colour.
    assert [p._rgb is not None for p in pictures] == [True, True, False]
    (observation,) = tracker.observations
    assert observation.frames == [1, 2] and observation.crop[:2] == b"\xff\xd8"
