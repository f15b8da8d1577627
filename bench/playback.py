"""placeholder while drafting (media generation first)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEDIA_DIR = ROOT / "var" / "bench-media"
VIDEO_S = 600
_PICTURE = f"testsrc2=size=1280x720:rate=25:duration={VIDEO_S},noise=c0s=4:c0f=t"
_SOUND = f"sine=frequency=440:beep_factor=4:sample_rate=48000:duration={VIDEO_S}"
RECIPES: dict[str, list[str]] = {
    "h264_720p.mp4": [
        "-c:v", "libx264", "-preset", "superfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
        "-b:v", "2500k", "-maxrate", "3500k", "-bufsize", "7000k", "-g", "75",
        "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-f", "mp4",
    ],
    "hevc_720p.mov": [
        "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-tag:v", "hvc1",
        "-b:v", "1500k", "-g", "75", "-x265-params", "log-level=error",
        "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-f", "mov",
    ],
}  # fmt: skip


def _source_path(name: str) -> Path:
    key = hashlib.sha256(json.dumps([_PICTURE, _SOUND, RECIPES[name]]).encode()).hexdigest()[:10]
    stem, ext = name.rsplit(".", 1)
    return MEDIA_DIR / f"{stem}-{key}.{ext}"


def bench_sources() -> dict[str, Path]:
    """Generate (concurrently, once; cached) the 10-minute sources."""
    MEDIA_DIR.mkdir(parents=True, exist_ok=True)
    wanted = {name: _source_path(name) for name in RECIPES}
    running = []
    for name, final in wanted.items():
        if final.exists():
            continue
        tmp = final.with_name(f".{uuid.uuid4().hex}{final.suffix}")
        args = ["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", _PICTURE]
        args += ["-f", "lavfi", "-i", _SOUND, "-map", "0:v", "-map", "1:a", *RECIPES[name], str(tmp)]
        running.append((subprocess.Popen(args, stdin=subprocess.DEVNULL), tmp, final))
    for proc, tmp, final in running:
        if proc.wait() != 0:
            tmp.unlink(missing_ok=True)
            raise RuntimeError(f"generating {final.name} failed")
        os.replace(tmp, final)
    return wanted
