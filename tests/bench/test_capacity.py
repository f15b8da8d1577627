"""The capacity plan's arithmetic on fixed inputs (no timings), and how it reads the benches' JSONs."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from bench import capacity
from bench._capacity_inputs import MEASURED, measured_from
from bench.capacity import LOAD_SOURCES, LoadModel, plan, recordings
from config import Settings

# 120,000 teachers; 3 points × 1 video, no re-uploads: 360,000 lessons of 10 min; groups of 12, one
# 30-min session each: 10,000 sessions. 3,900,000 minutes, at 8 Mbit/s = 60 MB a minute.
LOAD = LoadModel(
    teachers=120_000,
    points_per_teacher=3,
    lesson_videos_per_point=1.0,
    uploads_per_required_video=1.0,
    lesson_minutes=10.0,
    group_size=12.0,
    sessions_per_group=1.0,
    session_minutes=30.0,
    window_days=100,
    peak_day_share=0.1,
    peak_hour_share=0.2,
    upload_mbit_s=8.0,
    transcode_share=0.5,
    retention_semesters=1,
    storage_overhead=1.5,
    original_reads_per_upload=3,
    worker_host_cores=10,
    worker_utilisation=0.5,
    api_processes=16,
    api_pool_connections=15,
    worker_connections_per_process=2,
    transcode_soft_limit_s=3600,
    analysis_soft_limit_s=1800,
)
MEASURED_INPUTS = {
    "probe_cpu_s_per_min": 0.05,
    "analysis_cpu_s_per_min": 4.0,
    "analysis_wall_s_per_min": 3.0,
    "copy_cpu_s_per_min": 0.5,
    "transcode_cpu_s_per_min": 40.0,
    "transcode_wall_s_per_min": 36.0,
    "copy_derived_over_source": 2.0,
    "transcode_derived_bytes_per_min": 24_000_000,
    "face_crop_bytes_per_recording": 40_000,
    "faces_json_bytes_per_recording": 30_000,
    "fingerprint_db_bytes_per_min": 8_000,
    "province_bytes_per_row": {"teachers": 200, "recordings": 500, "audit_log": 100},
    "province_rows": {"teachers": 1_000, "recordings": 3_000, "audit_log": 30_000},
    "broker_bytes_per_task": 1_000,
}


@pytest.fixture(scope="module")
def result():
    return plan(LOAD, MEASURED_INPUTS)


def test_recordings_count_lessons_per_point_and_sessions_per_group():
    assert recordings(LOAD) == {"lessons": 360_000, "sessions": 10_000, "uploads": 370_000, "video_minutes": 3_900_000}


def test_peak_uploads_and_the_bandwidth_they_need(result):
    assert result["ingest"] == {
        "uploads_per_semester": 370_000,
        "uploads_per_average_day": 3_700,
        "uploads_on_peak_day": 37_000,
        "uploads_in_peak_hour": 7_400,
        "peak_hour_tb": 4.68,  # 78,000 minutes × 60 MB
        "peak_hour_gbit_s": 10.4,
        "average_gbit_s": 0.22,
    }


def test_storage_adds_derived_renditions_by_mode_and_crops(result):
    assert result["storage"] == {
        "originals_tb": 234.0,
        "derived_tb": 280.8,  # half copied (2 × 60 MB a minute), half transcoded (24 MB a minute)
        "face_crops_tb": 0.015,
        "semester_tb": 514.8,
        "kept_tb": 514.8,
        "raw_disk_tb": 772.2,
        "derived_over_originals": 1.2,
    }
    assert result["storage_tb_by_upload_mbit_s"]["2"] == 163.8


def test_object_store_traffic_on_the_peak_day(result):
    # A tenth of the semester: 51.5 TB written (originals and outputs), the originals read three times.
    assert result["object_store_peak_day"] == {"written_tb": 51.5, "read_by_workers_tb": 70.2, "mean_gbit_s": 11.3}


def test_core_hours_per_day_from_cpu_seconds_per_minute(result):
    assert result["cpu_seconds_per_video_minute"] == {"probe": 0.05, "analysis": 4.0, "transcode": 20.25}
    assert result["core_hours_per_day"] == {
        "average_day": {"probe": 1, "analysis": 43, "transcode": 219, "total": 263},
        "peak_day": {"probe": 5, "analysis": 433, "transcode": 2194, "total": 2632},
    }


def test_worker_hosts_round_up(result):
    assert result["workers"] == {
        "hosts_for_average_day": 3,  # 263 core-hours / (10 cores × 24 h × 0.5)
        "hosts_for_peak_day": 22,
        "hosts_for_peak_hour_without_queue": 106,  # 78,000 minutes × 24.3 CPU-s in an hour, on 5 usable cores
        "peak_day_cores_by_stage": {"probe": 1, "analysis": 37, "transcode": 183},
    }


def test_database_scales_tables_by_teachers_or_recordings(result):
    database = result["database"]
    assert database["gb_by_table"] == {
        "fingerprints (blobs + keys)": 31.2,
        "recording_faces (json)": 11.1,
        "audit_log": 0.4,
        "recordings": 0.2,
        "teachers": 0.0,
    }
    assert database["total_gb"] == 42.9
    assert database["rows_millions"] == 4.2
    assert database["connections_at_most"] == 16 * 15 + 22 * 10 * 2


def test_redis_backlog_and_time_limits(result):
    assert result["redis"] == {
        "messages_per_upload": 3,
        "bytes_per_queued_task": 1_000,
        "peak_day_backlog_mb": 111.0,
        "whole_semester_backlog_gb": 1.11,
        "visibility_timeout_s": 4_320,
    }
    assert result["longest_video_minutes_within_time_limits"] == {"transcode": 100.0, "analysis": 600.0}


def test_every_assumption_has_a_source_and_the_limits_match_the_settings():
    assert set(LOAD_SOURCES) == {f.name for f in fields(LoadModel)}
    settings = Settings()
    defaults = LoadModel()
    assert defaults.transcode_soft_limit_s == settings.task_soft_time_limit_s
    assert defaults.analysis_soft_limit_s == settings.analyze_soft_time_limit_s
    assert defaults.broker_visibility_timeout_s == settings.task_hard_time_limit_s + 600


def _write_results(folder):
    pv = {"probe_cpu_seconds_per_video_minute": 0.04, "cpu_seconds_per_video_minute": 0.5}
    playback = [
        {"mode": "copy", "video_s": 120, "ours_s": 1.0, "per_video_minute": {**pv, "source_bytes_per_video_minute": 100,
                                                                             "derived_bytes_per_video_minute": 204}},
        {"mode": "transcode", "video_s": 120, "ours_s": 60.0, "per_video_minute": {
            "probe_cpu_seconds_per_video_minute": 0.06, "cpu_seconds_per_video_minute": 30.0,
            "source_bytes_per_video_minute": 100, "derived_bytes_per_video_minute": 50}},
    ]  # fmt: skip
    analysis = {
        "per_video_minute": {
            "cpu_seconds_per_video_minute": 4.0,
            "wall_seconds_per_video_minute": 3.0,
            "face_crops_per_recording": {"bytes": 7},
            "database_bytes_per_recording": {"recording_faces_json": 9},
        }
    }
    (folder / "playback.json").write_text(json.dumps(playback))
    (folder / "analysis.json").write_text(json.dumps(analysis))
    (folder / "broker.json").write_text(json.dumps({"celery": {}}))  # written, but without the figure


def test_measured_inputs_are_read_from_the_bench_results_and_missing_ones_named(tmp_path):
    _write_results(tmp_path)
    values, sources, missing = measured_from(tmp_path)
    assert values["probe_cpu_s_per_min"] == pytest.approx(0.05)
    assert values["copy_derived_over_source"] == pytest.approx(2.04)
    assert values["transcode_cpu_s_per_min"] == 30.0
    assert values["transcode_wall_s_per_min"] == 30.0  # 60 s for 2 minutes
    assert values["face_crop_bytes_per_recording"] == 7
    assert sources["analysis_cpu_s_per_min"].startswith("bench/results/analysis.json: per_video_minute.")
    assert sorted(m.split(" ")[0] for m in missing) == [
        "broker_bytes_per_task",
        "fingerprint_db_bytes_per_min",
        "province_bytes_per_row",
        "province_rows",
    ]
    assert set(values) | {m.split(" ")[0] for m in missing} == set(MEASURED)


def test_main_writes_nothing_while_inputs_are_missing(tmp_path, monkeypatch, capsys):
    _write_results(tmp_path)
    monkeypatch.setattr(capacity, "RESULTS", tmp_path)
    assert capacity.main() == 0
    assert not (tmp_path / "capacity.json").exists()
    assert "broker_bytes_per_task" in capsys.readouterr().out
