"""One frame's face search cut into *bands* of face size that run at the same time on separate threads.

Why: the HOG detector finds faces of about 64 px (:data:`faces.DETECTOR_MIN_PX`) in the picture it is
given, then shrinks the picture by 5/6 per pyramid level for bigger ones. Finding 40-px faces means
enlarging a 1280×720 frame 1.6×; the whole pyramid then costs ~8.4 frame-areas, of which the enlarged
top levels (faces under ~80 px) are three quarters. dlib searches one picture on one core, but it
releases the GIL, so the pyramid is cut into bands of about equal cost searched on two threads:

    small, top level      1.6×, 1 level                faces 40–48 px      2.6 frame-areas
    small, next levels    1.33×, 3 levels              faces 48–83 px      3.9
    large                 0.8×, down to the window     faces 80 px and up  2.1

(each band finds faces some 10 % beyond its nominal range, so neighbours overlap and the tracker
drops the duplicates). With ``min_face_px`` at 64 or more there is no small band.

Only the frontal filters of dlib's detector are used (front, and front with the head tilted either
way; :mod:`workers.video.hog_detector`): the programme asks for 正面露脸, and the two filters for
faces turned sideways cost a fifth of the time. Measured on the benchmark's frames: the three filters
find 57 of the 58 faces the five find; on the shared Hamilton clip the tilted-front filter is the one
that finds Lin-Manuel Miranda at 4.8 s.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from workers.video import hog_detector
from workers.video.faces import DETECTOR_MIN_PX, Box

LEVEL_STEP = 5 / 6  # dlib's pyramid_down<6>
LARGE_MIN_PX = 80  # the large band searches a 0.8× picture: faces from 80 px (the window's 64 / 0.8)
SMALL_LEVELS = 4  # 40 px × (6/5)^4 ≈ 83 px: reaches into the large band's range
FRONTAL = (hog_detector.FRONT, hog_detector.FRONT_TILTED_LEFT, hog_detector.FRONT_TILTED_RIGHT)


@dataclass(frozen=True)
class Band:
    """Search the picture resized by ``scale``, through at most ``levels`` pyramid levels."""

    scale: float
    levels: int | None  # None: down to the detector's window


def bands(min_face_px: float) -> tuple[Band, ...]:
    """The bands that together find every frontal face of ``min_face_px`` and up."""
    if min_face_px >= LARGE_MIN_PX:
        return (Band(DETECTOR_MIN_PX / min_face_px, None),)
    small = DETECTOR_MIN_PX / min_face_px
    return (
        Band(small, 1),
        Band(small * LEVEL_STEP, SMALL_LEVELS - 1),
        Band(DETECTOR_MIN_PX / LARGE_MIN_PX, None),
    )


_local = threading.local()


def _detector(dlib, levels: int | None):
    """One detector per thread and depth: dlib does not document its detectors as thread-safe."""
    cache = getattr(_local, "detectors", None)
    if cache is None:
        cache = _local.detectors = {}
    if levels not in cache:
        cache[levels] = hog_detector.build(dlib, filters=FRONTAL, max_levels=levels)
    return cache[levels]


def search(dlib, grey: np.ndarray, region: Box, band: Band) -> list[Box]:
    """Frontal faces of ``band`` inside ``region`` of the grey picture, in picture pixels."""
    height, width = grey.shape[:2]
    part = grey[region.top : region.bottom, region.left : region.right]
    if part.size == 0 or min(part.shape) * band.scale < 1:
        return []
    if abs(band.scale - 1.0) > 1e-3:
        interpolation = cv2.INTER_LINEAR if band.scale > 1 else cv2.INTER_AREA
        part = cv2.resize(part, None, fx=band.scale, fy=band.scale, interpolation=interpolation)
    boxes = []
    for rect in _detector(dlib, band.levels)(np.ascontiguousarray(part), 0):
        box = Box(
            max(0, region.top + round(rect.top() / band.scale)),
            min(width, region.left + round(rect.right() / band.scale)),
            min(height, region.top + round(rect.bottom() / band.scale)),
            max(0, region.left + round(rect.left() / band.scale)),
        )
        if box.area:
            boxes.append(box)
    return boxes
