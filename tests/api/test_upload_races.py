"""Races on one upload: parallel completes, retries and aborts end in exactly one outcome.

Each contender is a thread with its own TestClient on the same app (its own request
transaction and connection), lined up on a barrier so the requests overlap; on SQLite and
on PostgreSQL. Server errors are answered, not raised, so a 500 shows up as a status.
"""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import ProcessingJob, Recording, UploadSession
from tests.api.review.workflow.test_concurrency import race
from tests.api.uploading import lesson_body, read_part, send_part


def _open_upload(h, clip) -> dict:
    """An upload with every part stored, ready to complete."""
    created = h.client.post("/api/uploads", json=lesson_body(clip), headers=h.auth("teacher"))
    assert created.status_code == 201, created.text
    upload = created.json()
    for part in upload["parts"]:
        sent = send_part(h, "teacher", part["url"], read_part(clip, part, upload["part_size"]))
        assert sent.status_code == 200, sent.text
    return upload


def _race(h, calls: list[tuple[str, str]]) -> list:
    """Send (method, path) calls as the teacher, all at the same moment; a crash comes back as its 500."""
    return race(h, [("teacher", method, path, None) for method, path in calls], raise_server_exceptions=False)


def _stored(h, upload_id: str) -> tuple[str, int, int]:
    """The upload's state, how many recordings and how many probe jobs exist."""
    with h.transaction() as s:
        state = s.get(UploadSession, upload_id).state
        recordings = s.scalar(select(func.count()).select_from(Recording))
        probes = s.scalar(select(func.count()).select_from(ProcessingJob).where(ProcessingJob.stage == "probe"))
    return state, recordings, probes


def test_six_parallel_completes_all_answer_the_same_recording(api, short_clip):
    upload = _open_upload(api, short_clip)
    answers = _race(api, [("POST", f"/api/uploads/{upload['upload_id']}/complete")] * 6)
    assert [r.status_code for r in answers] == [200] * 6, [r.text for r in answers]
    assert {r.json()["recording_id"] for r in answers} == {upload["recording_id"]}
    assert _stored(api, upload["upload_id"]) == ("completed", 1, 1)
    assert api.tasks.names() == ["recordings.probe"], "the probe is queued once"
    assert api.store.stat(f"originals/{upload['recording_id']}").size == short_clip.stat().st_size


def test_completes_and_aborts_at_once_end_in_one_named_outcome(api, short_clip):
    upload = _open_upload(api, short_clip)
    path = f"/api/uploads/{upload['upload_id']}"
    answers = _race(api, [("POST", f"{path}/complete"), ("DELETE", path)] * 3)
    codes = [r.status_code for r in answers]
    assert all(c in (200, 204, 409) for c in codes), [r.text for r in answers]
    state, recordings, probes = _stored(api, upload["upload_id"])
    losers = [r.json()["error"] for r in answers if r.status_code == 409]
    if state == "completed":
        assert codes.count(200) == 3 and codes.count(204) == 0 and (recordings, probes) == (1, 1)
        assert {r.json()["recording_id"] for r in answers if r.status_code == 200} == {upload["recording_id"]}
    else:
        assert state == "aborted" and codes.count(204) == 1 and codes.count(200) == 0
        assert (recordings, probes) == (0, 0)
    assert len(losers) == (3 if state == "completed" else 5)
    assert all(e["code"] == "upload.not_open" and e["state"] == state for e in losers), losers
    assert all(state in e["message_en"] for e in losers), "the refusal names what won, in English too"


def test_a_retried_complete_finds_the_object_its_failed_attempt_assembled(api, short_clip):
    """The first attempt joined the parts in storage, then its transaction was lost."""
    upload = _open_upload(api, short_clip)
    with api.transaction() as s:
        row = s.get(UploadSession, upload["upload_id"])
        key, multipart_id = row.object_key, row.multipart_id
    api.store.complete_multipart(key, multipart_id, api.store.list_parts(key, multipart_id))
    retried = api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher"))
    assert retried.status_code == 200, retried.text
    assert retried.json()["recording_id"] == upload["recording_id"]
    assert _stored(api, upload["upload_id"]) == ("completed", 1, 1)


def test_a_complete_whose_parts_vanished_is_refused_with_a_reason(api, short_clip):
    upload = _open_upload(api, short_clip)
    with api.transaction() as s:
        row = s.get(UploadSession, upload["upload_id"])
        api.store.abort_multipart(row.object_key, row.multipart_id)
    refused = api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher"))
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "upload.not_open"
    assert "no longer available" in refused.json()["error"]["message_en"]
