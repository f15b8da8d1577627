"""The capacity plan's arithmetic: a province's load model times the costs the benchmarks measured.

``plan(load, measured)`` is arithmetic only (no files, no clock), so ``tests/bench/test_capacity.py``
checks it on fixed inputs; ``docs/capacity.md`` presents its figures. ``LoadModel`` holds the
assumptions, each with its source in ``LOAD_SOURCES`` (a seed's text, the issue, or "assumption" and
why). ``bench._capacity_inputs.measured_from`` reads the measured inputs out of ``bench/results/*.json``
(written when the other benches run), each with the file and key it came from, and names the ones
missing; ``main()`` writes ``bench/results/capacity.json`` (inputs, sources, plan) when none is missing, and
otherwise says which bench to run. ``make bench`` runs it after the others.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._capacity_inputs import measured_from  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SECONDS_PER_HOUR = 3600
TB = 10**12  # storage is sold and planned in decimal terabytes
GB = 10**9

# Tables the province generator fills, by what their rows grow with: teachers (accounts, choices,
# peer learning, hours) or recordings (everything else: jobs, submissions, audit, comments).
PER_TEACHER_TABLES = frozenset(
    {
        "schools",
        "school_setups",
        "school_handovers",
        "research_groups",
        "point_selections",
        "teachers",
        "users",
        "online_hour_entries",
        "peer_assignments",
        "peer_comments",
    }
)


@dataclass(frozen=True)
class LoadModel:
    """What a province does in a semester; every field's source is in ``LOAD_SOURCES``."""

    teachers: int = 700_000
    points_per_teacher: int = 3
    lesson_videos_per_point: float = 1.0
    uploads_per_required_video: float = 1.25
    lesson_minutes: float = 10.0
    group_size: float = 12.0
    sessions_per_group: float = 2.0
    session_minutes: float = 40.0
    window_days: int = 138
    peak_day_share: float = 0.04
    peak_hour_share: float = 0.12
    upload_mbit_s: float = 6.0
    transcode_share: float = 0.35
    retention_semesters: int = 1
    storage_overhead: float = 1.5
    original_reads_per_upload: int = 3
    worker_host_cores: int = 16
    worker_utilisation: float = 0.7
    api_processes: int = 16
    api_pool_connections: int = 15
    worker_connections_per_process: int = 2
    transcode_soft_limit_s: int = 3600
    analysis_soft_limit_s: int = 1800
    broker_visibility_timeout_s: int = 3720 + 600


