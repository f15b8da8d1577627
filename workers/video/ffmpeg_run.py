"""Run ffmpeg on an upload the way :mod:`workers.video.probe` runs ffprobe: locked down.

* the command starts from :mod:`workers.video.tool_args` (the configured binary; the input opened
  with the protocol and demuxer allowlists, as ``file:/absolute/path``);
* no shell, stdin closed, a wall-clock timeout (the process is killed and reaped);
* progress comes from ``-progress pipe:1`` and is handed to a
  :class:`~workers.video.ffmpeg_progress.ProgressTracker` *on the calling thread*, so the
  caller's callback never runs concurrently with the caller;
* stderr goes to a temporary file (a chatty ffmpeg can never fill a pipe and deadlock),
  and only its tail is kept for the error message.

Outputs are relative names resolved against ``cwd`` (the output directory), so output
paths never need escaping inside tee/hls option strings.
"""

from __future__ import annotations

import errno
import os
import selectors
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from domain import reasons
from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import CorruptMedia, MediaError, ToolMissing
from workers.video.ffmpeg_progress import ProgressTracker

_OUTPUT_TROUBLE = ("No space left on device", "Disk quota exceeded", "Read-only file system")
# ffmpeg's HLS muxer drops a failed segment write without a word (exit 0, a 4 KiB segment, empty
# playlists), so a run that leaves less room than this on its output's disk is taken as one that
# ran out of it. A write fails only once the room left is smaller than the write (ffmpeg's I/O
# buffer is 32 KiB), so this errs on the side of a retry, never of a truncated output.
MIN_ROOM_AFTER_BYTES = 64 * 1024
# Input options: the decoders' silent error concealment becomes an error, and ``-xerror`` (global,
# in :func:`base_args`) turns that into a non-zero exit, so a file with garbage in the middle fails
# instead of yielding a smeared or short output.
STRICT_DECODE = ("-err_detect", "explode")


class TranscodeTimeout(MediaError):
    """ffmpeg did not finish in time; permanent like a probe timeout, and said to be a timeout."""

    default_reason = reasons.TRANSCODE_TIMEOUT


def base_args(ffmpeg_binary: str | None = None, *, progress: bool = True) -> list[str]:
    """Global options every run starts with (``ffmpeg_binary`` default: the configured one)."""
    args = tool_args.ffmpeg_command(ffmpeg_binary, "-y", "-v", "error", "-xerror")
    return args + (["-progress", "pipe:1", "-nostats"] if progress else [])


def run_ffmpeg(
    args: Sequence[str],
    *,
    cwd: Path,
    timeout_s: float | None = None,
    tracker: ProgressTracker | None = None,
    what: str = "ffmpeg",
) -> None:
    """Run ``args``; raise :class:`CorruptMedia` (``transcode.failed``) if ffmpeg fails.

    A full or read-only disk raises ``OSError`` instead: that is the worker's problem, not
    the upload's, and the stage may retry it. So does a run that exits 0 but leaves its output's
    disk without room, since the HLS muxer loses segment writes silently.
    """
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    with tempfile.TemporaryFile() as stderr:
        try:
            proc = subprocess.Popen(
                args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, preexec_fn=lifeline()
            )
        except OSError as exc:
            raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc
        try:
            _pump(proc, tracker, deadline)
        except subprocess.TimeoutExpired as exc:
            proc.kill()
            proc.wait()
            raise TranscodeTimeout(detail=f"{what} exceeded {timeout_s:g} s") from exc
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        stderr.seek(0)
        tail = stderr.read()[-4000:].decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        if any(marker in tail for marker in _OUTPUT_TROUBLE):
            raise OSError(errno.ENOSPC, f"{what} could not write its output: {tail[-300:]}")
        raise CorruptMedia(reasons.TRANSCODE_FAILED, detail=f"{what} exit {proc.returncode}: {tail[-800:]}")
    if room_left(cwd) < MIN_ROOM_AFTER_BYTES:
        raise OSError(errno.ENOSPC, f"{what} left no room on its output's disk; some output may be cut short")
    if tracker is not None:
        tracker.finish()


def room_left(directory: Path) -> int:
    """Bytes this process may still write under ``directory`` (root may use the reserved blocks)."""
    st = os.statvfs(directory)
    return (st.f_bfree if os.geteuid() == 0 else st.f_bavail) * st.f_frsize


def _pump(proc: subprocess.Popen, tracker: ProgressTracker | None, deadline: float | None) -> None:
    """Feed stdout lines to ``tracker`` until ffmpeg exits; TimeoutExpired past ``deadline``."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    pending = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(proc.args, 0)
            if not selector.select(timeout=min(left, 1.0) if left is not None else 1.0):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:  # EOF: ffmpeg closed stdout, i.e. it is exiting
                break
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                if tracker is not None:
                    tracker.feed(line.decode("utf-8", "replace"))
    left = None if deadline is None else max(0.0, deadline - time.monotonic())
    proc.wait(timeout=left)
    proc.stdout.close()
