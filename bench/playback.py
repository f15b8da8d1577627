"""Playback benchmark: our transcode stage's media half against bare ffmpeg, in one run.

Two 10-minute 1280×720 25 fps sources (testsrc2 with light temporal luma noise, like a
classroom camera's; 440 Hz beeps for sound; keyframes every 3 s), generated once into
``var/bench-media/`` (both at once, ~8 minutes on 2 cores; cached afterwards):

- ``h264_720p.mp4``: H.264 High + AAC at ~2.6 Mbit/s, moov at the end — browser-ready, so it
  takes the copy path (remux + HLS by stream copy + keyframe storyboard + poster + checks);
- ``hevc_720p.mov``: HEVC + AAC, an iPhone-style file — transcoded to 720p + 360p.

For each source, ``ours`` is :func:`workers.video.transcode.build_outputs` (scan, plan, the
ffmpeg run with progress parsing, storyboard, poster, read-back checks) and ``bare`` is the
same ffmpeg argument vector run directly (``plan.ffmpeg_args``, nothing around it). Copy runs
are cheap, so each side runs 3 times interleaved and the median counts; transcodes run once.
Targets (never lowered): copy done within 2 % of the video's duration (12 s for 10 min);
transcode within 1.1× bare ffmpeg, wall clock. The machine may be shared, so the 1-minute load
average before and after is recorded with each row, and CPU seconds (ours: Python plus every
ffmpeg/ffprobe it ran) next to wall seconds: when the load changes between the two sides,
``cpu_ratio`` still shows what our wrapper really costs. ``bench/README.md`` keeps the latest figures.

``KEJIAN_BENCH_PLAYBACK_S`` (default 600) makes shorter sources for a short run (cached apart). Each
row also gives what the capacity plan (``bench/capacity.py``) scales by minutes of video: the probe's
and the stage's CPU seconds per minute, and the bytes per minute of the source and of the outputs
stored (MP4, HLS segments and playlists, poster and storyboard).

Writes ``bench/results/playback.json`` (a list of rows). ``--presets`` instead measures the
x264 presets (60 s of the H.264 source, our CRF 23 + 720p caps, and a fixed 1.5 Mbit/s)
and writes ``bench/results/x264_presets.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workers.video import tool_args  # noqa: E402
from workers.video.probe import probe  # noqa: E402
from workers.video.transcode import build_outputs, choose_plan  # noqa: E402

MEDIA_DIR = ROOT / "var" / "bench-media"
RESULTS = ROOT / "bench" / "results"
VIDEO_S = int(os.environ.get("KEJIAN_BENCH_PLAYBACK_S", "600"))  # 600: the 10-minute sources; less for a short run
COPY_TARGET_FRACTION = 0.02
TRANSCODE_TARGET_RATIO = 1.1
COPY_REPEATS = 3
FFMPEG = tool_args.ffmpeg_binary()  # the configured ffmpeg, as the transcode stage runs it
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
        print(f"   generating {final.name} (once)", flush=True)
        tmp = final.with_name(f".{uuid.uuid4().hex}{final.suffix}")
        args = [FFMPEG, "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", _PICTURE]
        args += ["-f", "lavfi", "-i", _SOUND, "-map", "0:v", "-map", "1:a", *RECIPES[name], str(tmp)]
        running.append((subprocess.Popen(args, stdin=subprocess.DEVNULL), tmp, final))
    for proc, tmp, final in running:
        if proc.wait() != 0:
            tmp.unlink(missing_ok=True)
            raise RuntimeError(f"generating {final.name} failed")
        os.replace(tmp, final)
    return wanted


def _fresh(directory: Path) -> Path:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (ffmpeg, ffprobe)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(run) -> tuple[float, float]:
    """(wall, CPU) seconds of ``run()``; CPU time barely moves when other jobs share the cores."""
    cpu, start = _cpu(), time.perf_counter()
    run()
    return time.perf_counter() - start, _cpu() - cpu


def _ours(src: Path, info, out_dir: Path) -> tuple[float, float]:
    _fresh(out_dir)
    return _timed(lambda: build_outputs(src, info, out_dir, progress=lambda _percent: None))


def _bare(args: list[str], dirs: tuple[str, ...], out_dir: Path) -> tuple[float, float]:
    _fresh(out_dir)
    for directory in dirs:
        (out_dir / directory).mkdir(parents=True, exist_ok=True)
    run = subprocess.run
    return _timed(lambda: run(args, cwd=out_dir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True))


_OUTPUT_KINDS = {".mp4": "mp4", ".ts": "hls", ".m4s": "hls", ".m3u8": "hls", ".jpg": "images", ".vtt": "images"}


def output_bytes(out_dir: Path) -> dict[str, int]:
    """Bytes of the files a run left in ``out_dir``, by kind (what the transcode stage stores)."""
    sizes = {"mp4": 0, "hls": 0, "images": 0, "other": 0}
    for path in out_dir.rglob("*"):
        if path.is_file():
            sizes[_OUTPUT_KINDS.get(path.suffix.lower(), "other")] += path.stat().st_size
    return {**sizes, "total": sum(sizes.values())}


def per_video_minute(video_s: float, src: Path, probe_cpu_s: float, ours_cpu_s: float, outputs: dict) -> dict:
    """Costs per minute of video, for the capacity plan: CPU seconds (probe, this stage) and bytes."""
    minutes = video_s / 60 if video_s else 1.0
    return {
        "probe_cpu_seconds_per_video_minute": round(probe_cpu_s / minutes, 3),
        "cpu_seconds_per_video_minute": round(ours_cpu_s / minutes, 2),
        "source_bytes_per_video_minute": round(src.stat().st_size / minutes),
        "derived_bytes_per_video_minute": round(outputs["total"] / minutes),
        "derived_bytes_per_video_minute_by_kind": {k: round(v / minutes) for k, v in outputs.items() if k != "total"},
    }


def measure(name: str, src: Path, work: Path) -> dict:
    probe_started, probe_cpu = time.perf_counter(), _cpu()
    info = probe(src)
    probe_s, probe_cpu_s = time.perf_counter() - probe_started, _cpu() - probe_cpu
    plan = choose_plan(src, info)
    args, dirs = plan.ffmpeg_args(src), plan.output_dirs()
    with open(src, "rb") as f:  # warm the page cache so neither side pays for the first read
        while f.read(16 << 20):
            pass
    load_before = os.getloadavg()[0]
    repeats = COPY_REPEATS if plan.mode == "copy" else 1
    bare_runs, ours_runs = [], []  # (wall, cpu) pairs
    for _ in range(repeats):
        bare_runs.append(_bare(args, dirs, work / "bare"))
        ours_runs.append(_ours(src, info, work / "ours"))
    outputs = output_bytes(work / "ours")  # the last of our runs, as the stage would store it
    ours, ours_cpu = zip(*ours_runs)
    bare, bare_cpu = zip(*bare_runs)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    video_s = info.duration_s or float(VIDEO_S)
    if plan.mode == "copy":
        target, met = f"ours_s <= {COPY_TARGET_FRACTION} x video_s", ours_s <= COPY_TARGET_FRACTION * video_s
    else:
        target, met = f"ratio <= {TRANSCODE_TARGET_RATIO}", ours_s / bare_s <= TRANSCODE_TARGET_RATIO
    return {
        "source": name,
        "video_s": round(video_s, 3),
        "ours_s": round(ours_s, 2),
        "bare_ffmpeg_s": round(bare_s, 2),
        "ratio": round(ours_s / bare_s, 3),
        "realtime_factor": round(video_s / ours_s, 2),
        "mode": plan.mode,
        "profiles": [p.name for p in plan.profiles],
        "runs": {"ours_s": [round(t, 2) for t in ours], "bare_ffmpeg_s": [round(t, 2) for t in bare]},
        "ours_cpu_s": round(statistics.median(ours_cpu), 2),
        "bare_ffmpeg_cpu_s": round(statistics.median(bare_cpu), 2),
        "cpu_ratio": round(statistics.median(ours_cpu) / statistics.median(bare_cpu), 3),
        "probe_s": round(probe_s, 3),
        "probe_cpu_s": round(probe_cpu_s, 3),
        "output_bytes": outputs,
        "per_video_minute": per_video_minute(video_s, src, probe_cpu_s, statistics.median(ours_cpu), outputs),
        "target": target,
        "met": met,
        "load_1m_before": round(load_before, 2),
        "load_1m_after": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    sources = bench_sources()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-playback-") as tmp:
        for name, src in sources.items():
            print(f"   {name}", flush=True)
            row = measure(name, src, Path(tmp))
            print(f"   -> {json.dumps(row)}", flush=True)
            rows.append(row)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "playback.json").write_text(json.dumps(rows, indent=2) + "\n")


def presets() -> None:
    """x264 ultrafast..faster on 60 s of the 720p source: CPU time, bitrate, SSIM, PSNR."""
    src = bench_sources()["h264_720p.mp4"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-presets-") as tmp:
        clip = Path(tmp) / "clip60.mp4"
        subprocess.run([FFMPEG, "-v", "error", "-ss", "120", "-i", str(src), "-t", "60", "-c", "copy", str(clip)])
        modes = {
            "crf23_capped": ["-crf", "23", "-maxrate", "2500k", "-bufsize", "5000k"],
            "abr_1500k": ["-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "3000k"],
        }
        for mode, rate in modes.items():
            for preset in ("ultrafast", "superfast", "veryfast", "faster"):
                rows.append(_preset_row(clip, Path(tmp) / f"{mode}-{preset}.mp4", preset, mode, rate))
                print(f"   {json.dumps(rows[-1])}", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "x264_presets.json").write_text(json.dumps(rows, indent=2) + "\n")


def _preset_row(clip: Path, out: Path, preset: str, mode: str, rate: list[str]) -> dict:
    args = [FFMPEG, "-v", "error", "-y", "-i", str(clip), "-an", "-c:v", "libx264", "-preset", preset, *rate]
    args += ["-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0", "-profile:v", "high", str(out)]
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(args, check=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    metrics = [FFMPEG, "-hide_banner", "-i", str(out), "-i", str(clip), "-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr"]
    report = subprocess.run([*metrics, "-f", "null", "-"], capture_output=True, text=True).stderr
    return {
        "mode": mode,
        "preset": preset,
        "cpu_s": round(cpu, 1),
        "wall_s": round(wall, 1),
        "kbit_s": round(out.stat().st_size * 8 / 60 / 1000),
        "ssim": float(re.search(r"SSIM .*All:([0-9.]+)", report).group(1)),
        "psnr_db": round(float(re.search(r"PSNR .*average:([0-9.]+)", report).group(1)), 2),
        "load_1m": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    presets() if "--presets" in sys.argv[1:] else main()
