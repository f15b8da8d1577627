"""One frame's face search cut into pyramid levels, each level of each searched region a job of its own
for the search threads.

Why: dlib's HOG detector slides a window of 10×10 cells over a pyramid of the picture, each level 5/6
the size of the one before. With the stock 8-px cells the window is 80 px and finds faces of about
64 px (:data:`faces.DETECTOR_MIN_PX`); the analysis wants 40-px faces, so cells of 5 px are read
from the picture as it is (:mod:`workers.video.hog_detector`) rather than enlarging it 1.6×: a
50-px window. Other ``min_face_px`` settings pick the cell that puts their smallest face at the
window's size, shrinking the picture for the rest (never enlarging it but below 24 px).

dlib searches one picture on one core, though it releases the GIL. :func:`levels` builds the pyramid
itself, each level resized from the one before as dlib resizes its own, and :func:`search` runs a
one-level detector on each, so the search of one changed region is a dozen jobs of falling size. Handed
out largest first, they keep every search thread busy to the end of a frame; the previous cut, two
bands of about equal cost (the first two levels, and the rest), often left one thread idle while the
other finished. The levels find what dlib's own pyramid finds (the same 1,079 of 1,080 pasted faces),
for a little less CPU; ``bench/README.md`` keeps the measurements.

**Threshold.** Faces read from 5-px cells of the real picture score a little lower than the same
faces read from 8-px cells of a 1.6× enlargement, which smooths gradients the way the detector's
training pictures were smoothed, so dlib's own threshold of 0 misses some 40–44 px faces. At −0.2
(:data:`FINE_CELL_THRESHOLD`) the native search finds what the enlarged one found (1 miss in 840
pasted faces) and nothing that is not a face; near 0 a score also moves by ±0.2 with where the cell
grid falls on the face, so 0 was no sharper a line. The calibration is in ``bench/README.md``.

Only the frontal filters of dlib's detector are used (front, and front with the head tilted either
way): the programme asks for 正面露脸, and the two filters for faces turned sideways cost a fifth of
the time while the three find 57 of the 58 faces the five find on the benchmark's frames.
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

LEVEL_STEP = 5 / 6  # dlib's pyramid_down<6>, kept so the filters see faces at the sizes they were trained on
FACE_PX_PER_CELL = DETECTOR_MIN_PX / hog_detector.STOCK_CELL_PX  # the face a window finds, per px of cell
MIN_CELL_PX = 3
FINE_CELL_THRESHOLD = -0.2  # see the module docstring
FRONTAL = (hog_detector.FRONT, hog_detector.FRONT_TILTED_LEFT, hog_detector.FRONT_TILTED_RIGHT)


@dataclass(frozen=True)
class Pyramid:
    """Search with HOG cells of ``cell_px`` on the picture resized by ``scale``, then on levels each
    :data:`LEVEL_STEP` the size of the one before, down to the smallest layer dlib would search."""

    cell_px: int
    scale: float

    @property
    def threshold(self) -> float:
        return FINE_CELL_THRESHOLD if self.cell_px < hog_detector.STOCK_CELL_PX else 0.0

    @property
    def smallest_px(self) -> int:
        """dlib's own floor for a pyramid layer's side."""
        return self.cell_px * hog_detector.MIN_LAYER_CELLS


def pyramid(min_face_px: float) -> Pyramid:
    """The pyramid that finds every frontal face of ``min_face_px`` and up."""
    if min_face_px <= 0:
        raise ValueError("min_face_px must be positive")
    cell = min(hog_detector.STOCK_CELL_PX, max(MIN_CELL_PX, math.floor(min_face_px / FACE_PX_PER_CELL)))
    return Pyramid(cell, cell * FACE_PX_PER_CELL / min_face_px)


@dataclass(frozen=True)
class Level:
    """One pyramid level of a region of the frame: a job for :func:`search`."""

    picture: np.ndarray
    region: Box  # where the level lies in the frame
    frame: tuple[int, int]  # the frame's height and width: boxes of faces cut by its edge stop there

    @property
    def cost(self) -> int:
        return self.picture.size


class Hit(NamedTuple):
    """A face found, and how sure the detector is (dlib's score, over the pyramid's threshold)."""

    box: Box
    score: float


def levels(grey: np.ndarray, region: Box, pyramid: Pyramid) -> list[Level]:
    """The pyramid of ``region`` of the grey frame, largest level first."""
    first = first_level(grey, region, pyramid)
    return [] if first is None else [first, *smaller_levels(first, pyramid)]


def first_level(grey: np.ndarray, region: Box, pyramid: Pyramid) -> Level | None:
    """The largest level of ``region``: the frame's pixels as they are for 40-px faces, so it can be
    searched while the smaller levels are being made."""
    picture = grey[region.top : region.bottom, region.left : region.right]
    if picture.size and abs(pyramid.scale - 1.0) > 1e-3:
        picture = _resized(picture, pyramid.scale)
    return (
        Level(picture, region, grey.shape[:2]) if picture.size and min(picture.shape) >= pyramid.smallest_px else None
    )


def smaller_levels(first: Level, pyramid: Pyramid) -> list[Level]:
    """The levels after ``first``, each :data:`LEVEL_STEP` the size of the one before."""
    found = []
    picture = _resized(first.picture, LEVEL_STEP)
    while min(picture.shape) >= pyramid.smallest_px:
        found.append(Level(picture, first.region, first.frame))
        picture = _resized(picture, LEVEL_STEP)
    return found


def _resized(picture: np.ndarray, scale: float) -> np.ndarray:
    """Resized as dlib's pyramid resizes: bilinear, corner pixels on corner pixels. OpenCV's ``resize``
    centres pixels instead, a shift of ~0.1 px a level that moved scores near the threshold by up to
    ±0.14 (a dog's cheek in ``negative/dogs.jpg`` scored −0.18 instead of dlib's −0.32). Far below half
    size, bilinear would skip pixels outright: area averaging takes over."""
    height, width = picture.shape
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if scale < 0.5:
        return cv2.resize(picture, size, interpolation=cv2.INTER_AREA)
    to_source = np.float32([[(width - 1) / max(1, size[0] - 1), 0, 0], [0, (height - 1) / max(1, size[1] - 1), 0]])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    return cv2.warpAffine(picture, to_source, size, flags=flags, borderMode=cv2.BORDER_REPLICATE)


_local = threading.local()


def _detector(dlib, cell_px: int):
    """One one-level detector per thread and cell size: dlib does not document its detectors as thread-safe."""
    cache = getattr(_local, "detectors", None)
    if cache is None:
        cache = _local.detectors = {}
    if cell_px not in cache:
        cache[cell_px] = hog_detector.build(dlib, filters=FRONTAL, max_levels=1, cell_px=cell_px)
    return cache[cell_px]


def search(dlib, level: Level, pyramid: Pyramid) -> list[Hit]:
    """The frontal faces of one level, in frame pixels."""
    region, (height, width) = level.region, level.frame
    sx, sy = ((n - 1) / max(1, m - 1) for n, m in zip(level.picture.shape[::-1], (region.width, region.height)))
    rects, scores, _ = _detector(dlib, pyramid.cell_px).run(level.picture, 0, pyramid.threshold)
    hits = []
    for rect, score in zip(rects, scores):
        box = Box(
            max(0, region.top + round(rect.top() / sy)),
            min(width, region.left + round(rect.right() / sx)),
            min(height, region.top + round(rect.bottom() / sy)),
            max(0, region.left + round(rect.left() / sx)),
        )
        if box.area:
            hits.append(Hit(box, score))
    return hits


def distinct(hits: list[Hit]) -> list[Box]:
    """One box per face: overlapping regions and neighbouring levels can find the same face twice, at sizes a
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
