"""Black, frozen and silent stretches (ffmpeg blackdetect, freezedetect, silencedetect) and the
effective duration that is left once they are removed.

A recording stretched to 10 minutes with a black or frozen screen, or with the sound cut, must
not pass the duration rule, so all three kinds count as padding — including a silent stretch
over moving pictures (the issue says so, and a real discussion never drops to digital silence
for long). Overlapping stretches are merged: effective = duration − |union(stretches)|.

Defaults, and why:

* black ≥ 2 s, a pixel is black under 10 % luma and a picture under 2 % non-black pixels:
  a black screen is never content, so the shortest stretch ffmpeg documents is enough;
* frozen ≥ 5 s at −60 dB mean absolute frame difference: a live camera is never that still
  (sensor and encoder noise differ far more than −60 dB between keyframes), while a paused
  recording or a still image repeats the same picture exactly;
* silent ≥ 10 s under −60 dBFS: digital silence; people pause while talking, and room tone
  sits well above −60 dBFS. A file with no audio stream has no silent *stretches*: that is
  the probe's ``has_audio``, for a separate rule.

The video detectors need decoded pictures. Inside the analysis they ride on the keyframe-only
decode that also feeds face detection (:func:`video_tap` / :func:`audio_tap` are spliced into
that ffmpeg by :mod:`workers.video.sampling`), so padding costs no extra decode; stretch edges
are then accurate to the keyframe interval (2 s on most cameras, up to ~10 s on some phones).
:func:`detect_padding` runs the same detectors as one standalone ffmpeg pass, on keyframes or
on a full decode reduced to ``fps`` pictures a second at 160 px (the decode, not the filters, is
the cost: a full decode takes about ten times as long as the keyframes).

ffmpeg quirk handled here: freezedetect reports a "freeze" between any two consecutive
pictures further apart than its minimum duration, frozen or not, and blackdetect turns one
black keyframe into a stretch as long as the keyframe interval. Sparse pictures make both
happen, so a stretch counts only if it spans at least two analysed pictures.
"""

from __future__ import annotations

import bisect
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import AnalysisTimeout, CorruptMedia, ToolMissing

_BLACK = re.compile(r"black_start:\s*(?P<start>[-0-9.e+]+)\s+black_end:\s*(?P<end>[-0-9.e+]+)")
_FREEZE = re.compile(r"lavfi\.freezedetect\.freeze_(?P<edge>start|end):\s*(?P<t>[-0-9.e+]+)")
_SILENCE = re.compile(r"silence_(?P<edge>start|end):\s*(?P<t>[-0-9.e+]+)")
_PICTURE = re.compile(r"^\[showinfo@padding @ [^\]]+\] n:\s*\d+ pts:\s*-?\d+ pts_time:(?P<t>-?[0-9.e+-]+)")


@dataclass(frozen=True)
class Stretch:
    kind: str  # "black", "frozen" or "silent"
    start_s: float
    end_s: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class PaddingSettings:
    black_min_s: float = 2.0
    black_pixel_threshold: float = 0.10
    black_picture_ratio: float = 0.98
    freeze_min_s: float = 5.0
    freeze_noise_db: float = -60.0
    silence_min_s: float = 10.0
    silence_noise_db: float = -60.0
    width: int = 160  # pictures are shrunk to this before the detectors: they look at whole frames


def video_tap(settings: PaddingSettings = PaddingSettings()) -> str:
    """A filter chain (ending in a sink) that logs black and frozen stretches of the pictures fed to it."""
    s = settings
    return (
        f"scale={s.width}:-2,"
        f"blackdetect=d={s.black_min_s}:pix_th={s.black_pixel_threshold}:pic_th={s.black_picture_ratio},"
        f"freezedetect=n={s.freeze_noise_db}dB:d={s.freeze_min_s},nullsink"
    )


def audio_tap(settings: PaddingSettings = PaddingSettings()) -> str:
    """A filter chain (ending in a sink) that logs silent stretches."""
    return f"silencedetect=n={settings.silence_noise_db}dB:d={settings.silence_min_s},anullsink"


