"""Make a recording browser-playable: MP4, HLS ladder, poster and storyboard in one directory.

``build_outputs`` is the pure-media half of the transcode stage (no storage, no database):

1. a quick look at the source (:mod:`~workers.video.source_scan`) and the decision
   (:func:`~workers.video.playback_plan.plan_playback`): stream copy or x264;
2. one ffmpeg run writes ``video.mp4`` and ``hls/`` (progress parsed from ``-progress``);
3. ``storyboard.jpg`` + ``storyboard.vtt`` from the MP4's keyframes, then ``poster.jpg``;
4. everything is read back and checked (:mod:`~workers.video.output_check`).

Running it again into the same directory first removes what an earlier run left there (only
our own file names), so a re-run yields exactly the same set of files. If any step fails,
the partial outputs are removed as well and the error propagates: :class:`CorruptMedia`
with ``transcode.failed`` for a broken source, ``OSError`` for a full disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from workers.video import playback_args
from workers.video.ffmpeg_progress import ProgressTracker, Report
from workers.video.ffmpeg_run import TranscodeTimeout, run_ffmpeg
from workers.video.output_check import RenditionOutput, check_hls, check_mp4
from workers.video.playback_plan import COPY, PlaybackPlan, plan_playback
from workers.video.probe import MediaInfo
from workers.video.source_scan import scan_source
from workers.video.storyboard import POSTER_NAME, SPRITE_NAME, VTT_NAME, StoryboardGrid, make_poster, make_storyboard

MP4 = playback_args.MP4_NAME
MASTER = f"hls/{playback_args.MASTER_NAME}"
_OWN_FILES = (MP4, POSTER_NAME, SPRITE_NAME, VTT_NAME)
_OWN_DIRS = ("hls",)
_SIDE_TIMEOUT_S = 120.0  # scan, storyboard, poster, checks: each far quicker than this...
_SIDE_TIMEOUT_PER_S = 0.1  # ...plus 6 s per minute of video (a 4-hour TS is read whole by the scan)


@dataclass(frozen=True)
class OutputManifest:
    mode: str  # "copy" or "transcode"
    reasons: tuple[str, ...]  # why it was transcoded (empty for a plain copy)
    profiles: tuple[RenditionOutput, ...]  # top rendition first; video.mp4 holds that one
    files: tuple[str, ...]  # every file written, relative to the output directory, sorted
    duration_s: float
    mp4: str
    hls_master: str  # the master playlist, "hls/master.m3u8"
    poster: str
    storyboard: StoryboardGrid

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reasons"], data["files"] = list(self.reasons), list(self.files)
        data["profiles"] = [p.as_dict() for p in self.profiles]
        return data


def build_outputs(
    src: Path,
    info: MediaInfo,
    out_dir: Path,
    *,
    progress: Report | None = None,
    timeout_s: float | None = None,
    ffmpeg_binary: str | None = None,
    ffprobe_binary: str | None = None,
) -> OutputManifest:
    """Write the browser-ready outputs of ``src`` (probed as ``info``) into ``out_dir``.

    ``progress(percent)`` is called now and then on this thread; ``timeout_s`` bounds the
    whole call (default :func:`default_timeout_s`). The binaries default to the configured ones.
    """
    if not os.path.exists(src):
        raise FileNotFoundError(errno.ENOENT, "no source to transcode", os.fspath(src))
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (default_timeout_s(info) if timeout_s is None else timeout_s)
    clear_outputs(out_dir)
    progress = _forward_only(progress)
    try:
        return _build(Path(src).resolve(), info, out_dir, progress, deadline, ffmpeg_binary, ffprobe_binary)
    except BaseException:
        clear_outputs(out_dir)
        raise


def default_timeout_s(info: MediaInfo) -> float:
    """A ceiling for a hung ffmpeg: 10 minutes, or 4× the duration for long recordings."""
    return max(600.0, 4.0 * (info.duration_s or 0.0))


def choose_plan(
    src: Path, info: MediaInfo, *, ffprobe_binary: str | None = None, timeout_s: float = 120
) -> PlaybackPlan:
    """Plan from ``info``; a copy candidate's timeline is scanned before it is trusted."""
    first = plan_playback(info)
    scan = scan_source(src, packets=first.mode == COPY, ffprobe_binary=ffprobe_binary, timeout_s=timeout_s)
    return plan_playback(info, scan)