LOAD_SOURCES = {
    "teachers": "issue 21 item 6",
    "points_per_teacher": "seed 004: 每名教师再选择3个微能力点",
    "lesson_videos_per_point": "assumption: one video evidence item a point (A1's 学情分析报告 is a video: "
    "domain/CATALOG.md §3; the other points' items are not known)",
    "uploads_per_required_video": "assumption: one video in four uploaded again (a retake, a replaced file, "
    "a group sent back: seed 001 需要重新提交)",
    "lesson_minutes": "assumption: A1's report ≤ 5 min (CATALOG §3), lesson excerpts about 10 min, "
    "精品课 10–20 min (CATALOG §5)",
    "group_size": "seed 001: 49 teachers in 4 教研组 (the province generator uses 15)",
    "sessions_per_group": "assumption: seed 001 has each group hand over 1 session video of ≥ 10 min "
    "(提交其中1份); two are uploaded for every one handed over",
    "session_minutes": "assumption: a 集中教研活动 filmed whole, one class period (the rule is ≥ 10 min, seed 001)",
    "window_days": "seed 001: 线下实践应用 2022.5.16–2022.9.30",
    "peak_day_share": "assumption: uploads bunch before hand-over deadlines; the busiest day has 4 % of the "
    "semester's (5.5× an average day)",
    "peak_hour_share": "assumption: the busiest hour (after classes, 20–21 h Beijing time) has 12 % of that "
    "day's uploads (a flat day: 4.2 %)",
    "upload_mbit_s": "assumption: mean upload bitrate; CATALOG §5: 晒课 0.5–1 Mbit/s, 精品课 ~8 Mbit/s at "
    "1080p and ≤ 1 GB for ≤ 20 min (6.7 Mbit/s); phones at 1080p write 8 (HEVC) to 17 (H.264)",
    "transcode_share": "assumption: iPhone HEVC, > 1080p or > 8 Mbit/s sources are transcoded, H.264 phones, "
    "录播 systems and FLV are copied (README, Playback)",
    "retention_semesters": "assumption: a semester's media is kept until the next semester's review begins",
    "storage_overhead": "assumption: MinIO erasure coding EC:4 on 12 drives (12/8), before replication",
    "original_reads_per_upload": "workers/stages: probe, analyze and transcode each download the whole "
    "original to scratch (ObjectStore.local_path)",
    "worker_host_cores": "assumption: the worker host size planned for",
    "worker_utilisation": "assumption: cores kept 30 % free for drift, retries and re-runs",
    "api_processes": "assumption: uvicorn processes across the API hosts",
    "api_pool_connections": "db/session.py: pool_size 5 + max_overflow 10 per process",
    "worker_connections_per_process": "workers/heartbeat.py: a stage's transaction and its heartbeat's",
    "transcode_soft_limit_s": "config/settings.py: task_soft_time_limit_s",
    "analysis_soft_limit_s": "config/settings.py: analyze_soft_time_limit_s",
    "broker_visibility_timeout_s": "pipeline/celery_factory.py: task_hard_time_limit_s (3,720) + 600",
}


def recordings(load: LoadModel) -> dict[str, float]:
    """Uploads and minutes of video in a semester: lessons per point, group sessions per group."""
    lessons = load.teachers * load.points_per_teacher * load.lesson_videos_per_point * load.uploads_per_required_video
    sessions = load.teachers / load.group_size * load.sessions_per_group
    minutes = lessons * load.lesson_minutes + sessions * load.session_minutes
    return {"lessons": lessons, "sessions": sessions, "uploads": lessons + sessions, "video_minutes": minutes}


def plan(load: LoadModel, m: dict[str, object]) -> dict[str, object]:
    """Every figure of the plan from the load model and the measured inputs ``m`` (``_capacity_inputs.MEASURED``)."""
    made = recordings(load)
    cpu_per_min = {
        "probe": float(m["probe_cpu_s_per_min"]),
        "analysis": float(m["analysis_cpu_s_per_min"]),
        "transcode": (1 - load.transcode_share) * float(m["copy_cpu_s_per_min"])
        + load.transcode_share * float(m["transcode_cpu_s_per_min"]),
    }
    core_hours = _core_hours(load, made, cpu_per_min)
    workers = _workers(load, made, cpu_per_min, core_hours)
    database = _database(load, m, made)
    database["connections_at_most"] = (
        load.api_processes * load.api_pool_connections
        + workers["hosts_for_peak_day"] * load.worker_host_cores * load.worker_connections_per_process
    )
    return {
        "recordings": {k: round(v) for k, v in made.items()}
        | {"mean_minutes": round(made["video_minutes"] / made["uploads"], 1)},
        "ingest": _ingest(load, made),
        "storage": _storage(load, m, made),
        "object_store_peak_day": _object_store(load, m, made),
        "cpu_seconds_per_video_minute": {k: round(v, 3) for k, v in cpu_per_min.items()},
        "core_hours_per_day": core_hours,
        "workers": workers,
        "database": database,
        "redis": _redis(load, m, made),
        "longest_video_minutes_within_time_limits": longest_videos(load, m),
        "storage_tb_by_upload_mbit_s": {
            str(rate): _storage(replace(load, upload_mbit_s=rate), m, made)["semester_tb"] for rate in (2, 4, 6, 8)
        },
    }


