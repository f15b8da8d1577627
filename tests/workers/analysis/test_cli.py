"""python -m workers.video.inspect: one JSON object with fixed keys, a bilingual summary, bilingual errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import analysis_media

ROOT = Path(__file__).resolve().parents[3]
KEYS = {
    "duration_s",
    "effective_duration_s",
    "padding",
    "sampled_frames",
    "frames_with_faces",
    "participants",
    "unknown_faces",
    "unknown",
}


def _inspect(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "workers.video.inspect", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_json_output_has_exactly_the_documented_keys():
    done = _inspect(
        analysis_media.meeting_clip(16),
        "--reference", f"obama={analysis_media.photo('obama/obama.jpg')}",
        "--reference", f"obama={analysis_media.photo('obama/obama1.jpg')}",  # several photos of one teacher
        "--reference", f"biden={analysis_media.photo('biden/biden.jpg')}",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    data = json.loads(done.stdout)  # exactly one JSON document on stdout

    assert set(data) == KEYS
    person = {"name", "seen", "first_seen_s", "seen_fraction", "has_reference", "evidence_n"}
    assert [set(p) for p in data["participants"]] == [person] * 2
    assert [(p["name"], p["seen"]) for p in data["participants"]] == [("obama", True), ("biden", False)]
    assert data["unknown_faces"] == 1 and data["padding"] == [] and data["sampled_frames"] == 8
    (signer,) = data["unknown"]  # the signer on the right, on nobody's list, signing all along
    assert signer["first_seen_s"] == 0.0 and signer["seen_fraction"] >= 0.75


def test_the_readable_summary_is_chinese_first():
    done = _inspect(analysis_media.padded_clip("frozen", content_s=360, pad_s=300))
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("时长 Duration: 660.0 s")
    assert "静止 frozen 360.0–660.0 s" in done.stdout and "黑屏 black" not in done.stdout
    assert "去除黑屏、静止画面等填充后的有效时长" in done.stdout  # the group leader's own check message
    assert "After removing padding" in done.stdout


def test_a_missing_video_is_a_bilingual_error(tmp_path):
    done = _inspect(tmp_path / "nope.mp4", "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert "找不到视频文件" in done.stderr and "video file not found" in done.stderr


def test_a_group_photo_as_reference_is_refused_with_its_reason():
    done = _inspect(analysis_media.meeting_clip(16), "--reference", f"x={analysis_media.photo('multi/two_people.jpg')}")
    assert done.returncode == 2
    assert "照片中有 2 张人脸" in done.stderr and "The photo shows 2 faces" in done.stderr


def test_a_file_that_is_not_video_is_refused(tmp_path):
    bogus = tmp_path / "notes.mp4"
    bogus.write_text("not a video at all")
    done = _inspect(bogus, "--json")
    assert done.returncode == 2
    assert "错误：" in done.stderr and "Error:" in done.stderr


def test_a_malformed_reference_argument(tmp_path):
    done = _inspect(analysis_media.meeting_clip(16), "--reference", "no-equals-sign")
    assert done.returncode == 2 and "NAME=PHOTO" in done.stderr


@pytest.mark.parametrize("option", ["--ffprobe", "--ffmpeg"])
def test_the_named_binaries_are_the_ones_run(tmp_path, option):
    missing = tmp_path / f"no{option}"
    done = _inspect(analysis_media.meeting_clip(16), option, missing, "--json")
    assert done.returncode == 3 and done.stdout == "", "a binary that cannot run is a broken installation"
    assert str(missing) in done.stderr and "运行环境不完整" in done.stderr
