"""The whole path on both stores and both databases: upload → resume → complete → probe → status."""

from __future__ import annotations

import json

from tests.api.uploading import (
    group_session_body,
    lesson_body,
    read_part,
    send_part,
    sha256_of,
    upload_whole,
)


def test_resumable_upload_to_probed_recording(api_any_store, clip_11min):
    h = api_any_store
    body = group_session_body(h, clip_11min, sha256=sha256_of(clip_11min))
    created = h.client.post("/api/uploads", json=body, headers=h.auth("leader"))
    assert created.status_code == 201, created.text
    upload = created.json()
    assert upload["part_count"] >= 2, "the clip must span several parts to exercise resuming"
    assert upload["missing_parts"] == list(range(1, upload["part_count"] + 1))
    parts = {p["number"]: p for p in upload["parts"]}
    if h.store.name == "s3":
        assert all(p["url"].startswith("http://") for p in parts.values()), "S3 parts go straight to storage"
    else:
        assert all(p["url"].startswith("/api/uploads/") for p in parts.values())

    # Send every part but the first, last one first, retrying one of them.
    for number in sorted(parts)[1:][::-1] + [2]:
        response = send_part(
            h, "leader", parts[number]["url"], read_part(clip_11min, parts[number], upload["part_size"])
        )
        assert response.status_code == 200, response.text

    # The client "reloads" and forgets what it sent: the server tells it.
    status = h.client.get(f"/api/uploads/{upload['upload_id']}", headers=h.auth("leader")).json()
    assert status["missing_parts"] == [1]
    assert sorted(p["number"] for p in status["stored_parts"]) == list(range(2, upload["part_count"] + 1))

    # Completing early is refused with what is missing, and loses nothing.
    early = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("leader"))
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "upload.missing_parts"
    assert early.json()["error"]["missing_parts"] == [1]

    # Fresh URLs for the missing part, as a resumed client would ask.
    urls = h.client.get(
        f"/api/uploads/{upload['upload_id']}/part-urls", params={"first": 1, "count": 1}, headers=h.auth("leader")
    ).json()["parts"]
    assert [p["number"] for p in urls] == [1]
    assert (
        send_part(h, "leader", urls[0]["url"], read_part(clip_11min, urls[0], upload["part_size"])).status_code == 200
    )

    done = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("leader"))
    assert done.status_code == 200, done.text
    recording_id = done.json()["recording_id"]
    assert recording_id == upload["recording_id"]
    assert h.store.stat(f"originals/{recording_id}").size == clip_11min.stat().st_size

    # Completing again (a lost response retried) answers the same recording.
    again = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("leader"))
    assert again.status_code == 200 and again.json()["recording_id"] == recording_id

    before = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("leader")).json()
    assert before["status"] == "processing"
    assert [(s["stage"], s["state"]) for s in before["stages"]] == [("probe", "queued")]
    assert h.tasks.names() == ["recordings.probe"]

    assert [r.value for r in h.probe_only()] == ["done"]
    assert sorted(h.tasks.names()) == ["recordings.analyze", "recordings.transcode"], "probe queues the rest"
    after = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("leader")).json()
    probe = after["stages"][0]
    assert probe["state"] == "done" and probe["percent"] == 100.0
    assert probe["started_at"] and probe["finished_at"]
    assert abs(after["duration_s"] - 660) < 1
    assert after["media"]["container"] == "mp4" and after["media"]["video_codec"] == "h264"
    assert after["media"]["width"] == 320 and after["media"]["has_audio"] is True
    assert after["checks"]["duration"]["ok"] is True
    assert after["status"] == "processing", "analysis and transcoding are still queued"
    assert sorted(after["participant_ids"]) == sorted(body["participant_ids"])


def test_short_group_session_fails_the_duration_rule(api, clip_9min):
    body = group_session_body(api, clip_9min)
    recording_id = upload_whole(api, "leader", clip_9min, body)["recording_id"]
    assert [o.value for o in api.drain()] == ["done", "done", "done"]
    recording = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    check = recording["checks"]["duration"]
    assert recording["status"] == "rejected"
    assert check["ok"] is False and check["code"] == "duration.too_short"
    assert "600" in check["message_zh"] and "分钟" in check["message_zh"]
    assert "600 s" in check["message_en"]
    assert recording["stages"][0]["state"] == "done", "the probe itself succeeded"


def test_direct_streaming_upload_of_a_lesson(api, short_clip):
    data = short_clip.read_bytes()
    response = api.client.post(
        "/api/uploads/direct",
        params={"kind": "lesson", "filename": "lesson.mp4", "capability_code": "b3", "sha256": sha256_of(short_clip)},
        content=data,
        headers={**api.auth("teacher"), "Content-Type": "video/mp4"},
    )
    assert response.status_code == 201, response.text
    recording_id = response.json()["recording_id"]
    assert [o.value for o in api.drain()] == ["done", "done", "done"]
    recording = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("teacher")).json()
    assert recording["kind"] == "lesson" and recording["capability_code"] == "B3"
    assert recording["status"] == "ready"
    assert recording["size_bytes"] == len(data)
    assert api.store.read_range(f"originals/{recording_id}", 0, 64) == data[:64]


def test_status_stream_reports_stage_changes(api, short_clip):
    recording_id = upload_whole(api, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    api.drain()
    with api.client.stream("GET", f"/api/recordings/{recording_id}/events", headers=api.auth("teacher")) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        text = "".join(stream.iter_text())
    events = [block for block in text.split("\n\n") if block.startswith("event:")]
    stages = [json.loads(e.split("data: ", 1)[1]) for e in events if e.startswith("event: stage")]
    assert [(s["stage"], s["state"]) for s in stages] == [("probe", "done"), ("analyze", "done"), ("transcode", "done")]
    assert events[-1].startswith("event: end") and '"ready"' in events[-1]


def test_direct_upload_answers_its_own_upload_id(api, short_clip):
    response = api.client.post(
        "/api/uploads/direct",
        params={"kind": "lesson", "filename": "l.mp4", "capability_code": "A2"},
        content=short_clip.read_bytes(),
        headers=api.auth("teacher"),
    )
    answer = response.json()
    assert answer["upload_id"] != answer["recording_id"]
    status = api.client.get(f"/api/uploads/{answer['upload_id']}", headers=api.auth("teacher")).json()
    assert status["state"] == "completed" and status["recording_id"] == answer["recording_id"]
