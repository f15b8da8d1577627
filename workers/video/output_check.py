"""Check what ffmpeg wrote before anyone publishes it.

ffmpeg exiting 0 is not enough: a source cut short, or one whose timeline jumps, can give
a clean exit and a short or broken output. So the outputs are read back:

* ``video.mp4`` is probed: H.264, upright, its duration within tolerance of the source's,
  and its ``moov`` box sits before ``mdat`` (``+faststart``: playback starts before the
  whole file has arrived);
* the master playlist is parsed and probed with ffprobe (the hls demuxer is allowed for
  our own output only), giving each rendition's real picture size;
* every variant playlist is finished (``#EXT-X-ENDLIST``), its segments exist, its URIs
  are relative, and its ``#EXTINF`` durations add up to the source duration.

Any mismatch raises :class:`CorruptMedia` with ``transcode.failed``.
"""

from __future__ import annotations

import json
import struct
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from domain import reasons
from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import CorruptMedia, MediaError, ToolMissing
from workers.video.hls_playlist import PlaylistError, is_relative, parse_master, parse_media
from workers.video.probe import MediaInfo, probe

MP4_TOLERANCE = (1.0, 0.005)  # seconds, fraction of the duration: whichever is larger
HLS_TOLERANCE = (2.0, 0.01)  # segment durations follow video packets only


@dataclass(frozen=True)
class RenditionOutput:
    name: str
    width: int
    height: int
    bitrate: int  # the master playlist's BANDWIDTH: peak bit/s the player budgets for
    playlist: str  # relative to the master playlist
    segments: int
    longest_segment_s: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_mp4(
    path: Path, source_duration_s: float | None, *, ffprobe_binary: str | None = None, timeout_s: float
) -> MediaInfo:
    """Probe our MP4 and hold it to the source's duration; returns its MediaInfo."""
    try:
        info = probe(path, ffprobe_binary=ffprobe_binary, timeout_s=timeout_s)
    except MediaError as exc:
        raise _failed(f"the MP4 output does not probe: {exc.detail}") from exc
    if info.video_codec != "h264" or info.rotation:
        raise _failed(f"the MP4 output is {info.video_codec}, rotation {info.rotation}")
    _same_duration("MP4", info.duration_s, source_duration_s, MP4_TOLERANCE)
    if not moov_before_mdat(path):
        raise _failed("the MP4 output is not fast-start (moov after mdat)")
    return info


def check_hls(
    master: Path, source_duration_s: float | None, *, ffprobe_binary: str | None = None, timeout_s: float
) -> tuple[RenditionOutput, ...]:
    """Every variant of ``master``: finished, relative, complete, the right length."""
    try:
        variants = parse_master(master.read_text(encoding="utf-8"))
    except (OSError, PlaylistError) as exc:
        raise _failed(f"master playlist: {exc}") from exc
    sizes = _probed_sizes(master, ffprobe_binary=ffprobe_binary, timeout_s=timeout_s)
    if len(sizes) != len(variants):
        raise _failed(f"master lists {len(variants)} variants, ffprobe found {len(sizes)} video streams")
    found = []
    for variant, (width, height) in zip(variants, sizes):
        if not is_relative(variant.uri):
            raise _failed(f"variant URI {variant.uri!r} is not relative")
        playlist_path = master.parent / variant.uri
        try:
            media = parse_media(playlist_path.read_text(encoding="utf-8"))
        except (OSError, PlaylistError) as exc:
            raise _failed(f"{variant.uri}: {exc}") from exc
        if not media.ended or not media.segments:
            raise _failed(f"{variant.uri} is unfinished or empty")
        for uri, _ in media.segments:
            if not is_relative(uri) or not (playlist_path.parent / uri).is_file():
                raise _failed(f"{variant.uri}: segment {uri!r} is missing or not relative")
        _same_duration(variant.uri, media.total_s, source_duration_s, HLS_TOLERANCE)
        name = Path(variant.uri).parent.name
        found.append(
            RenditionOutput(name, width, height, variant.bandwidth, variant.uri, len(media.segments), media.longest_s)
        )
    return tuple(found)


def moov_before_mdat(path: Path) -> bool:
    """Walk the top-level ISO-BMFF boxes: does ``moov`` come before ``mdat``?"""
    with open(path, "rb") as f:
        while header := f.read(8):
            if len(header) < 8:
                return False
            size, kind = struct.unpack(">I4s", header)
            if kind in (b"moov", b"mdat"):
                return kind == b"moov"
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0] - 8
            elif size == 0:
                return False
            f.seek(size - 8, 1)
    return False


def hls_probe_args(master: Path, *, ffprobe_binary: str | None = None) -> list[str]:
    """ffprobe reading our master playlist back for each rendition's real picture size."""
    options = ["-print_format", "json", "-show_entries", "stream=codec_type,width,height"]
    return [*tool_args.ffprobe_command(ffprobe_binary, *options), *tool_args.own_hls_input(master)]


def _probed_sizes(master: Path, *, ffprobe_binary: str | None, timeout_s: float) -> list[tuple[int, int]]:
    args = hls_probe_args(master, ffprobe_binary=ffprobe_binary)
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout_s, preexec_fn=lifeline()
        )
    except subprocess.TimeoutExpired as exc:
        raise _failed("ffprobe of the master playlist timed out") from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc
    if done.returncode != 0:
        raise _failed(f"ffprobe cannot read the master playlist: {done.stderr.decode('utf-8', 'replace')[-300:]}")
    streams = json.loads(done.stdout or b"{}").get("streams") or []
    return [(int(s["width"]), int(s["height"])) for s in streams if s.get("codec_type") == "video"]


def _same_duration(what: str, got: float | None, want: float | None, tolerance: tuple[float, float]) -> None:
    if want is None:
        return
    allowed = max(tolerance[0], tolerance[1] * want)
    if got is None or abs(got - want) > allowed:
        raise _failed(f"{what} lasts {got} s, the source {want:.3f} s (allowed ±{allowed:.1f} s)")


def _failed(detail: str) -> CorruptMedia:
    return CorruptMedia(reasons.TRANSCODE_FAILED, detail=detail)