def _source_bytes_per_min(load: LoadModel) -> float:
    return load.upload_mbit_s * 1e6 / 8 * 60


def _ingest(load: LoadModel, made: dict[str, float]) -> dict[str, float]:
    """Uploads on the average day, the peak day and its peak hour, and the bandwidth they need."""
    uploads, minutes = made["uploads"], made["video_minutes"]
    peak_hour_share = load.peak_day_share * load.peak_hour_share
    peak_hour_bytes = minutes * peak_hour_share * _source_bytes_per_min(load)
    return {
        "uploads_per_semester": round(uploads),
        "uploads_per_average_day": round(uploads / load.window_days),
        "uploads_on_peak_day": round(uploads * load.peak_day_share),
        "uploads_in_peak_hour": round(uploads * peak_hour_share),
        "peak_hour_tb": round(peak_hour_bytes / TB, 2),
        "peak_hour_gbit_s": round(peak_hour_bytes * 8 / SECONDS_PER_HOUR / 1e9, 2),
        "average_gbit_s": round(minutes * _source_bytes_per_min(load) * 8 / (load.window_days * 86400) / 1e9, 2),
    }


def _media_bytes(load: LoadModel, m: dict[str, object], made: dict[str, float]) -> tuple[float, float, float]:
    """A semester's originals, derived renditions (copy: a multiple of the source; transcode: the ladder)
    and face crops, in bytes."""
    minutes = made["video_minutes"]
    originals = minutes * _source_bytes_per_min(load)
    derived = minutes * (
        (1 - load.transcode_share) * _source_bytes_per_min(load) * float(m["copy_derived_over_source"])
        + load.transcode_share * float(m["transcode_derived_bytes_per_min"])
    )
    return originals, derived, made["uploads"] * float(m["face_crop_bytes_per_recording"])


def _storage(load: LoadModel, m: dict[str, object], made: dict[str, float]) -> dict[str, float]:
    """Terabytes a semester leaves, kept for ``retention_semesters``, and the raw disk under them."""
    originals, derived, crops = _media_bytes(load, m, made)
    semester = originals + derived + crops
    kept = semester * load.retention_semesters
    return {
        "originals_tb": round(originals / TB, 1),
        "derived_tb": round(derived / TB, 1),
        "face_crops_tb": round(crops / TB, 3),
        "semester_tb": round(semester / TB, 1),
        "kept_tb": round(kept / TB, 1),
        "raw_disk_tb": round(kept * load.storage_overhead / TB, 1),
        "derived_over_originals": round(derived / originals, 2),
    }


def _object_store(load: LoadModel, m: dict[str, object], made: dict[str, float]) -> dict[str, float]:
    """The peak day's traffic inside the object store: uploads and outputs written, originals read by the stages."""
    originals, derived, _ = _media_bytes(load, m, made)
    written = (originals + derived) * load.peak_day_share
    read = originals * load.peak_day_share * load.original_reads_per_upload
    return {
        "written_tb": round(written / TB, 1),
        "read_by_workers_tb": round(read / TB, 1),
        "mean_gbit_s": round((written + read) * 8 / 86400 / 1e9, 1),
    }


def _core_hours(load: LoadModel, made: dict[str, float], cpu_per_min: dict[str, float]) -> dict[str, dict]:
    """Core-hours by stage on the average day and on the peak day."""
    minutes = made["video_minutes"]
    day_minutes = {"average_day": minutes / load.window_days, "peak_day": minutes * load.peak_day_share}
    out = {
        day: {stage: round(per_min * mins / SECONDS_PER_HOUR) for stage, per_min in cpu_per_min.items()}
        for day, mins in day_minutes.items()
    }
    for figures in out.values():
        figures["total"] = sum(figures.values())
    return out


