"""Read an uploaded video's container, streams and duration with ffprobe — safely.

The file may be hostile, so ffprobe opens it only through :mod:`workers.video.tool_args` (the local
file protocol, the allowed demuxers, a ``file:/absolute/path``), runs without a shell, and a
wall-clock timeout kills it (``subprocess.run`` kills and reaps it). A playlist or concat list is
refused by ffprobe itself before any entry is opened, and reported as ``probe.container_not_allowed``.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from domain import reasons
from domain.media_signature import container_family
from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import CorruptMedia, NoVideoStream, ProbeTimeout, ToolMissing

_REFUSED_FORMAT = re.compile(r"^\[(?P<name>[\w,]+) @ 0x[0-9a-fA-F]+\] Format not on whitelist", re.M)


# Below this average bitrate a claimed duration is a forged header, not a real recording.
_MIN_BITS_PER_S = 100


@dataclass(frozen=True)
class MediaInfo:
    duration_s: float | None
    container: str  # family from domain.media_signature.ALLOWED_FORMATS
    format_name: str  # ffprobe's raw format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    video_codec: str
    audio_codec: str | None
    width: int
    height: int
    rotation: int  # clockwise degrees to turn the stored picture for display: 0/90/180/270
    frame_rate: float | None
    has_audio: bool
    bitrate: int | None
    pixel_format: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ffprobe_args(path: Path, *, ffprobe_binary: str | None = None) -> list[str]:
    """The exact argument vector used for ``path`` (exposed for tests and logs)."""
    options = ["-print_format", "json", "-show_format", "-show_streams"]
    return [*tool_args.ffprobe_command(ffprobe_binary, *options), *tool_args.safe_input(path)]


def probe(path: Path, *, ffprobe_binary: str | None = None, timeout_s: float = 60) -> MediaInfo:
    """Probe a local file; raise a :class:`MediaError` subclass if it is not usable video.

    Raises ``FileNotFoundError`` if ``path`` does not exist (a worker bug, not bad media)
    and :class:`ToolMissing` if ffprobe (``ffprobe_binary``, default: the configured one) cannot be run.
    """
    if not os.path.exists(path):
        raise FileNotFoundError(errno.ENOENT, "no file to probe", os.fspath(path))
    args = ffprobe_args(path, ffprobe_binary=ffprobe_binary)
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout_s, preexec_fn=lifeline()
        )
    except subprocess.TimeoutExpired as exc:  # run() has already killed and reaped ffprobe
        raise ProbeTimeout(detail=f"ffprobe exceeded {timeout_s:g} s") from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc

    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        failure = subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
        refused = _REFUSED_FORMAT.search(stderr)
        if refused:
            reason = reasons.CONTAINER_NOT_ALLOWED.format(container=refused.group("name"))
            raise CorruptMedia(reason, detail=stderr[-500:]) from failure
        raise CorruptMedia(detail=stderr[-500:] or f"ffprobe exit {done.returncode}") from failure
    try:
        data = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptMedia(detail=f"unparsable ffprobe output: {exc}") from exc
    return parse_probe(data)


def parse_probe(data: Any) -> MediaInfo:
    """Turn ffprobe's JSON (``-show_format -show_streams``) into :class:`MediaInfo`."""
    fmt = data.get("format") if isinstance(data, dict) else None
    streams = data.get("streams") if isinstance(data, dict) else None
    if not isinstance(fmt, dict) or not isinstance(streams, list):
        raise CorruptMedia(detail="ffprobe reported no format or streams")
    format_name = str(fmt.get("format_name") or "")
    family = container_family(format_name)
    if family is None:
        raise CorruptMedia(reasons.CONTAINER_NOT_ALLOWED.format(container=format_name or "?"))

    streams = [s for s in streams if isinstance(s, dict)]
    video = next((s for s in streams if _is_picture(s)), None)
    if video is None:
        raise NoVideoStream(detail=f"streams: {[s.get('codec_type') for s in streams]}")
    width, height = int(_positive(video.get("width")) or 0), int(_positive(video.get("height")) or 0)
    if not width or not height:  # e.g. a file cut off before its first picture: nothing to transcode
        raise CorruptMedia(detail=f"the video stream has no picture size ({width}x{height})")
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)

    duration = _plausible(_duration(_positive(fmt.get("duration")), streams), _positive(fmt.get("size")))
    bitrate = _positive(fmt.get("bit_rate"))
    return MediaInfo(
        duration_s=duration,
        container=family,
        format_name=format_name,
        video_codec=str(video.get("codec_name") or "unknown"),
        audio_codec=(str(audio.get("codec_name") or "unknown") if audio else None),
        width=width,
        height=height,
        rotation=_rotation(video),
        frame_rate=_ratio(video.get("avg_frame_rate")) or _ratio(video.get("r_frame_rate")),
        has_audio=audio is not None,
        bitrate=int(bitrate) if bitrate is not None else None,
        pixel_format=video.get("pix_fmt") or None,
    )


def _duration(container_s: float | None, streams: list[dict[str, Any]]) -> float | None:
    """The container's duration, unless the streams' own durations prove it absurd.

    A header field is easy to forge: an ``mvhd`` claiming 136 years over two seconds of frames
    would have analysis plan billions of frames. When the streams report durations (mp4, ts, avi
    do) and the container claims far more than the longest of them, the longest stream wins.
    """
    longest = max((_positive(s.get("duration")) or 0.0 for s in streams), default=0.0) or None
    if container_s is None:
        return longest
    if longest is not None and container_s > longest * 2 + 60:
        return longest
    return container_s


def _plausible(duration_s: float | None, size_bytes: float | None) -> float | None:
    """``None`` (unknown) for a duration the file is far too small to hold.

    A Matroska ``Duration`` has no stream durations to check it against; a 50 KB file claiming
    127 years is a forgery, and it would have analysis plan billions of frames. Even a still
    picture with no sound takes more than :data:`_MIN_BITS_PER_S`.
    """
    if duration_s is None or size_bytes is None:
        return duration_s
    return duration_s if size_bytes * 8 / duration_s >= _MIN_BITS_PER_S else None


def _is_picture(stream: dict[str, Any]) -> bool:
    """A real video stream: cover art (``attached_pic``) does not count."""
    disposition = stream.get("disposition") or {}
    return stream.get("codec_type") == "video" and not disposition.get("attached_pic")


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):  # None, "N/A"
        return None
    return number if math.isfinite(number) else None


def _positive(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number > 0 else None


def _ratio(value: Any) -> float | None:
    """``"30000/1001"`` → 29.97; ``"0/0"``, ``"25/0"`` or junk → ``None``."""
    num, _, den = str(value or "").partition("/")
    top, bottom = _number(num), _number(den or "1")
    if not top or not bottom or top <= 0 or bottom <= 0:
        return None
    return top / bottom


def _rotation(stream: dict[str, Any]) -> int:
    """Clockwise display rotation (the phone ``rotate`` tag convention), snapped to 90°.

    ffprobe's display-matrix ``rotation`` is counter-clockwise, hence the sign flip: an
    iPhone portrait clip (tag ``rotate=90``) has a matrix rotation of -90.
    """
    for side in stream.get("side_data_list") or ():
        if isinstance(side, dict) and side.get("side_data_type") == "Display Matrix":
            ccw = _number(side.get("rotation"))
            if ccw is not None:
                return _quarter_turns(-ccw)
    tag = _number((stream.get("tags") or {}).get("rotate"))
    return _quarter_turns(tag) if tag is not None else 0


def _quarter_turns(degrees: float) -> int:
    return int(round(degrees / 90.0)) * 90 % 360
