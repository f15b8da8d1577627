"""dlib's HOG face detector cut down to what the analysis needs: chosen filters, and a bounded
number of pyramid levels.

Why: ``dlib.get_frontal_face_detector()`` runs five filters (front, looking left, looking right,
front tilted left, front tilted right) over a 5/6 image pyramid down to an 80×80 window. The
programme asks for frontal faces (正面露脸): the three front filters find 57 of the 58 faces the
five find on the benchmark's 720p frames, in 101 instead of 119 ms per frame (the front filter alone:
79 ms, but it misses tilted heads). Most of the cost is the pyramid's enlarged top levels, which
only small faces need; capping the levels lets :mod:`workers.video.face_bands` cut one search into
bands that run at once on several cores.

dlib's Python API cannot split a detector or set its pyramid depth, but its serialisation is a
plain sequence: the scanner's settings (``max_pyramid_levels`` among them), the overlap tester,
then the filters as a counted list of column vectors. :func:`build` rewrites that sequence and
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
_WINDOW = 80
_MAX_LEVELS_FIELD = 8  # index of max_pyramid_levels among the leading integers
_LEADING_INTEGERS = 11  # versions, feature settings, cell size, padding, window w/h, levels, min layer w/h


@dataclass(frozen=True)
class _Layout:
    leading: list[tuple[int, int, int]]  # (value, start, end) of each leading integer
    filters_at: int  # offset of the filter count
    filters: list[bytes]  # each filter's serialised vector


_stock_lock = threading.Lock()
_stock: bytes | None = None


def _stock_bytes(dlib: ModuleType) -> bytes:
    """The stock detector, serialised once per process: building it costs ~0.5 s."""
    global _stock
    with _stock_lock:
        if _stock is None:
            with tempfile.TemporaryDirectory(prefix="kejian-hog-") as folder:
                path = os.path.join(folder, "stock.svm")
                dlib.get_frontal_face_detector().save(path)
                with open(path, "rb") as handle:
                    _stock = handle.read()
        return _stock


def build(dlib: ModuleType, *, filters: tuple[int, ...] = (FRONT,), max_levels: int | None = None):
    """A ``dlib.fhog_object_detector`` with only ``filters`` of the stock face detector and at most
    ``max_levels`` pyramid levels (``None``: as deep as the picture allows)."""
    data = _stock_bytes(dlib)
    layout = _parse(data)
    with tempfile.TemporaryDirectory(prefix="kejian-hog-") as folder:
        path = os.path.join(folder, "detector.svm")
        if any(not 0 <= i < len(layout.filters) for i in filters) or not filters:
            raise ValueError(f"filters must be among 0..{len(layout.filters) - 1}")
        _, levels_start, levels_end = layout.leading[_MAX_LEVELS_FIELD]
        levels = _encode(max_levels if max_levels is not None else layout.leading[_MAX_LEVELS_FIELD][0])
        rebuilt = (
            data[:levels_start]
            + levels
            + data[levels_end : layout.filters_at]
            + _encode(len(filters))
            + b"".join(layout.filters[i] for i in filters)
        )
        with open(path, "wb") as handle:
            handle.write(rebuilt)
        detector = dlib.fhog_object_detector(path)
    if detector.num_detectors != len(filters) or detector.detection_window_height != _WINDOW:
        raise ModelsUnavailable("dlib rebuilt the face detector differently than expected")
    return detector


def _parse(data: bytes) -> _Layout:
    """Find the fields :func:`build` rewrites; refuse any layout but the one described above."""
    position, leading = 0, []
    for _ in range(_LEADING_INTEGERS):
        value, end = _decode(data, position)
        leading.append((value, position, end))
        position = end
    window = (leading[6][0], leading[7][0])
    if leading[0][0] != 2 or window != (_WINDOW, _WINDOW) or leading[_MAX_LEVELS_FIELD][0] < 1:
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
    magnitude = abs(value)
    size = (magnitude.bit_length() + 7) // 8
    return bytes([size | (0x80 if value < 0 else 0)]) + magnitude.to_bytes(size, "little")
