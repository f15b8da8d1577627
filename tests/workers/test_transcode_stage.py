"""Playback end to end: transcode stage, signed links and playlists, re-runs and dead workers."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select

from db.base import utcnow
from db.models import DerivedOutput, ProcessingJob
from domain.stages import Stage
from pipeline import jobs
from tests.api.uploading import lesson_body, upload_whole
from workers.stages import maintenance


def _fetch(h, url: str) -> httpx.Response:
    """A browser fetch: app URLs through the test client, presigned S3 URLs over HTTP."""
    return h.client.get(url) if url.startswith("/") else httpx.get(url, timeout=30)


def _ready_lesson(h, clip) -> str:
    recording_id = upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"]
    assert [o.value for o in h.drain()] == ["done", "done", "done"]
    return recording_id


def _uris(playlist: str) -> list[str]:
    return [line for line in playlist.splitlines() if line and not line.startswith("#")]


def test_playback_links_play_on_both_stores(api_any_store, short_clip):
    h = api_any_store
    recording_id = _ready_lesson(h, short_clip)
    links = h.client.get(f"/api/recordings/{recording_id}/playback", headers=h.auth("teacher"))
    assert links.status_code == 200, links.text
    links = links.json()
    assert links["mode"] == "copy" and abs(links["duration_s"] - 3) < 0.5
    mp4 = _fetch(h, links["mp4_url"])
    assert mp4.status_code == 200 and mp4.content[4:8] == b"ftyp"
    assert _fetch(h, links["poster_url"]).content.startswith(b"\xff\xd8\xff")
    master = _fetch(h, links["hls_url"])
    assert master.status_code == 200 and master.text.startswith("#EXTM3U")
    variant = _fetch(h, _uris(master.text)[0])
    segments = _uris(variant.text)
    assert segments and all("expires" in s.lower() or "x-amz" in s.lower() for s in segments)
    assert _fetch(h, segments[0]).content[:1] == b"\x47", "an MPEG-TS segment"
    vtt = _fetch(h, links["storyboard_vtt_url"])
    assert vtt.text.startswith("WEBVTT") and "#xywh=" in vtt.text
    sprite_url = next(line for line in vtt.text.splitlines() if "#xywh=" in line).split("#")[0]
    assert _fetch(h, sprite_url).content.startswith(b"\xff\xd8\xff")


def test_playback_is_checked_like_the_recording(api, short_clip):
    recording_id = _ready_lesson(api, short_clip)
    assert api.client.get(f"/api/recordings/{recording_id}/playback", headers=api.auth("leader")).status_code == 200
    assert api.client.get(f"/api/recordings/{recording_id}/playback").status_code == 401
    hls = api.client.get(f"/api/recordings/{recording_id}/playback", headers=api.auth("teacher")).json()["hls_url"]
    parts = urlsplit(hls)
    tampered = f"{parts.path.replace('master.m3u8', '360p/index.m3u8')}?{parts.query}"
    refused = api.client.get(tampered)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "media.link_invalid"


def test_playback_before_transcoding_says_so(api, short_clip):
    recording_id = upload_whole(api, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    api.probe_only()
    response = api.client.get(f"/api/recordings/{recording_id}/playback", headers=api.auth("teacher"))
    assert response.status_code == 409 and response.json()["error"]["code"] == "playback.not_ready"
    assert "queued" in response.json()["error"]["message_en"]


def _outputs(h, recording_id):
    with h.transaction() as s:
        count = s.scalar(
            select(func.count()).select_from(DerivedOutput).where(DerivedOutput.recording_id == recording_id)
        )
        prefix = s.scalar(select(DerivedOutput.prefix).where(DerivedOutput.recording_id == recording_id))
    return count, prefix


def test_rerun_overwrites_and_keeps_one_published_set(api, short_clip):
    recording_id = _ready_lesson(api, short_clip)
    count, first = _outputs(api, recording_id)
    with api.runtime.transaction() as s:
        jobs.enqueue(s, recording_id, Stage.TRANSCODE)
    assert [o.value for o in api.drain()] == ["done"]
    count, second = _outputs(api, recording_id)
    assert count == 1 and second != first
    versions = {key.split("/")[3] for key in api.store.list_keys(f"derived/{recording_id}/playback/")}
    assert versions == {second.rsplit("/", 1)[-1]}, "the previous set is gone, the original is kept"
    assert api.store.stat(f"originals/{recording_id}").size == short_clip.stat().st_size


def test_worker_killed_mid_transcode_is_retried_and_finishes_once(api, short_clip):
    recording_id = upload_whole(api, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    api.probe_only()
    api.tasks.sent.clear()
    # A worker took the job, wrote part of its output, and died.
    api.store.put_bytes(f"derived/{recording_id}/playback/deadbeef/hls/720p/seg_00000.ts", b"\x47partial")
    with api.transaction() as s:
        job = s.scalar(select(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode"))
        job.state, job.attempts, job.worker = "running", 1, "dead-worker"
        job.heartbeat_at = utcnow() - timedelta(seconds=api.settings.job_lease_s + 1)
    assert api.client.get(f"/api/recordings/{recording_id}/playback", headers=api.auth("teacher")).status_code == 409
    assert maintenance.watchdog(api.runtime)["requeued"] == 1
    results = [o.value for o in api.drain()]
    assert results == ["done"], "only the re-queued transcode runs (the analysis message was cleared)"
    count, prefix = _outputs(api, recording_id)
    assert count == 1
    assert {k.split("/")[3] for k in api.store.list_keys(f"derived/{recording_id}/playback/")} == {
        prefix.rsplit("/", 1)[-1]
    }
    job = next(
        s
        for s in api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("teacher")).json()["stages"]
        if s["stage"] == "transcode"
    )
    assert job["state"] == "done" and job["attempts"] == 2