def _workers(load: LoadModel, made: dict[str, float], cpu_per_min: dict[str, float], core_hours: dict) -> dict:
    """Worker hosts of ``worker_host_cores`` cores, at ``worker_utilisation``, to get through the work."""
    usable_core_hours_a_day = load.worker_host_cores * 24 * load.worker_utilisation
    peak_hour_minutes = made["video_minutes"] * load.peak_day_share * load.peak_hour_share
    peak_hour_cores = peak_hour_minutes * sum(cpu_per_min.values()) / SECONDS_PER_HOUR
    return {
        "hosts_for_average_day": _ceil(core_hours["average_day"]["total"] / usable_core_hours_a_day),
        "hosts_for_peak_day": _ceil(core_hours["peak_day"]["total"] / usable_core_hours_a_day),
        "hosts_for_peak_hour_without_queue": _ceil(
            peak_hour_cores / (load.worker_host_cores * load.worker_utilisation)
        ),
        "peak_day_cores_by_stage": {
            stage: _ceil(hours / 24 / load.worker_utilisation)
            for stage, hours in core_hours["peak_day"].items()
            if stage != "total"
        },
    }


def _redis(load: LoadModel, m: dict[str, object], made: dict[str, float]) -> dict[str, float]:
    """Memory of a backlog: three stage messages an upload (probe, then analyze and transcode)."""
    per_task = float(m["broker_bytes_per_task"])
    return {
        "messages_per_upload": 3,
        "bytes_per_queued_task": round(per_task),
        "peak_day_backlog_mb": round(made["uploads"] * load.peak_day_share * 3 * per_task / 1e6, 1),
        "whole_semester_backlog_gb": round(made["uploads"] * 3 * per_task / GB, 2),
        "visibility_timeout_s": load.broker_visibility_timeout_s,
    }


def longest_videos(load: LoadModel, m: dict[str, object]) -> dict[str, float]:
    """Minutes of video one task gets through within its soft time limit, at the measured wall seconds a minute."""
    return {
        "transcode": round(load.transcode_soft_limit_s / float(m["transcode_wall_s_per_min"]), 1),
        "analysis": round(load.analysis_soft_limit_s / float(m["analysis_wall_s_per_min"]), 1),
    }


def _database(load: LoadModel, m: dict[str, object], made: dict[str, float]) -> dict[str, object]:
    """The province's tables scaled by teachers or recordings, plus what the analyze stage adds."""
    per_row, base_rows = m["province_bytes_per_row"], m["province_rows"]
    base_teachers, base_recordings = base_rows["teachers"], base_rows["recordings"]
    tables: dict[str, float] = {}
    rows: dict[str, float] = {}
    for table, count in base_rows.items():
        factor = load.teachers / base_teachers if table in PER_TEACHER_TABLES else made["uploads"] / base_recordings
        rows[table] = count * factor
        tables[table] = rows[table] * per_row.get(table, 0)
    tables["recording_faces (json)"] = made["uploads"] * float(m["faces_json_bytes_per_recording"])
    tables["fingerprints (blobs + keys)"] = made["video_minutes"] * float(m["fingerprint_db_bytes_per_min"])
    total = sum(tables.values())
    return {
        "rows_millions": round(sum(rows.values()) / 1e6, 1),
        "gb_by_table": {t: round(b / GB, 1) for t, b in sorted(tables.items(), key=lambda kv: -kv[1])},
        "total_gb": round(total / GB, 1),
    }


def _ceil(x: float) -> int:
    return int(-(-x // 1))


def main() -> int:
    values, sources, missing = measured_from(RESULTS)
    if missing:
        print("capacity: not computed; run the benches that write these first:\n  " + "\n  ".join(missing))
        return 0  # not a failure of `make bench`: the plan waits for its inputs
    load = LoadModel()
    out = {
        "load_model": asdict(load),
        "load_sources": LOAD_SOURCES,
        "measured": values,
        "measured_sources": sources,
        "plan": plan(load, values),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "capacity.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(out["plan"], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