def _build(src, info, out_dir, progress, deadline, ffmpeg_binary, ffprobe_binary) -> OutputManifest:
    side_cap = _SIDE_TIMEOUT_S + _SIDE_TIMEOUT_PER_S * (info.duration_s or 0.0)
    plan = choose_plan(src, info, ffprobe_binary=ffprobe_binary, timeout_s=_left(deadline, side_cap))
    for directory in plan.output_dirs():
        (out_dir / directory).mkdir(parents=True, exist_ok=True)
    main_end = 60.0 if plan.mode == COPY else 90.0
    tracker = ProgressTracker(info.duration_s, progress, span=(1.0, main_end))
    args = plan.ffmpeg_args(src, ffmpeg_binary=ffmpeg_binary)
    run_ffmpeg(args, cwd=out_dir, timeout_s=_left(deadline), tracker=tracker, what=f"ffmpeg {plan.mode}")

    mp4 = check_mp4(out_dir / MP4, info.duration_s, ffprobe_binary=ffprobe_binary, timeout_s=_left(deadline, side_cap))
    duration = mp4.duration_s or info.duration_s or 0.0
    grid = make_storyboard(
        out_dir / MP4,
        out_dir,
        width=mp4.width,
        height=mp4.height,
        duration_s=duration,
        ffmpeg_binary=ffmpeg_binary,
        timeout_s=_left(deadline, side_cap),
        tracker=ProgressTracker(duration, progress, span=(main_end, 97.0)),
    )
    poster = make_poster(
        out_dir / MP4, out_dir, duration_s=duration, ffmpeg_binary=ffmpeg_binary, timeout_s=_left(deadline, side_cap)
    )
    renditions = check_hls(
        out_dir / MASTER, info.duration_s, ffprobe_binary=ffprobe_binary, timeout_s=_left(deadline, side_cap)
    )
    if progress is not None:
        progress(100.0)
    return OutputManifest(
        mode=plan.mode,
        reasons=plan.reasons,
        profiles=renditions,
        files=list_outputs(out_dir),
        duration_s=round(duration, 3),
        mp4=MP4,
        hls_master=MASTER,
        poster=poster,
        storyboard=grid,
    )


def clear_outputs(out_dir: Path) -> None:
    """Remove what a run writes (and only that) from ``out_dir``."""
    for name in _OWN_FILES:
        (out_dir / name).unlink(missing_ok=True)
    for name in _OWN_DIRS:
        shutil.rmtree(out_dir / name, ignore_errors=True)


def list_outputs(out_dir: Path) -> tuple[str, ...]:
    """Our files under ``out_dir`` as sorted POSIX paths relative to it."""
    found = [name for name in _OWN_FILES if (out_dir / name).is_file()]
    for name in _OWN_DIRS:
        found += [p.relative_to(out_dir).as_posix() for p in (out_dir / name).rglob("*") if p.is_file()]
    return tuple(sorted(found))


def _forward_only(report: Report | None) -> Report | None:
    """Each step reports its own span; never repeat or go back across steps."""
    if report is None:
        return None
    last = [-1.0]

    def forward(percent: float) -> None:
        if percent > last[0]:
            last[0] = percent
            report(percent)

    return forward


def _left(deadline: float | None, cap: float | None = None) -> float | None:
    """Seconds left before ``deadline`` (at most ``cap``); raises once it has passed."""
    if deadline is None:
        return cap
    left = deadline - time.monotonic()
    if left <= 0:
        raise TranscodeTimeout(detail="the transcode ran out of time")
    return left if cap is None else min(left, cap)
