"""Every refusal names its reason in Chinese and English, and nothing half-done becomes a recording."""

from __future__ import annotations

import json

import anyio
import pytest
from sqlalchemy import func, select

from db.models import Recording, UploadSession
from tests import media_factory
from tests.api.uploading import lesson_body, read_part, send_part


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message_zh"] and error["message_en"] and error["message_zh"] != error["message_en"]
    return error


def _recording_count(h) -> int:
    with h.transaction() as s:
        return s.scalar(select(func.count()).select_from(Recording))


def _create(h, body, user="teacher"):
    return h.client.post("/api/uploads", json=body, headers=h.auth(user))


@pytest.mark.parametrize(
    "overrides, status, code",
    [
        ({"size": 0}, 400, "upload.empty"),
        ({"size": 9 * 1024**3}, 413, "upload.too_large"),
        ({"content_type": "application/vnd.apple.mpegurl"}, 415, "upload.playlist"),
        ({"filename": "lesson.m3u8"}, 415, "upload.playlist"),
        ({"sha256": "abc"}, 400, "upload.bad_checksum"),
        ({"capability_code": "Z9"}, 400, "upload.unknown_capability"),
        ({"capability_code": None}, 400, "request.missing_field"),
        ({"kind": "podcast"}, 422, "request.invalid"),
    ],
)
def test_declared_upload_rejected_up_front(api, short_clip, overrides, status, code):
    _error(_create(api, lesson_body(short_clip, **overrides)), status, code)
    with api.transaction() as s:
        assert s.scalar(select(func.count()).select_from(UploadSession)) == 0


def test_oversize_limit_comes_from_config(api, short_clip):
    api.settings.max_upload_bytes = short_clip.stat().st_size - 1
    error = _error(_create(api, lesson_body(short_clip)), 413, "upload.too_large")
    assert str(api.settings.max_upload_bytes) in error["message_en"]


def test_group_session_needs_known_participants(api, short_clip):
    body = {"kind": "group_session", "filename": "s.mp4", "size": 10, "participant_ids": []}
    _error(_create(api, body, "leader"), 400, "upload.no_participants")
    _error(_create(api, {**body, "participant_ids": [999_999]}, "leader"), 400, "upload.participant_unknown")


@pytest.mark.parametrize("kind", ["png", "text"])
def test_non_video_bytes_are_refused_whatever_the_name(api, tmp_path, kind):
    fake = media_factory.make_not_video(tmp_path, kind)
    upload = _create(api, lesson_body(fake, filename="lesson.mp4", content_type="video/mp4")).json()
    part = upload["parts"][0]
    _error(send_part(api, "teacher", part["url"], fake.read_bytes()), 415, "upload.not_video")
    status = api.client.get(f"/api/uploads/{upload['upload_id']}", headers=api.auth("teacher")).json()
    assert status["state"] == "rejected"
    _error(
        api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher")),
        409,
        "upload.not_open",
    )
    assert _recording_count(api) == 0


def test_playlist_uploaded_directly_is_refused_and_not_followed(api, tmp_path):
    playlist = media_factory.make_hls_playlist(tmp_path)
    response = api.client.post(
        "/api/uploads/direct",
        params={"kind": "lesson", "filename": "lesson.mp4", "capability_code": "A1"},
        content=playlist.read_bytes(),
        headers={**api.auth("teacher"), "Content-Type": "video/mp4"},
    )
    _error(response, 415, "upload.playlist")
    assert _recording_count(api) == 0 and api.tasks.sent == []


def test_concat_list_is_refused(api, tmp_path, short_clip):
    concat = media_factory.make_concat_list(tmp_path, short_clip)
    upload = _create(api, lesson_body(concat, filename="x.mp4")).json()
    _error(send_part(api, "teacher", upload["parts"][0]["url"], concat.read_bytes()), 415, "upload.playlist")
    assert _recording_count(api) == 0


