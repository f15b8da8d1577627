"""Find faces in a picture and turn each into a 128-d encoding (dlib HOG + ResNet via face_recognition).

**Small faces.** Classroom cameras show faces ~40 px high in a 1280×720 frame. dlib's HOG
frontal detector scans an 80×80 window; faces found of the 16 reference faces of
/work/shared/media pasted at a given box height (the height face_recognition reports):

    box height px           30   34   36   38   40   44   52   56
    scale 1.0 (upsample 0)   0    0    0    0    0    0    6   16   of 16
    scale 1.6, grey          1    9   14   16   16   16   16   16
    scale 2.0 (upsample 1)  12   16   16   16   16   16   16   16

so a face needs ~60 px *at the scale the detector sees*. Rather than dlib's fixed 2× upsample we
resize the grey picture by ``64 / min_face_px`` (1.6 for 40 px): the same recall at 40 px for
0.45× the cost of upsample 1 on RGB. Grey input is ~25 % cheaper than RGB and finds the same
faces (dlib's HOG takes the strongest channel gradient; faces have luminance edges anyway).

**The pkg_resources trap.** ``face_recognition.api`` does ``import face_recognition_models``
and, if that fails, prints a hint and calls ``quit()``: the whole worker would exit with
status 0 and no traceback. ``face_recognition_models`` itself imports ``pkg_resources``, which
setuptools ≥ 82 no longer ships. :func:`load_models` imports both first and turns any failure —
including ``SystemExit`` — into :class:`~workers.video.errors.ModelsUnavailable`.

Encoding costs ~95 ms per face on this dlib build (no BLAS). Video frames are searched by the CNN
detector of :mod:`workers.video.face_detector`, and :mod:`workers.video.tracking` encodes as rarely as
it can. :func:`detect` (HOG, all five of dlib's filters) stays for reference photos, by measurement:
on the 23 shared photos HOG's face count agrees with the labels on all 23, YuNet's (photo shrunk to
640 px) on 21 — it would refuse ``biden2.jpg`` as two faces and enrol the dog of ``negative/dogs.jpg``
(score 0.82), where a wrong enrolment silently breaks every later check. Its cost (~0.1–0.4 s a photo,
against YuNet's ~0.05 s) is paid once per photo. Where both find one face, the encodings from their
boxes differ by a median 0.055 (0.16 at most).
"""

from __future__ import annotations

import importlib
import os
import threading
import warnings
from dataclasses import dataclass
from types import ModuleType

import cv2
import numpy as np

from workers.video.errors import ModelsUnavailable

DEFAULT_MIN_FACE_PX = 40
DETECTOR_MIN_PX = 64  # box height dlib's HOG finds reliably at scale 1 (56 px: 16/16, 52 px: 6/16)
SHARPNESS_SIDE = 64  # faces are resized to this height before the Laplacian, so sizes compare


@dataclass(frozen=True)
class Box:
    """A face rectangle in picture pixels, face_recognition's (top, right, bottom, left) order."""

    top: int
    right: int
    bottom: int
    left: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def area(self) -> int:
        return max(0, self.height) * max(0, self.width)

    @property
    def css(self) -> tuple[int, int, int, int]:
        return (self.top, self.right, self.bottom, self.left)

    def iou(self, other: Box) -> float:
        """Intersection over union: how much two boxes are the same face."""
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        w = min(self.right, other.right) - max(self.left, other.left)
        inter = max(0, h) * max(0, w)
        union = self.area + other.area - inter
        return inter / union if union else 0.0

    def grown(self, by: float, *, width: int, height: int) -> Box:
        """This box with ``by`` × its size added on every side, clipped to the picture."""
        dy, dx = int(self.height * by), int(self.width * by)
        return Box(
            max(0, self.top - dy), min(width, self.right + dx), min(height, self.bottom + dy), max(0, self.left - dx)
        )


