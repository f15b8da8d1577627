"""Synthetic media for tests, generated with the ffmpeg CLI and cached between runs.

Clips land in ``tests/.media-cache/`` (gitignored) under a name derived from every
parameter, so a second call — in this run or the next — returns the same file. Each file
is written to a unique temporary name and renamed into place, so concurrent or aborted
runs never leave a half-written clip behind.

Hostile inputs (playlists, concat lists, corrupt and non-video files) are small and
written into a caller-supplied directory, except :func:`make_corrupt_clip` (cached).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import struct
import subprocess
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parent / ".media-cache"
FFMPEG = "ffmpeg"
RECIPE_VERSION = 1  # bump to invalidate the cache when a recipe changes

# container -> (file extension, ffmpeg muxer, audio encoder)
CONTAINERS: dict[str, tuple[str, str, str]] = {
    "mp4": ("mp4", "mp4", "aac"),
    "mov": ("mov", "mov", "aac"),
    "mkv": ("mkv", "matroska", "aac"),
    "webm": ("webm", "webm", "libopus"),
    "flv": ("flv", "flv", "aac"),
    "ts": ("ts", "mpegts", "aac"),
    "avi": ("avi", "avi", "libmp3lame"),
}
AUDIO_RATE = 8000  # mono 8 kHz: AAC at 22 kHz took 5 of the 7 s an 11-minute clip needed
_WEBM_VIDEO = {"libvpx", "libvpx-vp9", "libaom-av1"}
# Speed settings per encoder; every clip also gets a low bitrate and a 2-second GOP.
_FAST = {
    "libx264": ["-preset", "ultrafast"],
    "libvpx": ["-deadline", "realtime", "-cpu-used", "8"],
    "libvpx-vp9": ["-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1"],
}


def _cached(name: str, build: Callable[[Path], None]) -> Path:
    """Return ``CACHE_DIR/name``, calling ``build(tmp_path)`` first if it is missing."""
    final = CACHE_DIR / name
    if final.exists():
        return final
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = CACHE_DIR / f".{uuid.uuid4().hex}.part{final.suffix}"
    try:
        build(tmp)
        os.replace(tmp, final)  # atomic: readers see nothing or the whole file
    finally:
        tmp.unlink(missing_ok=True)
    return final


def _key(**params: object) -> str:
    blob = json.dumps({"v": RECIPE_VERSION, **params}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _ffmpeg(args: Sequence[str]) -> None:
    cmd = [FFMPEG, "-hide_banner", "-nostdin", "-v", "error", "-y", *args]
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"ffmpeg exited {done.returncode}: {' '.join(cmd)}\n{stderr}")


def make_clip(
    duration_s: float,
    *,
    width: int = 320,
    height: int = 240,
    fps: int = 5,
    vcodec: str = "libx264",
    audio: bool = True,
    container: str = "mp4",
    extra_args: Sequence[str] = (),
) -> Path:
    """A testsrc2 (+ 440 Hz sine) clip; ~3 s to build 11 minutes at the defaults."""
    if container not in CONTAINERS:
        raise ValueError(f"unknown container {container!r}; use one of {sorted(CONTAINERS)}")
    ext, muxer, acodec = CONTAINERS[container]
    if container == "webm" and vcodec not in _WEBM_VIDEO:
        raise ValueError(f"webm needs a VP8/VP9/AV1 encoder, not {vcodec!r} (try libvpx)")
    extra = list(extra_args)
    key = _key(d=duration_s, w=width, h=height, fps=fps, v=vcodec, a=audio, c=container, x=extra)
    name = f"clip-{duration_s:g}s-{width}x{height}-{fps}fps-{vcodec}-{'av' if audio else 'v'}-{key}.{ext}"

    def build(tmp: Path) -> None:
        args = ["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}:duration={duration_s}"]
        if audio:
            args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate={AUDIO_RATE}:duration={duration_s}"]
        args += ["-map", "0:v"] + (["-map", "1:a"] if audio else [])
        args += ["-c:v", vcodec, *_FAST.get(vcodec, []), "-g", str(max(1, fps * 2))]
        args += ["-b:v", "100k", "-pix_fmt", "yuv420p"]
        if audio:
            args += ["-c:a", acodec, "-ac", "1", "-b:a", "16k"]
        args += [*extra, "-f", muxer, str(tmp)]
        _ffmpeg(args)

    return _cached(name, build)


def make_no_audio_clip(duration_s: float = 3, **kwargs: object) -> Path:
    return make_clip(duration_s, audio=False, **kwargs)  # type: ignore[arg-type]


def make_audio_only(duration_s: float = 3) -> Path:
    """An AAC-in-mp4 (m4a-style) file: an allowed container with no video stream."""

    def build(tmp: Path) -> None:
        source = f"sine=frequency=440:sample_rate={AUDIO_RATE}:duration={duration_s}"
        _ffmpeg(["-f", "lavfi", "-i", source, "-c:a", "aac", "-b:a", "16k", "-f", "mp4", str(tmp)])

    return _cached(f"audio-only-{duration_s:g}s-{_key(d=duration_s)}.mp4", build)


def remux(source: Path, *args: str) -> Path:
    """Stream-copy ``source`` into the same container with extra output ``args``."""

    def build(tmp: Path) -> None:
        _ffmpeg(["-i", str(source), "-map", "0", "-c", "copy", *args, str(tmp)])

    return _cached(f"remux-{source.stem}-{_key(s=source.name, a=args)}{source.suffix}", build)


# QuickTime tkhd matrices (a, b, c, d) for a clockwise display rotation, as phones write them.
_ROTATION_MATRIX = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}


def make_rotated_clip(rotation: int = 90, duration_s: float = 3, **kwargs: object) -> Path:
    """An mp4 whose video track says "turn me ``rotation`` degrees clockwise to display".

    The tkhd matrix is written directly, as a phone does: ffmpeg's own ``-metadata
    rotate=N`` changed meaning between releases (5.1 stores it counter-clockwise).
    """
    if rotation not in _ROTATION_MATRIX:
        raise ValueError("rotation must be 0, 90, 180 or 270")
    source = make_clip(duration_s, **kwargs)  # type: ignore[arg-type]
    if source.suffix not in (".mp4", ".mov"):
        raise ValueError("rotation can only be written into mp4/mov")

    def build(tmp: Path) -> None:
        data = bytearray(source.read_bytes())
        _set_video_matrix(data, _ROTATION_MATRIX[rotation])
        tmp.write_bytes(bytes(data))

    return _cached(f"rotated-{rotation}-{source.stem}{source.suffix}", build)


def _boxes(data: bytearray, start: int, end: int):
    """Yield (type, payload_start, box_end) for ISO-BMFF boxes in ``data[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            size, header = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header:
            raise ValueError("malformed mp4 box")
        yield kind, pos + header, pos + size
        pos += size


def _set_video_matrix(data: bytearray, abcd: tuple[int, int, int, int]) -> None:
    moov = next(b for b in _boxes(data, 0, len(data)) if b[0] == b"moov")
    for kind, start, end in _boxes(data, moov[1], moov[2]):
        if kind != b"trak":
            continue
        children = {k: (s, e) for k, s, e in _boxes(data, start, end)}
        mdia = children[b"mdia"]
        hdlr = next((s for k, s, _ in _boxes(data, *mdia) if k == b"hdlr"), None)
        if hdlr is None or data[hdlr + 8 : hdlr + 12] != b"vide":
            continue
        tkhd = children[b"tkhd"][0]
        matrix = tkhd + (52 if data[tkhd] == 1 else 40)  # version 1 has 64-bit times
        width, height = (struct.unpack_from(">I", data, matrix + 36 + 4 * i)[0] >> 16 for i in (0, 1))
        a, b, c, d = abcd
        tx = {(0, 1): height, (-1, 0): width}.get((a, b), 0)
        ty = {(-1, 0): height, (0, -1): width}.get((a, b), 0)
        values = (a << 16, b << 16, 0, c << 16, d << 16, 0, tx << 16, ty << 16, 1 << 30)
        struct.pack_into(">9i", data, matrix, *values)
        return
    raise ValueError("no video track found")


def make_corrupt_clip() -> Path:
    """A real mp4 ``ftyp`` header followed by deterministic garbage: sniffs as mp4, won't probe."""
    source = make_clip(3)

    def build(tmp: Path) -> None:
        head = source.read_bytes()[:32]  # ftyp box (and the start of the next box header)
        tmp.write_bytes(head + random.Random(1234).randbytes(64 * 1024))

    return _cached("corrupt-truncated.mp4", build)


def make_hls_playlist(directory: Path, *, url: str | None = "http://127.0.0.1:9/x.ts") -> Path:
    """An HLS playlist naming ``url`` (first, so a follower would fetch it) and a real segment."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(make_clip(2, container="ts"), directory / "seg0.ts")
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:0"]
    if url:
        lines += ["#EXTINF:2.0,", url]
    lines += ["#EXTINF:2.0,", "seg0.ts", "#EXT-X-ENDLIST", ""]
    playlist = directory / "playlist.m3u8"
    playlist.write_text("\n".join(lines))
    return playlist


def make_concat_list(directory: Path, target: Path) -> Path:
    """An ``ffconcat version 1.0`` list naming ``target`` (absolute) twice."""
    directory.mkdir(parents=True, exist_ok=True)
    quoted = "'" + str(Path(target).resolve()).replace("'", "'\\''") + "'"
    listing = directory / "list.ffconcat"
    listing.write_text(f"ffconcat version 1.0\nfile {quoted}\nfile {quoted}\n")
    return listing


def make_not_video(directory: Path, kind: str = "png") -> Path:
    """A file that is not video: ``"png"`` (one real 64x64 frame) or ``"text"``."""
    directory.mkdir(parents=True, exist_ok=True)
    if kind == "text":
        path = directory / "notes.txt"
        path.write_text("Lesson plan, week 3.\nThis is plainly not a video.\n")
        return path
    if kind != "png":
        raise ValueError("kind must be 'png' or 'text'")
    path = directory / "picture.png"
    _ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1", "-f", "image2", str(path)])
    return path
