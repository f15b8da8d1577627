"""Pictures to search for faces: every keyframe, plus seek-decoded frames wherever keyframes are sparse.

A keyframe decodes on its own, so ``-skip_frame nokey`` leaves ffmpeg nothing else to decode: about a
tenth of a full decode. That pass decodes on one thread (``-threads 1``): the decoder's frame threads
have no neighbouring frames to work on and only add their hand-overs (one thread is no slower, for less
CPU). We need a frame at least every ``max_gap_s`` (2 s) and phones often write a keyframe only every
10 s, so gaps are filled per gap: one ffmpeg seeks to the keyframe opening it (``-ss`` before ``-i``: a
demuxer seek) and decodes only up to the last frame it needs, skipping frames nothing refers to
(``-skip_frame noref``). That beats one ``select`` pass (it also decodes every gap's tail) and one
``-ss`` per frame (each decodes from its keyframe again); ``bench/analysis.py`` measures all three.

Both kinds of ffmpeg stream raw YUV 4:2:0 frames (:mod:`workers.video.picture`) into small queues
from background threads (decoding overlaps face detection), merged back into time order for the
change tracking. Timestamps are exact pts from ``showinfo``; both passes use ``-copyts`` and the
container start time is subtracted here (``-start_at_zero`` shifts by the first *video* pts instead:
wrong when audio starts first).
Every ffmpeg runs like the probe (no shell, the command from :mod:`workers.video.tool_args`: the
configured binary, ``file:`` + absolute path, protocol and demuxer allowlists; a deadline);
autorotate stays on, so faces are upright whatever the display matrix says. The keyframe pass can
carry *taps*, filter chains fed the same pictures and sound (the :mod:`workers.video.padding`
detectors): padding costs no second decode.
"""

from __future__ import annotations

import contextlib
import math
import queue
import re
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import AnalysisTimeout, CorruptMedia, ToolMissing
from workers.video.picture import Picture
from workers.video.probe import MediaInfo

FRAME_TAG = "showinfo@frames"
_PTS = re.compile(r"^\[showinfo@frames @ [^\]]+\] n:\s*\d+ pts:\s*-?\d+ pts_time:(?P<t>-?[0-9.e+-]+)")
_END = object()
PIXEL_FORMAT = "yuv420p"  # what Picture.from_i420 reads; output_size keeps both sides even
GAP_SLACK_S = 0.05  # a 29.97 fps phone's keyframe every 60 frames is 2.002 s: not worth a seek each


@dataclass(frozen=True)
class Frame:
    t_s: float
    picture: Picture  # upright
    keyframe: bool

    @property
    def image(self) -> np.ndarray:
        """The frame in RGB, height × width × 3."""
        return self.picture.rgb


@dataclass(frozen=True)
class Gap:
    seek_s: float  # the keyframe (or 0) decoding starts from
    targets: tuple[float, ...]  # the first frame at or after each of these is kept


@dataclass(frozen=True)
class SamplingPlan:
    width: int
    height: int
    duration_s: float
    keyframes: tuple[float, ...]
    gaps: tuple[Gap, ...]
    start_s: float = 0.0  # the container's start time: raw timestamp = start_s + seconds from the start


class Spacing:
    """Of the frames decoded, in time order, the fewest to search that leave no gap over ``max_gap_s``.

    Why: every keyframe is decoded (the padding detectors need them all, and a keyframe decodes for
    ~10 ms), but searching one for faces costs ~100× that, and many cameras write a keyframe every
    second (录播 systems at GOP = fps) or faster: searching them all would pay 2× or more for what
    the 2-s rule asks. Greedy with one frame of look-ahead: a frame is held, and searched only when
    the next one would leave more than ``max_gap_s`` (plus the same slack as :func:`plan_gaps`) since
    the last frame searched. The first and the last frame are always searched. Frames already 2 s
    apart are all searched, as before.
    """

    def __init__(self, max_gap_s: float = 2.0) -> None:
        self.max_gap_s = max_gap_s + GAP_SLACK_S
        self._last_s: float | None = None
        self._held: tuple[float, object] | None = None

    def offer(self, t_s: float, item: object) -> list[object]:
        """The items to search now (in time order), after ``item`` at ``t_s`` arrived."""
        if self._last_s is None:
            self._last_s = t_s
            return [item]
        due = []
        if self._held is not None and t_s - self._last_s > self.max_gap_s:
            self._last_s, held = self._held
            due.append(held)
        self._held = (t_s, item)
        return due

    def flush(self) -> list[object]:
        """The held frame, if any: the end of the video is searched too."""
        held, self._held = self._held, None
        return [] if held is None else [held[1]]


