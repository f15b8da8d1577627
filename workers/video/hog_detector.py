"""dlib's HOG face detector cut down to what the analysis needs: chosen filters, a bounded number of
pyramid levels, and a finer HOG cell for small faces.

Why: ``dlib.get_frontal_face_detector()`` runs five filters (front, looking left, looking right,
front tilted left, front tilted right) over a 5/6 image pyramid down to an 80×80 window. The
programme asks for frontal faces (正面露脸): the three front filters find 57 of the 58 faces the
five find on the benchmark's 720p frames, in about 15 % less time (the front filter alone is cheaper
still, but misses tilted heads). Most of the cost is the pyramid's enlarged top levels, which
only small faces need; one level at a time lets :mod:`workers.video.face_pyramid` cut one search into
jobs that run at once on several cores.

**Cells.** The detector's filters are 10×10 HOG cells of 8 px: an 80-px window. Finding a 40-px face used
to mean enlarging the picture 1.6×; the same filters read 5-px cells of the picture as it is instead
(a 50-px window). The number of cells, and so the filter work, is the same, but the per-pixel half of
HOG (gradients and their histograms) runs on 2.56× fewer pixels: a full 720p search costs ~0.57× as
much (:mod:`workers.video.face_pyramid` measures what it finds).

dlib's Python API cannot split a detector or set its pyramid depth, but its serialisation is a
plain sequence: the scanner's settings (``max_pyramid_levels`` among them), the overlap tester,
then the filters as a counted list of column vectors. :func:`build` rewrites that sequence (cell size,
window and smallest pyramid layer scale together, so the filters still cover 10×10 cells) and
loads the result with ``dlib.fhog_object_detector``. The layout is checked field by field, so a
dlib that serialises differently raises :class:`~workers.video.errors.ModelsUnavailable` instead
of loading a wrong detector.
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from types import ModuleType

from workers.video.errors import ModelsUnavailable

# dlib's filters, in its order: front, looking left, looking right, front tilted left, front tilted right
FRONT, LOOKING_LEFT, LOOKING_RIGHT, FRONT_TILTED_LEFT, FRONT_TILTED_RIGHT = range(5)
STOCK_CELL_PX = 8
_WINDOW_CELLS = 10  # the filters' size in cells (3100 weights = 31 features × 10 × 10)
_WINDOW = STOCK_CELL_PX * _WINDOW_CELLS
MIN_LAYER_CELLS = 8  # dlib stops its pyramid at layers under 64 px: 8 cells of the stock size
_CELL_FIELD, _WINDOW_FIELDS, _MAX_LEVELS_FIELD, _MIN_LAYER_FIELDS = 4, (6, 7), 8, (9, 10)  # among the leading integers
_LEADING_INTEGERS = 11  # versions, feature settings, cell size, padding, window w/h, levels, min layer w/h


@dataclass(frozen=True)
class _Layout:
    leading: list[tuple[int, int, int]]  # (value, start, end) of each leading integer
    filters_at: int  # offset of the filter count
    filters: list[bytes]  # each filter's serialised vector


_stock_lock = threading.Lock()
_stock: tuple[bytes, _Layout] | None = None


def _stock_detector(dlib: ModuleType) -> tuple[bytes, _Layout]:
    """The stock detector, serialised and parsed once per process: ~0.5 s to build, ~0.1 s to parse,
    and every analysis builds its detectors again on its own threads."""
    global _stock
    with _stock_lock:
        if _stock is None:
            with tempfile.TemporaryDirectory(prefix="kejian-hog-") as folder:
                path = os.path.join(folder, "stock.svm")
                dlib.get_frontal_face_detector().save(path)
                with open(path, "rb") as handle:
                    data = handle.read()
            _stock = (data, _parse(data))
        return _stock


def build(
    dlib: ModuleType,
    *,
    filters: tuple[int, ...] = (FRONT,),
    max_levels: int | None = None,
    cell_px: int = STOCK_CELL_PX,
):
    """A ``dlib.fhog_object_detector`` with only ``filters`` of the stock face detector, at most
    ``max_levels`` pyramid levels (``None``: as deep as the picture allows) and HOG cells of
    ``cell_px`` (the window, and so the smallest face found, scales with it)."""
    data, layout = _stock_detector(dlib)
    if any(not 0 <= i < len(layout.filters) for i in filters) or not filters:
        raise ValueError(f"filters must be among 0..{len(layout.filters) - 1}")
    if not 2 <= cell_px <= 16:
        raise ValueError("cell_px must be between 2 and 16")
    values = [value for value, _, _ in layout.leading]
    values[_CELL_FIELD] = cell_px
    for field in _WINDOW_FIELDS:
        values[field] = cell_px * _WINDOW_CELLS
    for field in _MIN_LAYER_FIELDS:
        values[field] = cell_px * MIN_LAYER_CELLS
    if max_levels is not None:
        values[_MAX_LEVELS_FIELD] = max_levels
    rebuilt = (
        b"".join(_encode(v) for v in values)
        + data[layout.leading[-1][2] : layout.filters_at]
        + _encode(len(filters))
        + b"".join(layout.filters[i] for i in filters)
    )
    with tempfile.TemporaryDirectory(prefix="kejian-hog-") as folder:
        path = os.path.join(folder, "detector.svm")
        with open(path, "wb") as handle:
            handle.write(rebuilt)
        detector = dlib.fhog_object_detector(path)
    if detector.num_detectors != len(filters) or detector.detection_window_height != cell_px * _WINDOW_CELLS:
        raise ModelsUnavailable("dlib rebuilt the face detector differently than expected")
    return detector


def _parse(data: bytes) -> _Layout:
    """Find the fields :func:`build` rewrites; refuse any layout but the one described above."""
    position, leading = 0, []
    for _ in range(_LEADING_INTEGERS):
        value, end = _decode(data, position)
        leading.append((value, position, end))
        position = end
    window = tuple(leading[i][0] for i in _WINDOW_FIELDS)
    cell = leading[_CELL_FIELD][0]
    if leading[0][0] != 2 or cell != STOCK_CELL_PX or window != (_WINDOW, _WINDOW) or leading[_MAX_LEVELS_FIELD][0] < 1:
        raise ModelsUnavailable(f"unexpected dlib detector layout: {[v for v, _, _ in leading]}")
    # The rest up to the filters: one double (regularisation), one integer, two doubles (overlap).
    for kind in ("double", "integer", "double", "double"):
        position = _skip_double(data, position) if kind == "double" else _decode(data, position)[1]
    count, position_after = _decode(data, position)
    filters_at, position = position, position_after
    filters = []
    for _ in range(count):
        start = position
        rows, position = _decode(data, position)
        cols, position = _decode(data, position)
        if rows >= 0 or cols != -1:  # dlib writes a column vector's size as (-rows, -1)
            raise ModelsUnavailable("unexpected dlib filter layout")
        for _ in range(-rows):
            position = _skip_double(data, position)
        filters.append(data[start:position])
    if position != len(data) or count != 5:
        raise ModelsUnavailable("unexpected dlib detector layout: trailing data or filter count")
    return _Layout(leading, filters_at, filters)


def _decode(data: bytes, position: int) -> tuple[int, int]:
    """dlib's integer: a header byte (low nibble: byte count, high bit: negative), then little-endian bytes."""
    if position >= len(data):
        raise ModelsUnavailable("truncated dlib detector")
    header = data[position]
    size = header & 0x0F
    value = int.from_bytes(data[position + 1 : position + 1 + size], "little")
    return (-value if header & 0x80 else value), position + 1 + size


def _skip_double(data: bytes, position: int) -> int:
    """dlib writes a double as two integers, mantissa then exponent."""
    return _decode(data, _decode(data, position)[1])[1]


def _encode(value: int) -> bytes:
    """The inverse of :func:`_decode`; zero takes one byte too, as dlib writes it."""
    magnitude = abs(value)
    size = max(1, (magnitude.bit_length() + 7) // 8)
    return bytes([size | (0x80 if value < 0 else 0)]) + magnitude.to_bytes(size, "little")
