"""Re-used recordings through the real analyze stage: one clip uploaded as a lesson, then as a session."""

from __future__ import annotations

from pipeline import task_names
from tests.api.uploading import group_session_body, lesson_body, upload_whole
from tests.media_factory import _cached, _ffmpeg, _key

CHECKING = {task_names.PROBE, task_names.ANALYZE}  # transcoding says nothing here


def moving_clip(seconds: float = 90):
    """A zoom into the Mandelbrot set: a picture that keeps changing (testsrc2 hashes alike throughout)."""

    def build(tmp):
        _ffmpeg([
            "-f", "lavfi", "-i", "mandelbrot=size=160x120:rate=5", "-t", str(seconds),
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-f", "mp4", str(tmp),
        ])  # fmt: skip

    return _cached(f"mandelbrot-{_key(kind='mandelbrot', s=seconds)}.mp4", build)


def test_the_second_upload_of_a_clip_names_the_first_to_those_who_judge_it(api):
    clip = moving_clip()
    first = upload_whole(api, "teacher", clip, lesson_body(clip))["recording_id"]
    api.drain(only=CHECKING)
    second = upload_whole(api, "leader", clip, group_session_body(api, clip, filename="again.mp4"))["recording_id"]
    assert [o.value for o in api.drain(only=CHECKING)] == ["done", "done"]

    def checks(user: str, recording_id: str) -> dict:
        response = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth(user))
        assert response.status_code == 200, response.text
        return response.json()["checks"]

    assert checks("leader", first)["duplicate"]["level"] == "pass"
    for judge in ("leader", "schooladmin", "admin"):
        check = checks(judge, second)["duplicate"]
        assert check["level"] == "warn" and check["ok"] is True and check["code"] == "analysis.duplicate"
        assert check["other_recording_id"] == first and check["other_name"] == "李娜"
        assert check["overlap_s"] >= 60.0
        assert first in check["message_zh"] and "秒内容重复" in check["message_zh"]
        assert first in check["message_en"] and "repeat a recording uploaded earlier" in check["message_en"]
    # 李娜 is listed in the session, so she sees it, but not whose recording it repeats.
    assert "duplicate" not in checks("teacher", second)
