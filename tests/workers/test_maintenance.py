"""Housekeeping: expiring abandoned uploads and the watchdog for dead workers."""

from __future__ import annotations

from datetime import timedelta

from db.base import utcnow
from db.models import ProcessingJob, UploadSession
from pipeline import task_names
from tests.api.uploading import lesson_body, read_part, send_part
from tests.workers.stage_helpers import probe_job, uploaded_recording
from workers.stages import maintenance


def test_expired_uploads_are_closed_and_their_parts_dropped(api_any_store, clip_9min):
    h = api_any_store
    upload = h.client.post("/api/uploads", json=lesson_body(clip_9min), headers=h.auth("teacher")).json()
    part = upload["parts"][0]
    assert send_part(h, "teacher", part["url"], read_part(clip_9min, part, upload["part_size"])).status_code == 200
    fresh = h.client.post("/api/uploads", json=lesson_body(clip_9min), headers=h.auth("teacher")).json()

    assert maintenance.expire_uploads(h.runtime) == 0, "nothing is due yet"
    later = utcnow() + timedelta(seconds=h.settings.upload_ttl_s + 1)
    with h.transaction() as s:
        s.get(UploadSession, fresh["upload_id"]).expires_at = later + timedelta(hours=1)
    assert maintenance.expire_uploads(h.runtime, now=later) == 1
    assert maintenance.expire_uploads(h.runtime, now=later) == 0, "running it twice changes nothing"

    status = h.client.get(f"/api/uploads/{upload['upload_id']}", headers=h.auth("teacher")).json()
    assert status["state"] == "expired"
    open_multiparts = {upload_id for _key, upload_id in h.store.list_multipart_uploads()}
    with h.transaction() as s:
        assert s.get(UploadSession, upload["upload_id"]).multipart_id not in open_multiparts
        assert s.get(UploadSession, fresh["upload_id"]).multipart_id in open_multiparts
    late = h.client.put(part["url"], content=b"x", headers=h.auth("teacher")) if part["url"].startswith("/") else None
    if late is not None:
        assert late.status_code == 409 and late.json()["error"]["code"] == "upload.not_open"


def _stall(h, recording_id: str, *, seconds_ago: int) -> None:
    with h.transaction() as s:
        job = s.query(ProcessingJob).filter_by(recording_id=recording_id).one()
        job.state, job.worker = "running", "dead-worker"
        job.heartbeat_at = utcnow() - timedelta(seconds=seconds_ago)


def test_watchdog_requeues_a_job_whose_worker_died(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    api.tasks.sent.clear()
    _stall(api, recording_id, seconds_ago=1)
    assert maintenance.watchdog(api.runtime) == {"requeued": 0, "failed": 0, "resent": 0}, "heartbeat still fresh"
    _stall(api, recording_id, seconds_ago=api.settings.job_lease_s + 5)
    assert maintenance.watchdog(api.runtime)["requeued"] == 1
    assert maintenance.watchdog(api.runtime)["requeued"] == 0, "running it twice changes nothing"
    job = probe_job(api, recording_id)
    assert job.state == "queued" and job.requeues == 1
    assert api.tasks.names() == [task_names.PROBE]
    assert [o.value for o in api.probe_only()] == ["done"]
    assert probe_job(api, recording_id).state == "done"


def test_watchdog_gives_up_after_repeated_worker_deaths(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    with api.transaction() as s:
        s.query(ProcessingJob).filter_by(recording_id=recording_id).one().requeues = api.settings.watchdog_max_requeues
    _stall(api, recording_id, seconds_ago=api.settings.job_lease_s + 5)
    assert maintenance.watchdog(api.runtime)["failed"] == 1
    job = probe_job(api, recording_id)
    assert job.state == "failed" and job.reason_code == "job.worker_lost"


def test_watchdog_resends_a_queued_job_nobody_took(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    api.tasks.sent.clear()  # as if the broker lost the message
    later = utcnow() + timedelta(seconds=api.settings.queued_resend_after_s + 1)
    assert maintenance.watchdog(api.runtime, now=later)["resent"] == 1
    assert api.tasks.names() == [task_names.PROBE]
    assert [o.value for o in api.probe_only()] == ["done"]
    assert probe_job(api, recording_id).state == "done"
