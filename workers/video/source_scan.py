"""What :class:`~workers.video.probe.MediaInfo` does not say, but the playback plan needs.

Three facts decide whether a browser-friendly H.264 stream can really be stream-copied:

* **interlacing** (``field_order``): recording-classroom systems still write 1080i; browsers
  show interlaced H.264 with combing, so it must be deinterlaced (transcoded);
* **HDR** (``color_transfer`` PQ/HLG): iPhones record HLG by default; it needs tone mapping;
* **the video timeline**, from one pass over the packet headers (no decoding): does it start
  on a keyframe, do the decode timestamps only go forward, and how far apart are keyframes?
  FLV and MPEG-TS are written live by recorders, with no index to vouch for them; a copy of
  a broken timeline plays with stalls and jumps, and keyframes minutes apart make the copied
  HLS segments minutes long.

Reading packet headers reads an MP4's index, and an FLV/TS file once; nothing is decoded. The
same lock-down as the probe applies (:mod:`workers.video.tool_args`).
"""

from __future__ import annotations

import math
import subprocess
from dataclasses import dataclass
from pathlib import Path

from domain import reasons
from workers.lifeline import lifeline
from workers.video import tool_args
from workers.video.errors import CorruptMedia, ToolMissing
from workers.video.ffmpeg_run import TranscodeTimeout

HDR_TRANSFERS = frozenset({"smpte2084", "arib-std-b67"})  # PQ (HDR10, Dolby Vision), HLG
PROGRESSIVE = frozenset({"", "progressive", "unknown"})


@dataclass(frozen=True)
class SourceScan:
    field_order: str  # "progressive", "tt", "bb", "tb", "bt" or "unknown"
    color_transfer: str  # e.g. "bt709", "arib-std-b67", "unknown"
    timeline_checked: bool  # False when packets were not read (the source is transcoded anyway)
    starts_on_keyframe: bool = True
    dts_backwards: int = 0  # video packets whose DTS did not move forward
    max_keyframe_gap_s: float = 0.0  # longest stretch without a keyframe, end of file included

    @property
    def interlaced(self) -> bool:
        return self.field_order not in PROGRESSIVE

    @property
    def hdr(self) -> bool:
        return self.color_transfer in HDR_TRANSFERS


def scan_args(path: Path, *, packets: bool, ffprobe_binary: str | None = None) -> list[str]:
    """ffprobe reading the first video stream's header fields and (``packets``) its packet headers."""
    entries = "stream=field_order,color_transfer" + (":packet=dts_time,pts_time,flags" if packets else "")
    options = ["-print_format", "compact", "-select_streams", "v:0", "-show_entries", entries]
    return [*tool_args.ffprobe_command(ffprobe_binary, *options), *tool_args.safe_input(path)]


def scan_source(path: Path, *, packets: bool, ffprobe_binary: str | None = None, timeout_s: float = 120) -> SourceScan:
    """Read the first video stream's field order and transfer, and (``packets``) its timeline."""
    args = scan_args(path, packets=packets, ffprobe_binary=ffprobe_binary)
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout_s, preexec_fn=lifeline()
        )
    except subprocess.TimeoutExpired as exc:
        raise TranscodeTimeout(detail=f"ffprobe packet scan exceeded {timeout_s:g} s") from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {args[0]!r}: {exc}") from exc
    if done.returncode != 0:
        detail = "source scan: " + done.stderr.decode("utf-8", "replace")[-500:]
        raise CorruptMedia(reasons.TRANSCODE_FAILED, detail=detail)
    return parse_scan(done.stdout.decode("utf-8", "replace"), packets=packets)


def parse_scan(text: str, *, packets: bool) -> SourceScan:
    """Parse ``-print_format compact`` lines (``stream|k=v|...`` and ``packet|k=v|...``)."""
    stream: dict[str, str] = {}
    first_key: bool | None = None
    backwards, last_dts = 0, -math.inf
    last_t, last_key_t, max_gap = None, None, 0.0
    for line in text.splitlines():
        kind, _, rest = line.partition("|")
        fields = dict(part.partition("=")[::2] for part in rest.split("|"))
        if kind == "stream":
            stream = fields
            continue
        if kind != "packet":
            continue
        key = fields.get("flags", "").startswith("K")
        dts = _seconds(fields.get("dts_time"))
        t = _seconds(fields.get("pts_time"))
        t = dts if t is None else t
        if first_key is None:
            first_key = key
        if dts is not None:
            backwards += dts <= last_dts
            last_dts = max(last_dts, dts)
        if t is None:
            continue
        last_t = t if last_t is None else max(last_t, t)
        if key:
            if last_key_t is not None:
                max_gap = max(max_gap, t - last_key_t)
            last_key_t = t
    if last_key_t is not None and last_t is not None:
        max_gap = max(max_gap, last_t - last_key_t)
    return SourceScan(
        field_order=stream.get("field_order") or "unknown",
        color_transfer=stream.get("color_transfer") or "unknown",
        timeline_checked=packets,
        starts_on_keyframe=bool(first_key) if packets else True,
        dts_backwards=backwards,
        max_keyframe_gap_s=round(max_gap, 3) if last_key_t is not None else math.inf if packets else 0.0,
    )


def _seconds(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:  # "N/A"
        return None
    return number if math.isfinite(number) else None