def output_size(info: MediaInfo, *, max_side: int = 1280) -> tuple[int, int]:
    """Upright frame size: the display size, shrunk so its long side is at most ``max_side``."""
    width, height = (info.height, info.width) if info.rotation in (90, 270) else (info.width, info.height)
    factor = min(1.0, max_side / max(width, height, 1))
    return max(2, round(width * factor / 2) * 2), max(2, round(height * factor / 2) * 2)


def keyframe_index_args(path: Path, *, ffprobe_binary: str | None = None) -> list[str]:
    """ffprobe listing the first video stream's packets (time, flags) and the container start time."""
    options = ["-select_streams", "v:0", "-show_entries", "packet=pts_time,dts_time,flags:format=start_time"]
    return [*tool_args.ffprobe_command(ffprobe_binary, *options, "-of", "csv"), *tool_args.safe_input(path)]


def keyframe_times(
    path: Path, *, ffprobe_binary: str | None = None, timeout_s: float = 120
) -> tuple[list[float], float]:
    """Every video keyframe (seconds from the start) and the container start time, from the packet
    index: demuxing only, no decode."""
    args = keyframe_index_args(path, ffprobe_binary=ffprobe_binary)
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout_s, preexec_fn=lifeline()
        )
    except subprocess.TimeoutExpired as exc:
        raise AnalysisTimeout(detail=f"keyframe index exceeded {timeout_s:g} s") from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc
    if done.returncode != 0:
        raise CorruptMedia(detail=done.stderr.decode("utf-8", "replace")[-500:])
    start, times = 0.0, []
    for line in done.stdout.decode("ascii", "replace").splitlines():
        kind, _, rest = line.partition(",")
        fields = rest.split(",")
        if kind == "format":
            start = _float(fields[0]) or 0.0
        elif kind == "packet" and len(fields) >= 3 and "K" in fields[2]:
            times.append(_float(fields[0]) if _float(fields[0]) is not None else _float(fields[1]))
    return sorted({round(t - start, 6) for t in times if t is not None}), start


def _float(text: str) -> float | None:
    try:
        return value if math.isfinite(value := float(text)) else None
    except ValueError:  # "N/A"
        return None


def plan_gaps(keyframes: Sequence[float], duration_s: float, *, max_gap_s: float = 2.0) -> list[Gap]:
    """Where keyframes (and the start/end of the video) are more than ``max_gap_s`` apart, what to fill."""
    step = max(0.1, max_gap_s - 0.25)  # leave room: the frame kept is the first *at or after* a target
    anchors = sorted({0.0, *(k for k in keyframes if 0 <= k < duration_s), duration_s})
    gaps = []
    for a, b in zip(anchors, anchors[1:]):
        if b - a <= max_gap_s + GAP_SLACK_S:
            continue
        count = math.ceil((b - a) / step) - 1
        targets = tuple(round(a + (b - a) * i / (count + 1), 3) for i in range(1, count + 1))
        seek = a if a in keyframes else max((k for k in keyframes if k <= a), default=0.0)
        gaps.append(Gap(seek_s=seek, targets=targets))
    return gaps


