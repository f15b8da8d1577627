"""One frame's face search cut into two *bands* of face size that run at the same time on separate threads.

Why: dlib's HOG detector slides a window of 10×10 cells over a pyramid of the picture, each level 5/6
the size of the one before. With the stock 8-px cells the window is 80 px and finds faces of about
64 px (:data:`faces.DETECTOR_MIN_PX`); the analysis wants 40-px faces, so cells of 5 px are read
from the picture as it is (:mod:`workers.video.hog_detector`) rather than enlarging it 1.6×. The whole
pyramid then costs the filter work of ~8.4 frame-areas in 8-px cells, but HOG's per-pixel work on
only ~3.3 frame-areas of pixels. dlib searches one picture on one core, but it releases the GIL, so
the pyramid is cut into two bands of about equal cost searched on two threads:

    small    the picture as it is, 2 levels              faces 40–58 px     1.7 frame-areas of pixels
    large    the picture at (5/6)², every level          faces 58 px and up 1.6

(each band finds faces some 10 % beyond its nominal range, so the two overlap and :func:`distinct`
drops the duplicates). Other ``min_face_px`` settings pick the cell that puts their smallest face at the
window's size, shrinking the picture for the rest (never enlarging it but below 24 px).

**Threshold.** Faces read from 5-px cells of the real picture score a little lower than the same
faces read from 8-px cells of a 1.6× enlargement, which smooths gradients the way the detector's
training pictures were smoothed. Measured on 840 shared-photo faces pasted at 40–140 px and tilted
up to 24°, and on the shared clips and the benchmark's frames: at dlib's own threshold the native
search missed 6 of the faces the enlarged search found (40–44 px, mostly), and Lin-Manuel Miranda's
tilted head at 4.8 s in the Hamilton clip scored −0.14. At −0.2 (:data:`FINE_CELL_THRESHOLD`) it
missed 1 of the 840 and found 1 the other missed; on the clips it missed none and found 8 faces more,
every one a real face on inspection (Miranda at the microphone at 1.3 s among them, 45 px and facing
the camera, which the enlarged search scored just under 0), and it found nothing in the 558 frames of
the walking-people clip (no frontal face) nor in the two shared photos without faces. Near 0 the score
also moves by ±0.2 with where the 8-px cell grid falls on the face, so the old threshold was no
sharper a line.

Only the frontal filters of dlib's detector are used (front, and front with the head tilted either
way): the programme asks for 正面露脸, and the two filters for faces turned sideways cost a fifth of
the time. Measured on the benchmark's frames: the three filters find 57 of the 58 faces the five
find; on the shared Hamilton clip the tilted-front filter is the one that finds Lin-Manuel Miranda at
4.8 s.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from workers.video import hog_detector
from workers.video.faces import DETECTOR_MIN_PX, Box

LEVEL_STEP = 5 / 6  # dlib's pyramid_down<6>
SMALL_LEVELS = 2  # the small band's levels; the large band starts where they end
FACE_PX_PER_CELL = DETECTOR_MIN_PX / hog_detector.STOCK_CELL_PX  # the face a window finds, per px of cell
MIN_CELL_PX = 3
FINE_CELL_THRESHOLD = -0.2  # see the module docstring
FRONTAL = (hog_detector.FRONT, hog_detector.FRONT_TILTED_LEFT, hog_detector.FRONT_TILTED_RIGHT)


@dataclass(frozen=True)
class Band:
    """Search the picture resized by ``scale`` with HOG cells of ``cell_px``, through at most
    ``levels`` pyramid levels (``None``: down to the detector's window)."""

    scale: float
    cell_px: int
    levels: int | None

    @property
    def threshold(self) -> float:
        return FINE_CELL_THRESHOLD if self.cell_px < hog_detector.STOCK_CELL_PX else 0.0


def bands(min_face_px: float) -> tuple[Band, ...]:
    """The two bands that together find every frontal face of ``min_face_px`` and up."""
    if min_face_px <= 0:
        raise ValueError("min_face_px must be positive")
    cell = min(hog_detector.STOCK_CELL_PX, max(MIN_CELL_PX, math.floor(min_face_px / FACE_PX_PER_CELL)))
    scale = cell * FACE_PX_PER_CELL / min_face_px
    return (Band(scale, cell, SMALL_LEVELS), Band(scale * LEVEL_STEP**SMALL_LEVELS, cell, None))


class Hit(NamedTuple):
    """A face found, and how sure the detector is (dlib's score, over the band's threshold)."""

    box: Box
    score: float


_local = threading.local()


def _detector(dlib, cell_px: int, levels: int | None):
    """One detector per thread, cell and depth: dlib does not document its detectors as thread-safe."""
    cache = getattr(_local, "detectors", None)
    if cache is None:
        cache = _local.detectors = {}
    key = (cell_px, levels)
    if key not in cache:
        cache[key] = hog_detector.build(dlib, filters=FRONTAL, max_levels=levels, cell_px=cell_px)
    return cache[key]


def search(dlib, grey: np.ndarray, region: Box, band: Band) -> list[Hit]:
    """Frontal faces of ``band`` inside ``region`` of the grey picture, in picture pixels."""
    height, width = grey.shape[:2]
    part = grey[region.top : region.bottom, region.left : region.right]
    if part.size == 0 or min(part.shape) * band.scale < 1:
        return []
    if abs(band.scale - 1.0) > 1e-3:
        # Bilinear down to half size: 7× cheaper than area averaging (0.33 vs 2.5 ms a 720p frame) and it
        # found the same faces on every set above; below half it would skip pixels outright.
        interpolation = cv2.INTER_LINEAR if band.scale >= 0.5 else cv2.INTER_AREA
        part = cv2.resize(part, None, fx=band.scale, fy=band.scale, interpolation=interpolation)
    rects, scores, _ = _detector(dlib, band.cell_px, band.levels).run(np.ascontiguousarray(part), 0, band.threshold)
    hits = []
    for rect, score in zip(rects, scores):
        box = Box(
            max(0, region.top + round(rect.top() / band.scale)),
            min(width, region.left + round(rect.right() / band.scale)),
            min(height, region.top + round(rect.bottom() / band.scale)),
            max(0, region.left + round(rect.left() / band.scale)),
        )
        if box.area:
            hits.append(Hit(box, score))
    return hits


def distinct(hits: list[Hit]) -> list[Box]:
    """One box per face: overlapping regions and the two bands can find the same face twice, at sizes a
    pyramid level or more apart. As dlib does between its own levels: the best score wins, and another
    box is the same face when their IoU is over 0.33 or one lies 78.8 % inside the other."""
    kept: list[Box] = []
    for box, _ in sorted(hits, key=lambda hit: -hit.score):
        if all(box.iou(k) <= 0.33 and _covered_share(box, k) <= 0.788 for k in kept):
            kept.append(box)
    return kept


def _covered_share(a: Box, b: Box) -> float:
    """How much of the smaller box lies inside the other."""
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    w = min(a.right, b.right) - max(a.left, b.left)
    smaller = min(a.area, b.area)
    return max(0, h) * max(0, w) / smaller if smaller else 0.0
