"""The capacity plan's measured inputs: which bench's JSON each comes from, and reading them.

``MEASURED`` names every input ``bench/capacity.py`` multiplies by (CPU seconds and bytes per minute of
video, bytes per row and per queued task) with the file in ``bench/results`` it is taken from and how;
``measured_from`` reads them, says where each came from and when that file was written, and lists the
ones missing (a bench not run yet, or run before it reported that figure).
"""

from __future__ import annotations

import json
import statistics
from datetime import datetime, timezone
from pathlib import Path


def _row(rows: list[dict], mode: str) -> dict:
    return next(r for r in rows if r.get("mode") == mode)


def _per_min(rows: list[dict], mode: str) -> dict:
    return _row(rows, mode)["per_video_minute"]


# The measured inputs: name → (file in bench/results, what is taken from it, how).
MEASURED = {
    "probe_cpu_s_per_min": (
        "playback.json",
        "mean over rows of per_video_minute.probe_cpu_seconds_per_video_minute",
        lambda d: statistics.mean(r["per_video_minute"]["probe_cpu_seconds_per_video_minute"] for r in d),
    ),
    "analysis_cpu_s_per_min": (
        "analysis.json",
        "per_video_minute.cpu_seconds_per_video_minute",
        lambda d: d["per_video_minute"]["cpu_seconds_per_video_minute"],
    ),
    "analysis_wall_s_per_min": (
        "analysis.json",
        "per_video_minute.wall_seconds_per_video_minute",
        lambda d: d["per_video_minute"]["wall_seconds_per_video_minute"],
    ),
    "copy_cpu_s_per_min": (
        "playback.json",
        "row mode=copy: per_video_minute.cpu_seconds_per_video_minute",
        lambda d: _per_min(d, "copy")["cpu_seconds_per_video_minute"],
    ),
    "transcode_cpu_s_per_min": (
        "playback.json",
        "row mode=transcode: per_video_minute.cpu_seconds_per_video_minute",
        lambda d: _per_min(d, "transcode")["cpu_seconds_per_video_minute"],
    ),
    "transcode_wall_s_per_min": (
        "playback.json",
        "row mode=transcode: ours_s / video_s × 60",
        lambda d: _row(d, "transcode")["ours_s"] / _row(d, "transcode")["video_s"] * 60,
    ),
    "copy_derived_over_source": (
        "playback.json",
        "row mode=copy: per_video_minute.derived_bytes_per_video_minute / source_bytes_per_video_minute",
        lambda d: (
            _per_min(d, "copy")["derived_bytes_per_video_minute"] / _per_min(d, "copy")["source_bytes_per_video_minute"]
        ),
    ),
    "transcode_derived_bytes_per_min": (
        "playback.json",
        "row mode=transcode: per_video_minute.derived_bytes_per_video_minute",
        lambda d: _per_min(d, "transcode")["derived_bytes_per_video_minute"],
    ),
    "face_crop_bytes_per_recording": (
        "analysis.json",
        "per_video_minute.face_crops_per_recording.bytes",
        lambda d: d["per_video_minute"]["face_crops_per_recording"]["bytes"],
    ),
    "faces_json_bytes_per_recording": (
        "analysis.json",
        "per_video_minute.database_bytes_per_recording.recording_faces_json",
        lambda d: d["per_video_minute"]["database_bytes_per_recording"]["recording_faces_json"],
    ),
    "fingerprint_db_bytes_per_min": (
        "fingerprint.json",
        "sizes.bytes_per_video_minute",
        lambda d: d["sizes"]["bytes_per_video_minute"],
    ),
    "province_bytes_per_row": ("province.json", "bytes_per_row", lambda d: d["bytes_per_row"]),
    "province_rows": ("province.json", "rows", lambda d: d["rows"]),
    "broker_bytes_per_task": (
        "broker.json",
        "celery.bytes_per_queued_task",
        lambda d: d["celery"]["bytes_per_queued_task"],
    ),
}


def measured_from(folder: Path) -> tuple[dict[str, object], dict[str, str], list[str]]:
    """(values, where each came from and when the file was written, missing inputs) from ``folder``'s JSONs."""
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    missing: list[str] = []
    for key, (name, where, take) in MEASURED.items():
        path = folder / name
        try:
            values[key] = take(json.loads(path.read_text()))
        except (OSError, ValueError, KeyError, IndexError, TypeError, StopIteration, ZeroDivisionError):
            missing.append(f"{key} (bench/results/{name}: {where})")
            continue
        written = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        sources[key] = f"bench/results/{name}: {where} (written {written})"
    return values, sources, missing