def plan(
    path: Path,
    info: MediaInfo,
    *,
    max_gap_s: float = 2.0,
    max_side: int = 1280,
    timeout_s: float = 120,
    ffprobe_binary: str | None = None,
) -> SamplingPlan:
    """Index the keyframes of ``path`` and decide which frames to decode."""
    keyframes, start = keyframe_times(path, ffprobe_binary=ffprobe_binary, timeout_s=timeout_s)
    duration = info.duration_s or (keyframes[-1] if keyframes else 0.0)
    width, height = output_size(info, max_side=max_side)
    gaps = plan_gaps(keyframes, duration, max_gap_s=max_gap_s)
    return SamplingPlan(width, height, duration, tuple(keyframes), tuple(gaps), start)


def keyframe_command(
    path: Path,
    plan: SamplingPlan,
    *,
    video_taps: Sequence[str] = (),
    audio_taps: Sequence[str] = (),
    ffmpeg_binary: str | None = None,
) -> list[str]:
    """ffmpeg decoding only keyframes, feeding ``video_taps``/``audio_taps`` the same pictures/sound."""
    n = len(video_taps) + 1
    graph = f"[0:v:0]scale={plan.width}:{plan.height},split={n}" + "".join(f"[v{i}]" for i in range(n))
    graph += f";[v0]{FRAME_TAG}=checksum=0,format={PIXEL_FORMAT}[out]"
    graph += "".join(f";[v{i}]{tap}" for i, tap in enumerate(video_taps, start=1))
    if audio_taps:
        graph += f";[0:a:0]asplit={len(audio_taps)}" + "".join(f"[a{i}]" for i in range(len(audio_taps)))
        graph += "".join(f";[a{i}]{tap}" for i, tap in enumerate(audio_taps))
    return _ffmpeg(ffmpeg_binary, path, ["-threads", "1", "-skip_frame", "nokey", "-copyts"], graph)


def gap_command(path: Path, plan: SamplingPlan, gap: Gap, *, ffmpeg_binary: str | None = None) -> list[str]:
    """ffmpeg seeking to ``gap.seek_s`` and keeping the first frame at or after each target."""
    raw = [t + plan.start_s for t in gap.targets]  # select sees -copyts timestamps
    terms = "+".join(f"gte(t,{t:.3f})*not(gte(prev_t,{t:.3f}))" for t in raw)
    graph = f"[0:v:0]select='{terms}',scale={plan.width}:{plan.height}"
    graph += f",{FRAME_TAG}=checksum=0,format={PIXEL_FORMAT}[out]"
    span = gap.targets[-1] - gap.seek_s + 0.5
    # -ss counts from the start whatever -copyts says; a hair after the keyframe so the seek lands on it
    args = ["-skip_frame", "noref", "-copyts", "-ss", f"{gap.seek_s + 0.001:.6f}", "-t", f"{span:.3f}"]
    return _ffmpeg(ffmpeg_binary, path, args, graph)


def _ffmpeg(binary: str | None, path: Path, input_options: list[str], graph: str) -> list[str]:
    return [
        *tool_args.ffmpeg_command(binary, "-nostats", "-loglevel", "info"),
        *tool_args.safe_input(path, *input_options),
        "-filter_complex", graph, "-map", "[out]", "-fps_mode", "passthrough",
        "-f", "rawvideo", "-pix_fmt", PIXEL_FORMAT, "pipe:1",
    ]  # fmt: skip


