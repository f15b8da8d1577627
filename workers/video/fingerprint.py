"""Perceptual fingerprints of recordings, to find a recording uploaded again (re-encoded, resized,
cropped by up to 5 %, letterboxed, trimmed) by anyone, at any school, in any year.

A fingerprint is the analysis's own sampled pictures (one about every 2 s, :mod:`workers.video.sampling`)
each reduced to a 64-bit difference hash, with its time; pictures inside black or frozen stretches are
left out (:mod:`workers.video.padding`). 12 bytes a sample, ~22 KB an hour. :func:`overlap`
(:mod:`workers.video.fingerprint_match`) finds the longest sequence two fingerprints share; 60 s of it
(:data:`MIN_DUPLICATE_S`) makes a re-used recording.

The hash (:func:`frame_hash`): black bars along the edges are removed (rows/columns no brighter than
40, at most a quarter of a side), then 10 % of each side (a 5 % crop moves what is left by ≤ ~6 % of
its width); the rest is shrunk to 32×32 by area averaging, blurred (σ 2.5 px, so a cell's content
changes smoothly when the picture moves a little) and shrunk to 9×8 cells; a bit is set where a cell
is brighter than its left neighbour. A picture with fewer than 16 of its 64 neighbouring cells 2 luma
levels apart has no hash: black, white, a plain background, a slide with a bare title would match
each other anywhere.

Measured on the shared media (set 1) and copies made with ffmpeg; Hamming distance between a picture
and the copy's picture nearest in time (the copies' keyframes fall elsewhere, so up to ~1 s apart):

=====================================  ==============  ===================  ===============
copy of                                Δt ≤ 0.15 s     Δt ≤ 0.5 s           Δt ≤ 1 s
                                       median / max    median / p90 / max   median / p90
=====================================  ==============  ===================  ===============
one-by-one, CRF 32, trimmed            0 / 0           0 / 5 / 14           0 / 6
one-by-one, 854 px, keyframe / 30 s    0 / 0           0 / 7 / 14           0 / 8
one-by-one, 5 % crop, 512 px           2 / 5           2 / 5 / 17           2 / 10
one-by-one, 5 % corner crop, MPEG-4    6 / 7           6 / 7 / 16           6 / 7
one-by-one, letterboxed to 4:3         0 / 1           0 / 1 / 5            0 / 7
crowd (looped), 1280 → 854, CRF 30     0 / 1           4 / 11 / 22          5 / 16
ASL signer (looped), 5 % crop          2 / 5           4 / 5 / 7            4 / 6
Hamilton (looped), 5 % crop, 426 px    4 / 20          4 / 20 / 20          20 / 38
Hamilton (looped), MPEG-4, trimmed     3 / 19          5 / 26 / 42          14 / 31
=====================================  ==============  ===================  ===============

All same-content pairs ≤ 0.5 s apart: median 3, p90 8 (91 % within 10). The 23 shared photos cropped
by 5 % in a corner: median 7.5, p90 12 (σ 1.5 px gave 9 and 14, σ 2.5 is the better trade).
Different content (24,692 pairs of pictures from the five different sources, photos included):
minimum 16, 1st percentile 17, 5th 21, median 33. Hence
:data:`~workers.video.fingerprint_match.MATCH_DISTANCE` = 10: above what re-encoding, resizing and
cropping do to most pictures, well under anything unrelated. What it cannot tell apart is the *same
scene*: the fixed camera of one-by-one matches itself 20 s later at a median of 5 bits, the ASL
webcam stays within 5 bits over the whole clip, two text slides on one template were 8 bits apart.
So a sequence counts only with ≥ 3 different pictures in it (a webcam talking head therefore never
counts), and only where half the samples match over 60 s. That is not enough for a fixed camera on a
scene that hardly changes at 9×8 cells: one-by-one's first and second 70 s come out "similar" (70 s
shared) though no picture is repeated. A fixed 录播 classroom camera may do the same for two lessons
in one room, so ``similar`` is a lead for a reviewer, not a verdict. Fast footage (the Hamilton clip pans and
cuts) changes within the ~1 s between two copies' samples, so only about half its samples match:
copies of it were found with 44–80 s of 70–80 s shared. Classroom recordings move far less.
The database index keys are described in :mod:`workers.video.fingerprint_match`.

    python -m workers.video.fingerprint A B [--json] [--ffmpeg BIN] [--ffprobe BIN]

prints whether B re-uses A (``--json``: ``{"similar": …, "overlap_s": …, "a_start_s": …, "b_start_s": …,
"matched": …}``); bad input is a bilingual message on stderr and exit code 2 (3: a broken installation).
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from workers.video import padding, sampling
from workers.video.cli_errors import CliError, broken, refused
from workers.video.errors import MediaError, ToolMissing
from workers.video.fingerprint_match import MIN_DUPLICATE_S, Overlap, index_keys, lookup_keys, overlap
from workers.video.padding import Stretch
from workers.video.probe import probe

__all__ = [
    "MIN_DUPLICATE_S",
    "Collector",
    "Fingerprint",
    "Overlap",
    "fingerprint_file",
    "frame_hash",
    "index_keys",
    "lookup_keys",
    "overlap",
]

FORMAT_VERSION = 1
_HEADER = struct.Struct("<BII")  # version, samples, duration in ms
CORE_MARGIN = 0.10  # of each side (after black bars): a 5 % crop or a logo in a corner moves little
THUMB_SIDE = 32
BLUR_SIGMA = 2.5  # in thumbnail pixels: cell edges then move smoothly with a crop or a resize
EDGE_LEVELS = 2.0  # luma levels between neighbouring cells that re-encoding does not undo
MIN_EDGES = 16  # of the 64 cell pairs: fewer such edges is a black/white/plain picture or a bare title
BAR_LUMA = 40  # a border row or column no brighter than this is a black bar (letterbox)
MAX_BAR = 0.25  # of a side: the widest bar removed
PADDING_KINDS = ("black", "frozen")  # silent stretches still show pictures worth comparing


@dataclass(frozen=True)
class Fingerprint:
    times: tuple[float, ...]  # seconds from the recording's start, ascending, kept to the millisecond
    hashes: tuple[int, ...]  # one unsigned 64-bit perceptual hash per time
    duration_s: float

    def __post_init__(self) -> None:
        if len(self.times) != len(self.hashes):
            raise ValueError("a fingerprint needs one hash per time")

    def __len__(self) -> int:
        return len(self.times)

    def to_bytes(self) -> bytes:
        """Version byte, sample count, duration (ms), then the times (uint32 ms) and hashes (uint64)."""
        header = _HEADER.pack(FORMAT_VERSION, len(self), _millis(self.duration_s))
        times = np.array([_millis(t) for t in self.times], dtype="<u4")
        return header + times.tobytes() + np.array(self.hashes, dtype="<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """The fingerprint :meth:`to_bytes` wrote; ``ValueError`` for anything else."""
        if len(data) < _HEADER.size:
            raise ValueError("fingerprint data too short")
        version, count, duration = _HEADER.unpack_from(data)
        if version != FORMAT_VERSION:
            raise ValueError(f"unknown fingerprint version {version}")
        if len(data) != _HEADER.size + 12 * count:
            raise ValueError("fingerprint data has the wrong length")
        times = np.frombuffer(data, dtype="<u4", count=count, offset=_HEADER.size)
        hashes = np.frombuffer(data, dtype="<u8", count=count, offset=_HEADER.size + 4 * count)
        if np.any(np.diff(times.astype(np.int64)) < 0):
            raise ValueError("fingerprint times are not in order")
        return cls(tuple(int(t) / 1000 for t in times), tuple(int(h) for h in hashes), duration / 1000)


def _millis(seconds: float) -> int:
    millis = round(seconds * 1000)
    if not 0 <= millis < 2**32:
        raise ValueError(f"time out of range: {seconds!r}")
    return millis


def frame_hash(grey: np.ndarray) -> int | None:
    """64-bit difference hash of the picture's centre (black bars removed); ``None`` when it is flat."""
    grey = np.asarray(grey)
    if grey.ndim != 2 or min(grey.shape) < 8:
        raise ValueError(f"expected a 2-D luma plane, got shape {grey.shape}")
    top, bottom, left, right = _content_box(grey)
    dy, dx = round((bottom - top) * CORE_MARGIN), round((right - left) * CORE_MARGIN)
    core = grey[top + dy : bottom - dy, left + dx : right - dx]
    thumb = cv2.resize(core, (THUMB_SIDE, THUMB_SIDE), interpolation=cv2.INTER_AREA).astype(np.float32)
    cells = cv2.resize(cv2.GaussianBlur(thumb, (0, 0), BLUR_SIGMA), (9, 8), interpolation=cv2.INTER_AREA)
    step = cells[:, 1:] - cells[:, :-1]
    if int(np.count_nonzero(np.abs(step) >= EDGE_LEVELS)) < MIN_EDGES:
        return None
    bits = step > 0
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def _content_box(grey: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) without black bars along the edges (at most MAX_BAR of each side)."""
    height, width = grey.shape
    step = max(1, min(height, width) // 90)  # a coarse look is enough to find a bar
    coarse = grey[::step, ::step]
    rows, cols = coarse.max(axis=1) > BAR_LUMA, coarse.max(axis=0) > BAR_LUMA
    if not rows.any():
        return 0, height, 0, width
    return (
        *_bars(rows, height, step),
        *_bars(cols, width, step),
    )


def _bars(bright: np.ndarray, size: int, step: int) -> tuple[int, int]:
    limit = int(size * MAX_BAR)
    first = min(int(np.argmax(bright)) * step, limit)
    last = max(size - int(np.argmax(bright[::-1])) * step, size - limit)
    return first, last


class Collector:
    """Hashes the sampled pictures as they come; :meth:`finish` leaves out black and frozen stretches."""

    def __init__(self) -> None:
        self._samples: list[tuple[float, int]] = []

    def add(self, t_s: float, grey: np.ndarray) -> None:
        """One sampled picture (its luma plane) at ``t_s`` seconds from the start."""
        value = frame_hash(grey)
        if value is not None:
            self._samples.append((round(max(0.0, t_s), 3), value))

    def finish(self, *, duration_s: float, padding: Sequence[Stretch] = ()) -> Fingerprint:
        """The fingerprint, without the samples inside black or frozen ``padding`` stretches."""
        dropped = _padding_union(padding)
        kept = sorted(s for s in self._samples if not any(a - 1e-3 <= s[0] < b - 1e-3 for a, b in dropped))
        return Fingerprint(tuple(t for t, _ in kept), tuple(h for _, h in kept), round(duration_s, 3))


def _padding_union(stretches: Sequence[Stretch]) -> list[tuple[float, float]]:
    """Apart from finish(), whose ``padding`` argument hides the module."""
    return padding.union(s for s in stretches if s.kind in PADDING_KINDS)


def fingerprint_file(
    path: Path, *, max_gap_s: float = 2.0, ffmpeg_binary: str | None = None, ffprobe_binary: str | None = None
) -> Fingerprint:
    """Fingerprint a local video from the pictures the analysis samples (MediaError for bad media)."""
    path = Path(path)
    info = probe(path, ffprobe_binary=ffprobe_binary)
    plan = sampling.plan(path, info, max_gap_s=max_gap_s, ffprobe_binary=ffprobe_binary)
    collector, spacing = Collector(), sampling.Spacing(max_gap_s)
    keyframes: list[float] = []
    sampler = sampling.FrameSampler(
        path, plan, video_taps=[padding.video_tap()], timeout_s=300 + plan.duration_s, ffmpeg_binary=ffmpeg_binary
    )
    with sampler:
        for frame in sampler:
            if frame.keyframe:
                keyframes.append(frame.t_s)
            for t_s, grey in spacing.offer(frame.t_s, (frame.t_s, frame.picture.grey)):
                collector.add(t_s, grey)
        for t_s, grey in spacing.flush():
            collector.add(t_s, grey)
        log = list(sampler.log_lines)
    stretches = padding.parse_log(log, duration_s=plan.duration_s, pictures=keyframes, start_s=plan.start_s)
    return collector.finish(duration_s=plan.duration_s, padding=stretches)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m workers.video.fingerprint",
        description="两个视频是否共用同一段录像 / Do two videos share a recorded sequence?",
    )
    parser.add_argument("a", type=Path, help="视频文件 A / video A")
    parser.add_argument("b", type=Path, help="视频文件 B / video B")
    parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")
    parser.add_argument("--ffmpeg", metavar="BIN", help="ffmpeg 程序 / the ffmpeg binary (default: configured)")
    parser.add_argument("--ffprobe", metavar="BIN", help="ffprobe 程序 / the ffprobe binary (default: configured)")
    return parser


def _fingerprint(path: Path, args: argparse.Namespace) -> Fingerprint:
    if not path.is_file():
        raise CliError(f"找不到视频文件：{path}", f"video file not found: {path}")
    try:
        return fingerprint_file(path, ffmpeg_binary=args.ffmpeg, ffprobe_binary=args.ffprobe)
    except MediaError as exc:
        raise CliError(f"{path}：{exc.reason.zh}", f"{path}: {exc.reason.en}") from exc
    except OSError as exc:  # unreadable (permissions), or gone since the check
        raise CliError(f"无法读取视频 {path}：{exc.strerror}", f"cannot read video {path}: {exc.strerror}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        found = overlap(_fingerprint(args.a, args), _fingerprint(args.b, args))
    except CliError as exc:
        return refused(exc)
    except ToolMissing as exc:
        return broken(exc)
    if args.json:
        summary = {"similar": found.similar, "overlap_s": found.seconds}
        summary |= {"a_start_s": found.a_start_s, "b_start_s": found.b_start_s, "matched": found.matched}
        print(json.dumps(summary))
    elif found.similar:
        where_zh = f"A 自 {found.a_start_s:.0f} 秒，B 自 {found.b_start_s:.0f} 秒"
        where_en = f"A from {found.a_start_s:.0f} s, B from {found.b_start_s:.0f} s"
        print(f"疑似重复使用：共有 {found.seconds:.0f} 秒相同片段（{where_zh}）")
        print(f"Likely re-used: {found.seconds:.0f} s shared ({where_en})")
    else:
        print(f"未发现重复使用：最长相同片段 {found.seconds:.0f} 秒（至少 {MIN_DUPLICATE_S:.0f} 秒才算）")
        print(f"Not re-used: longest shared sequence {found.seconds:.0f} s (it takes {MIN_DUPLICATE_S:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
