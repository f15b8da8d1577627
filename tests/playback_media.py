"""Short clips for the playback (transcode) tests, cached like tests/media_factory.py.

Everything here is 3–6 s at 640×360 (or 640×480), so the whole playback suite encodes in
seconds. Plain clips come from :func:`tests.media_factory.make_clip`; the recipes it has no
knob for (variable frame rate, interlacing, MPEG-2, damage in the middle) are built here and
cached in the same directory under ``playback-*`` names.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from tests import media_factory
from tests.media_factory import CACHE_DIR

RECIPE_VERSION = 1
SIZE = {"width": 640, "height": 360, "fps": 25}


def _cached(name: str, build: Callable[[Path], None]) -> Path:
    final = CACHE_DIR / name
    if final.exists():
        return final
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = CACHE_DIR / f".{uuid.uuid4().hex}.part{final.suffix}"
    try:
        build(tmp)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def _key(**params: object) -> str:
    blob = json.dumps({"v": RECIPE_VERSION, **params}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:10]


def _ffmpeg(args: Sequence[str]) -> None:
    media_factory._ffmpeg(args)  # same runner (and error message) as the shared factory


def h264_mp4(duration_s: float = 4, *, audio: bool = True, faststart: bool = True) -> Path:
    """Browser-ready H.264/AAC MP4; ``faststart=False`` leaves ffmpeg's default moov-at-end."""
    clip = media_factory.make_clip(duration_s, audio=audio, **SIZE)
    return media_factory.remux(clip, "-movflags", "+faststart") if faststart else clip


def hevc_mov(duration_s: float = 4, *, audio: bool = True) -> Path:
    """An iPhone-style HEVC .mov, 640×480 (so the ladder has a 480p and a 360p rung)."""
    return media_factory.make_clip(
        duration_s, width=640, height=480, fps=25, vcodec="libx265", container="mov", audio=audio,
        extra_args=["-preset", "ultrafast", "-tag:v", "hvc1", "-x265-params", "log-level=error"],
    )  # fmt: skip


def rotated_phone_clip(rotation: int = 90) -> Path:
    """H.264 stored 640×360 with a display matrix saying "turn me ``rotation``° clockwise"."""
    return media_factory.make_rotated_clip(rotation, 4, **SIZE)


def camera_mov_with_pcm(duration_s: float = 4) -> Path:
    """H.264 with uncompressed PCM sound in a .mov, as many cameras write."""
    return media_factory.make_clip(duration_s, container="mov", extra_args=["-c:a", "pcm_s16le"], **SIZE)


def mpegts_clip(vcodec: str = "libx264", duration_s: float = 4) -> Path:
    """A recorder-style .ts: H.264 (or e.g. mpeg2video) with AAC in ADTS frames."""
    return media_factory.make_clip(duration_s, vcodec=vcodec, container="ts", **SIZE)


def interlaced_ts(duration_s: float = 4) -> Path:
    """H.264 coded as interlaced fields (field_order tt), as 1080i classroom systems write."""

    def build(tmp: Path) -> None:
        _ffmpeg([
            "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=25:duration={duration_s}",
            "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=8000:duration={duration_s}",
            "-c:v", "libx264", "-preset", "ultrafast", "-flags", "+ilme+ildct", "-top", "1",
            "-x264-params", "interlaced=1:tff=1", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "16k", "-ac", "1", "-f", "mpegts", str(tmp),
        ])  # fmt: skip

    return _cached(f"playback-interlaced-{duration_s:g}s-{_key(d=duration_s, k='ilace')}.ts", build)


def hlg_hevc_clip(duration_s: float = 3) -> Path:
    """10-bit HEVC tagged BT.2020 + HLG, as an iPhone records by default (no audio)."""

    def build(tmp: Path) -> None:
        _ffmpeg([
            "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=25:duration={duration_s}",
            "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1",
            "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
            "-x265-params", "log-level=error", "-f", "mov", str(tmp),
        ])  # fmt: skip

    return _cached(f"playback-hlg-{duration_s:g}s-{_key(d=duration_s, k='hlg')}.mov", build)


def vfr_clip(vcodec: str = "libx264", container: str = "mp4") -> Path:
    """Variable frame rate: 2 s at 25 fps, 2 s at 10 fps, 1 s at 30 fps, frames kept as timed."""
    ext = {"mp4": "mp4", "mov": "mov"}[container]

    def build(tmp: Path) -> None:
        parts = [(25, 2), (10, 2), (30, 1)]
        sources = [["-f", "lavfi", "-i", f"testsrc2=size=640x360:rate={r}:duration={d}"] for r, d in parts]
        graph = "".join(f"[{i}:v]setsar=1[p{i}];" for i in range(3)) + "[p0][p1][p2]concat=n=3:v=1:a=0[v]"
        _ffmpeg([
            *[arg for source in sources for arg in source],
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=5",
            "-filter_complex", graph, "-map", "[v]", "-map", "3:a", "-fps_mode", "vfr",
            "-c:v", vcodec, "-preset", "ultrafast",
            *(["-tag:v", "hvc1", "-x265-params", "log-level=error"] if vcodec == "libx265" else []),
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "16k", "-ac", "1", "-f", container, str(tmp),
        ])  # fmt: skip

    return _cached(f"playback-vfr-{vcodec}-{_key(v=vcodec, c=container, k='vfr')}.{ext}", build)


def damaged_in_the_middle(source: Path, *, size: int = 4096, at: float = 0.5, seed: int = 1) -> Path:
    """``source`` with ``size`` random bytes written over the middle (inside the media data)."""

    def build(tmp: Path) -> None:
        data = bytearray(source.read_bytes())
        start = int(len(data) * at)
        data[start : start + size] = random.Random(seed).randbytes(size)
        tmp.write_bytes(bytes(data))

    key = _key(s=source.name, n=size, a=at, r=seed)
    return _cached(f"playback-damaged-{source.stem}-{key}{source.suffix}", build)


def started_mid_gop(source: Path, *, at: float = 0.45) -> Path:
    """An MPEG-TS whose first packets are cut away, as when a recorder joins a running stream."""

    def build(tmp: Path) -> None:
        data = source.read_bytes()
        packets = len(data) // 188
        tmp.write_bytes(data[188 * int(packets * at) :])

    return _cached(f"playback-midgop-{source.stem}-{_key(s=source.name, a=at)}{source.suffix}", build)


def truncated(source: Path, *, keep: float = 0.6) -> Path:
    """The first ``keep`` of ``source`` (a fast-start MP4 still probes: its moov is up front)."""

    def build(tmp: Path) -> None:
        data = source.read_bytes()
        tmp.write_bytes(data[: int(len(data) * keep)])

    return _cached(f"playback-truncated-{source.stem}-{_key(s=source.name, k=keep)}{source.suffix}", build)