def parse_log(
    lines: Iterable[str], *, duration_s: float, pictures: Sequence[float], start_s: float = 0.0
) -> list[Stretch]:
    """Stretches from the detectors' log lines (``-copyts`` times; ``start_s`` is subtracted).

    ``pictures`` are the times (from the start) of the pictures the video detectors saw.
    """
    pictures = sorted(pictures)
    last = pictures[-1] if pictures else 0.0
    found: list[Stretch] = []
    open_edges: dict[str, float] = {}
    for line in lines:
        if m := _BLACK.search(line):
            found.append(Stretch("black", float(m["start"]) - start_s, float(m["end"]) - start_s))
        elif m := _FREEZE.search(line):
            _edge(found, open_edges, "frozen", m["edge"], float(m["t"]) - start_s)
        elif m := _SILENCE.search(line):
            _edge(found, open_edges, "silent", m["edge"], float(m["t"]) - start_s)
    found += [Stretch(kind, t, duration_s) for kind, t in open_edges.items()]  # still going at the end

    stretches = []
    for s in found:
        end = duration_s if s.kind != "silent" and s.end_s >= last - 1e-3 else s.end_s
        if s.kind != "silent" and _pictures_within(pictures, s.start_s, s.end_s) < 2:
            continue  # see the module docstring: an artefact of sparse pictures
        start, end = max(0.0, s.start_s), min(duration_s, end)
        if end > start:
            stretches.append(Stretch(s.kind, round(start, 3), round(end, 3)))
    return sorted(stretches, key=lambda s: (s.start_s, s.kind))


def _edge(found: list[Stretch], open_edges: dict[str, float], kind: str, edge: str, t: float) -> None:
    if edge == "start":
        open_edges[kind] = t
    elif kind in open_edges:
        found.append(Stretch(kind, open_edges.pop(kind), t))


def _pictures_within(pictures: Sequence[float], start: float, end: float) -> int:
    return bisect.bisect_left(pictures, end - 1e-3) - bisect.bisect_left(pictures, start - 1e-3)


def union(stretches: Iterable[Stretch]) -> list[tuple[float, float]]:
    """The stretches merged into disjoint, sorted (start, end) intervals."""
    merged: list[list[float]] = []
    for s in sorted(stretches, key=lambda s: s.start_s):
        if merged and s.start_s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s.end_s)
        else:
            merged.append([s.start_s, s.end_s])
    return [(a, b) for a, b in merged]


def effective_duration(duration_s: float, stretches: Iterable[Stretch]) -> float:
    """What is left of ``duration_s`` once every padding stretch is taken out (overlaps counted once)."""
    padded = sum(b - a for a, b in union(stretches))
    return round(max(0.0, duration_s - padded), 3)


def padding_args(
    path: Path,
    *,
    has_audio: bool,
    settings: PaddingSettings = PaddingSettings(),
    keyframes_only: bool = True,
    fps: float = 2.0,
    ffmpeg_binary: str | None = None,
) -> list[str]:
    """The standalone detectors' ffmpeg: pictures timed by ``showinfo``, detector lines on stderr."""
    decode = ["-skip_frame", "nokey"] if keyframes_only else []
    rate = "" if keyframes_only else f"fps={fps},"
    graph = f"[0:v:0]{rate}showinfo@padding=checksum=0,{video_tap(settings)}"
    if has_audio:
        graph += f";[0:a:0]{audio_tap(settings)}"
    return [
        *tool_args.ffmpeg_command(ffmpeg_binary, "-nostats", "-loglevel", "info"),
        *tool_args.safe_input(path, *decode, "-copyts"),
        *["-filter_complex", graph, "-f", "null", "-"],
    ]


def detect_padding(
    path: Path,
    *,
    duration_s: float,
    has_audio: bool,
    start_s: float = 0.0,
    settings: PaddingSettings = PaddingSettings(),
    keyframes_only: bool = True,
    fps: float = 2.0,
    timeout_s: float = 600,
    ffmpeg_binary: str | None = None,
) -> list[Stretch]:
    """One standalone ffmpeg pass with all three detectors (the analysis shares its decode instead)."""
    args = padding_args(
        path,
        has_audio=has_audio,
        settings=settings,
        keyframes_only=keyframes_only,
        fps=fps,
        ffmpeg_binary=ffmpeg_binary,
    )
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout_s, preexec_fn=lifeline()
        )
    except subprocess.TimeoutExpired as exc:
        raise AnalysisTimeout(detail=f"padding detection exceeded {timeout_s:g} s") from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc
    lines = done.stderr.decode("utf-8", "replace").splitlines()
    if done.returncode != 0:
        raise CorruptMedia(detail=" | ".join(lines[-5:])[-500:])
    pictures = [float(m["t"]) - start_s for line in lines if (m := _PICTURE.match(line))]
    return parse_log(lines, duration_s=duration_s, pictures=pictures, start_s=start_s)