class FrameSampler:
    """Run the planned ffmpeg passes and iterate their frames in time order; use as a context manager."""

    def __init__(
        self,
        path: Path,
        plan: SamplingPlan,
        *,
        video_taps: Sequence[str] = (),
        audio_taps: Sequence[str] = (),
        timeout_s: float = 600,
        queue_frames: int = 4,
        ffmpeg_binary: str | None = None,
    ) -> None:
        self.plan, self.timeout_s, self.deadline = plan, timeout_s, time.monotonic() + timeout_s
        self.log_lines: list[str] = []  # the keyframe pass's stderr, showinfo lines excluded
        self._stop, self._lock = threading.Event(), threading.Lock()
        self._procs: list[subprocess.Popen[bytes]] = []
        keyframes = keyframe_command(
            path, plan, video_taps=video_taps, audio_taps=audio_taps, ffmpeg_binary=ffmpeg_binary
        )
        passes = [
            ([keyframes], True),
            ([gap_command(path, plan, g, ffmpeg_binary=ffmpeg_binary) for g in plan.gaps], False),
        ]
        self._queues = [queue.Queue[object](queue_frames) for _ in passes]
        self._threads = [
            threading.Thread(target=self._run, args=(*p, q), daemon=True) for p, q in zip(passes, self._queues)
        ]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> FrameSampler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every ffmpeg this sampler started (safe to call twice)."""
        self._stop.set()
        with self._lock:
            for proc in self._procs:
                if proc.poll() is None:
                    proc.kill()
        for thread in self._threads:
            thread.join(timeout=5)

    def __iter__(self) -> Iterator[Frame]:
        """Both streams merged by timestamp (each is already in time order)."""
        heads: list[object] = [self._next(q) for q in self._queues]
        while live := [(h.t_s, i) for i, h in enumerate(heads) if isinstance(h, Frame)]:
            i = min(live)[1]
            frame, heads[i] = heads[i], self._next(self._queues[i])
            yield frame  # type: ignore[misc]

    def _next(self, source: queue.Queue[object]) -> object:
        remaining = self.deadline - time.monotonic()
        try:
            item = source.get(timeout=max(0.0, remaining))
        except queue.Empty:
            self.close()
            raise AnalysisTimeout(detail=f"ffmpeg frame sampling exceeded {self.timeout_s:g} s") from None
        if isinstance(item, BaseException):
            self.close()
            raise item
        return item

    def _put(self, target: queue.Queue[object], item: object) -> bool:
        while not self._stop.is_set():
            with contextlib.suppress(queue.Full):
                target.put(item, timeout=0.2)
                return True
        return False

    def _run(self, commands: list[list[str]], keyframe: bool, target: queue.Queue[object]) -> None:
        try:
            for command in commands:
                if self._stop.is_set() or not self._stream(command, keyframe, target):
                    return
            self._put(target, _END)
        except queue.Empty:
            self._put(target, AnalysisTimeout(detail=f"ffmpeg frame sampling exceeded {self.timeout_s:g} s"))
        except BaseException as exc:  # handed to the consuming thread, which re-raises it
            self._put(target, exc)

    def _stream(self, command: list[str], keyframe: bool, target: queue.Queue[object]) -> bool:
        try:
            proc = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lifeline()
            )
        except OSError as exc:
            raise ToolMissing(f"cannot run {command[0]!r}: {exc}") from exc
        with self._lock:
            self._procs.append(proc)
        times: queue.Queue[float] = queue.Queue()
        tail: list[str] = []
        reader = threading.Thread(target=self._read_log, args=(proc, times, tail, keyframe), daemon=True)
        reader.start()
        width, height = self.plan.width, self.plan.height
        size = width * height * 3 // 2
        assert proc.stdout is not None
        finished = False
        try:
            while len(data := proc.stdout.read(size)) == size:
                t = times.get(timeout=max(0.1, self.deadline - time.monotonic()))  # Empty: past the deadline
                frame = Frame(round(t - self.plan.start_s, 6), Picture.from_i420(data, width, height), keyframe)
                if not self._put(target, frame):
                    return False
            finished = True
        finally:
            if not finished:  # stopped, timed out or failed: do not wait for a stuck ffmpeg
                proc.kill()
            proc.stdout.close()
            code = proc.wait()
            reader.join()
        if code != 0 and not self._stop.is_set():
            raise CorruptMedia(detail="ffmpeg: " + " | ".join(tail[-5:])[-500:])
        return True

    def _read_log(self, proc: subprocess.Popen[bytes], times: queue.Queue[float], tail: list[str], keep: bool) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if match := _PTS.match(line):
                times.put(float(match.group("t")))
                continue
            if keep:
                self.log_lines.append(line)
            tail[:] = [*tail[-19:], line]