@dataclass(frozen=True)
class FaceModels:
    """The loaded ``face_recognition.api`` module; build it with :func:`load_models`."""

    api: ModuleType

    def locate(self, grey: np.ndarray) -> list[Box]:
        """HOG boxes in ``grey`` at its own scale (no upsampling; callers resize instead)."""
        return [Box(*css) for css in self.api.face_locations(grey, number_of_times_to_upsample=0, model="hog")]

    def look(self, image: np.ndarray, box: Box) -> np.ndarray:
        """The face aligned on its 5 landmarks, grey 32×32, standardised: a ~3 ms stand-in for an
        encoding when the question is only "is this the face I saw a moment ago?"."""
        grey = to_grey(image)
        shape = self.api.pose_predictor_5_point(grey, self.api._css_to_rect(box.css))
        chip = self.api.dlib.get_face_chip(np.ascontiguousarray(grey), shape, size=64, padding=0.1)
        small = cv2.resize(chip, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
        return (small - small.mean()) / (small.std() + 1e-3)

    def encode(self, rgb: np.ndarray, boxes: list[Box]) -> list[np.ndarray]:
        """One 128-d encoding per box (5-point landmarks, no jitter), in the boxes' order."""
        if not boxes:
            return []
        found = self.api.face_encodings(rgb, known_face_locations=[b.css for b in boxes], num_jitters=1, model="small")
        return [np.asarray(e, dtype=np.float64) for e in found]


_lock = threading.Lock()
_models: FaceModels | None = None


def load_models() -> FaceModels:
    """Import face_recognition safely, once per process; raise ModelsUnavailable with the cure."""
    global _models
    with _lock:
        if _models is None:
            _models = FaceModels(api=_import_api())
        return _models


def _import_api() -> ModuleType:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pkg_resources announces its own deprecation
        try:
            importlib.import_module("pkg_resources")
        except Exception as exc:
            raise ModelsUnavailable(
                "pkg_resources cannot be imported (setuptools >= 82 removed it) and face_recognition_models "
                "needs it: install 'setuptools<81' in this environment"
            ) from exc
        try:
            frm = importlib.import_module("face_recognition_models")
            paths = [
                frm.pose_predictor_five_point_model_location(),
                frm.face_recognition_model_location(),
            ]
        except (Exception, SystemExit) as exc:
            raise ModelsUnavailable(f"face_recognition_models cannot be imported: {exc!r}") from exc
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            raise ModelsUnavailable(f"face model files are missing: {missing}")
        try:  # on failure face_recognition calls quit(): SystemExit must not end the worker
            return importlib.import_module("face_recognition.api")
        except (Exception, SystemExit) as exc:
            raise ModelsUnavailable(f"face_recognition cannot be imported: {exc!r}") from exc


def to_grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def detection_scale(min_face_px: float) -> float:
    """How much to resize a picture so faces of ``min_face_px`` reach the detector's minimum."""
    if min_face_px <= 0:
        raise ValueError("min_face_px must be positive")
    return DETECTOR_MIN_PX / min_face_px


def detect(
    models: FaceModels, image: np.ndarray, *, min_face_px: float = DEFAULT_MIN_FACE_PX, region: Box | None = None
) -> list[Box]:
    """Faces at least ``min_face_px`` high in ``image`` (grey or RGB), optionally only inside ``region``."""
    grey = to_grey(image)
    height, width = grey.shape[:2]
    region = region or Box(0, width, height, 0)
    part = grey[region.top : region.bottom, region.left : region.right]
    if part.size == 0:
        return []
    scale = detection_scale(min_face_px)
    if abs(scale - 1.0) > 1e-3:
        interpolation = cv2.INTER_LINEAR if scale > 1 else cv2.INTER_AREA
        part = cv2.resize(part, None, fx=scale, fy=scale, interpolation=interpolation)
    boxes = []
    for b in models.locate(np.ascontiguousarray(part)):
        box = Box(
            region.top + round(b.top / scale),
            min(width, region.left + round(b.right / scale)),
            min(height, region.top + round(b.bottom / scale)),
            region.left + round(b.left / scale),
        )
        if box.area:
            boxes.append(box)
    return boxes


def sharpness(grey: np.ndarray, box: Box) -> float:
    """Variance of the Laplacian of the face, resized to a fixed height so sizes compare."""
    face = grey[box.top : box.bottom, box.left : box.right]
    if face.size == 0:
        return 0.0
    factor = SHARPNESS_SIDE / face.shape[0]
    face = cv2.resize(face, (max(1, round(face.shape[1] * factor)), SHARPNESS_SIDE), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(face, cv2.CV_64F).var())


def crop_jpeg(rgb: np.ndarray, box: Box, *, margin: float = 0.4, max_side: int = 320, quality: int = 90) -> bytes:
    """The face with some context as JPEG bytes (the evidence a reviewer looks at)."""
    height, width = rgb.shape[:2]
    g = box.grown(margin, width=width, height=height)
    crop = rgb[g.top : g.bottom, g.left : g.right]
    longest = max(crop.shape[:2])
    if longest > max_side:
        factor = max_side / longest
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(crop, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV only fails on empty input, excluded above
        raise ValueError("JPEG encoding failed")
    return data.tobytes()
