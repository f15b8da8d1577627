"""The poster and the seek-bar thumbnails (a sprite sheet + a WebVTT track) of an output.

Both are cut from our own ``video.mp4``, not the upload: it is already upright, scaled and
on the player's timeline (0 = the first frame the player shows), so thumbnails line up with
what the reviewer sees.

The storyboard decodes **keyframes only** (``-skip_frame nokey``): a small fraction of a full
decode. The ``fps`` filter then samples the keyframe
stream on a fixed grid — thumbnail *i* shows the keyframe nearest ``i × interval_s`` — and
``tile`` packs the thumbnails row by row into one JPEG. The last keyframe is cloned
(``tpad``) so the grid is full even when the last GOP is long. Every WebVTT cue names its
tile with a ``#xywh=`` fragment; cues are contiguous and cover ``[0, duration]``, which is
the contract players (video.js, Plyr, hls.js-based UIs) expect for a thumbnails track.

Decode errors are fatal here too: in copy mode this pass is the only decoder that sees the
data, and it notices a broken NAL structure anywhere (it parses every packet) and damaged
keyframes — though not garbage confined to the slice data of a non-key frame.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from workers.video import tool_args
from workers.video.ffmpeg_progress import ProgressTracker
from workers.video.ffmpeg_run import STRICT_DECODE, base_args, run_ffmpeg

POSTER_NAME = "poster.jpg"
SPRITE_NAME = "storyboard.jpg"
VTT_NAME = "storyboard.vtt"
TILE_LONG_SIDE = 160
MIN_INTERVAL_S = 2  # the transcoded outputs have a keyframe every 2 s
MAX_TILES = 200  # one JPEG of at most 1600×1800 px (landscape tiles)
MAX_COLUMNS = 10
TAIL_MERGE_S = 0.5  # a remainder this short joins the last cue instead of getting its own


@dataclass(frozen=True)
class StoryboardGrid:
    tile_width: int
    tile_height: int
    columns: int
    rows: int
    interval_s: float
    count: int  # tiles in use (the last row may have unused ones)
    image: str = SPRITE_NAME
    vtt: str = VTT_NAME

    @property
    def sprite_size(self) -> tuple[int, int]:
        return self.columns * self.tile_width, self.rows * self.tile_height

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def storyboard_grid(width: int, height: int, duration_s: float) -> StoryboardGrid:
    """Tile size (long side 160, aspect kept) and a grid with one tile per ``interval_s``."""
    scale = TILE_LONG_SIDE / max(width, height, 1)
    tile_w, tile_h = (max(2, round(side * scale / 2) * 2) for side in (width, height))
    interval = max(MIN_INTERVAL_S, math.ceil(duration_s / MAX_TILES))
    count = max(1, math.ceil((duration_s - TAIL_MERGE_S) / interval - 1e-9))
    columns = min(MAX_COLUMNS, count)
    return StoryboardGrid(tile_w, tile_h, columns, math.ceil(count / columns), float(interval), count)


def storyboard_vtt(grid: StoryboardGrid, duration_s: float) -> str:
    """The WebVTT thumbnails track; image URIs are relative to the .vtt file."""
    lines = ["WEBVTT", ""]
    for i in range(grid.count):
        start = i * grid.interval_s
        end = duration_s if i == grid.count - 1 else (i + 1) * grid.interval_s
        x, y = (i % grid.columns) * grid.tile_width, (i // grid.columns) * grid.tile_height
        lines += [
            f"{_clock(start)} --> {_clock(end)}",
            f"{grid.image}#xywh={x},{y},{grid.tile_width},{grid.tile_height}",
        ]
        lines.append("")
    return "\n".join(lines)


def storyboard_args(
    video: Path, grid: StoryboardGrid, duration_s: float, *, ffmpeg_binary: str | None = None
) -> list[str]:
    """Keyframes of ``video`` → one sprite sheet ``storyboard.jpg`` in the cwd."""
    chain = [
        "setpts=PTS-STARTPTS",
        f"scale={grid.tile_width}:{grid.tile_height}",
        f"tpad=stop_mode=clone:stop_duration={math.ceil(duration_s) + 2 * grid.interval_s:g}",
        f"fps=1/{grid.interval_s:g}",
        f"tile={grid.columns}x{grid.rows}",
    ]
    return [
        *base_args(ffmpeg_binary),
        *tool_args.safe_input(video, *STRICT_DECODE, "-skip_frame", "nokey"),
        *["-map", "0:v:0", "-an", "-vf", ",".join(chain), "-frames:v", "1", "-q:v", "5"],
        *["-f", "image2", "-update", "1", f"file:{grid.image}"],
    ]


def poster_args(video: Path, duration_s: float, *, ffmpeg_binary: str | None = None) -> list[str]:
    """One frame a tenth of the way in (at most 10 s: lessons open on a title or black)."""
    at = min(duration_s * 0.1, 10.0)
    return [
        *base_args(ffmpeg_binary),
        *tool_args.safe_input(video, *STRICT_DECODE, "-ss", f"{at:.3f}"),
        *["-map", "0:v:0", "-an", "-frames:v", "1", "-q:v", "3", "-f", "image2", "-update", "1"],
        f"file:{POSTER_NAME}",
    ]


def make_storyboard(
    video: Path,
    out_dir: Path,
    *,
    width: int,
    height: int,
    duration_s: float,
    ffmpeg_binary: str | None = None,
    timeout_s: float | None = None,
    tracker: ProgressTracker | None = None,
) -> StoryboardGrid:
    """Write ``storyboard.jpg`` and ``storyboard.vtt`` into ``out_dir``."""
    grid = storyboard_grid(width, height, duration_s)
    args = storyboard_args(video, grid, duration_s, ffmpeg_binary=ffmpeg_binary)
    run_ffmpeg(args, cwd=out_dir, timeout_s=timeout_s, tracker=tracker, what="storyboard")
    (out_dir / grid.vtt).write_text(storyboard_vtt(grid, duration_s), encoding="utf-8")
    return grid


def make_poster(
    video: Path,
    out_dir: Path,
    *,
    duration_s: float,
    ffmpeg_binary: str | None = None,
    timeout_s: float | None = None,
) -> str:
    """Write ``poster.jpg`` into ``out_dir``; returns its relative name."""
    run_ffmpeg(poster_args(video, duration_s, ffmpeg_binary=ffmpeg_binary), cwd=out_dir, timeout_s=timeout_s)
    return POSTER_NAME


def _clock(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