def test_checksum_mismatch_rejects_and_keeps_nothing(api_any_store, short_clip):
    h = api_any_store
    upload = _create(h, lesson_body(short_clip, sha256="0" * 64)).json()
    part = upload["parts"][0]
    assert send_part(h, "teacher", part["url"], short_clip.read_bytes()).status_code == 200
    _error(
        h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("teacher")),
        400,
        "upload.checksum_mismatch",
    )
    assert _recording_count(h) == 0
    with pytest.raises(Exception):
        h.store.stat(f"originals/{upload['recording_id']}")


def test_wrong_part_size_and_number(api, clip_9min):
    upload = _create(api, lesson_body(clip_9min)).json()
    url = upload["parts"][0]["url"]
    _error(send_part(api, "teacher", url, b"\x00" * 100), 400, "upload.bad_part_size")
    out_of_range = url.rsplit("/", 1)[0] + f"/{upload['part_count'] + 1}"
    _error(send_part(api, "teacher", out_of_range, b"\x00"), 400, "upload.part_out_of_range")
    status = api.client.get(f"/api/uploads/{upload['upload_id']}", headers=api.auth("teacher")).json()
    assert status["state"] == "open" and status["stored_parts"] == []


def test_abort_drops_parts_and_closes_the_upload(api_any_store, clip_9min):
    h = api_any_store
    upload = _create(h, lesson_body(clip_9min)).json()
    part = upload["parts"][0]
    assert send_part(h, "teacher", part["url"], read_part(clip_9min, part, upload["part_size"])).status_code == 200
    assert h.client.delete(f"/api/uploads/{upload['upload_id']}", headers=h.auth("teacher")).status_code == 204
    assert h.store.list_multipart_uploads() == []
    _error(
        h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("teacher")), 409, "upload.not_open"
    )
    assert _recording_count(h) == 0


def test_direct_upload_needs_a_length_and_a_whole_body(api, short_clip):
    params = {"kind": "lesson", "filename": "a.mp4", "capability_code": "A1"}

    def chunks():
        yield short_clip.read_bytes()

    chunked = api.client.post("/api/uploads/direct", params=params, content=chunks(), headers=api.auth("teacher"))
    _error(chunked, 411, "upload.length_required")
    data = short_clip.read_bytes()
    short = api.client.post(
        "/api/uploads/direct",
        params=params,
        content=data,
        headers={**api.auth("teacher"), "Content-Length": str(len(data) + 10)},
    )
    _error(short, 400, "upload.incomplete_body")
    with api.transaction() as s:
        assert list(s.scalars(select(UploadSession.state))) == ["aborted"]
    assert _recording_count(api) == 0
    assert api.store.list_multipart_uploads() == []


def test_a_part_cut_off_mid_body_is_refused_quietly_and_can_be_sent_again(api, clip_9min):
    """A reload in the browser drops a part while it is being sent: a 400, not a server error."""
    created = _create(api, lesson_body(clip_9min)).json()
    part = created["parts"][0]
    data = read_part(clip_9min, part, created["part_size"])
    messages = iter(
        [
            {"type": "http.request", "body": data[: len(data) // 2], "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    sent: list[dict] = []

    async def receive() -> dict:
        return next(messages)

    async def send(message: dict) -> None:
        sent.append(message)

    headers = [(k.lower().encode(), v.encode()) for k, v in api.auth("teacher").items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": part["url"],
        "raw_path": part["url"].encode(),
        "query_string": b"",
        "headers": [*headers, (b"content-length", str(len(data)).encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    anyio.run(api.app, scope, receive, send)

    start = next(m for m in sent if m["type"] == "http.response.start")
    body = json.loads(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))
    assert start["status"] == 400 and body["error"]["code"] == "request.client_gone"
    status = api.client.get(f"/api/uploads/{created['upload_id']}", headers=api.auth("teacher")).json()
    assert status["state"] == "open" and status["stored_parts"] == [] and 1 in status["missing_parts"]
    assert send_part(api, "teacher", part["url"], data).status_code == 200
