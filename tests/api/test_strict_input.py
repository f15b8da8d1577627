"""Strict input (issue 19 item 2) and content type from the bytes (item 3), on SQLite and PostgreSQL.

Integers beyond what the database holds, booleans and strings where a number belongs, bodies
that are not JSON and methods a path does not answer are all refused with a 4xx in the error
shape; client-given file names are cleaned before they are stored; an upload's type is what
its bytes are.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.teachers import photo_zip
from db.models import Recording, SubmissionDocument, UploadSession
from tests import media_factory
from tests import review_factories as rf
from tests.api.uploading import lesson_body, read_part, send_part

HUGE = 10**20
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def _error(response, status: int | None = None, code: str | None = None) -> dict:
    if status is not None:
        assert response.status_code == status, response.text
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert error["code"] and error["message_zh"] and error["message_en"], error
    if code is not None:
        assert error["code"] == code, error
    return error


def _integer_params(schema: dict, operation: dict, where: str) -> list[str]:
    def is_int(s: dict) -> bool:
        if s.get("type") == "integer" or any(is_int(a) for a in s.get("anyOf", ())):
            return True
        return s.get("type") == "array" and is_int(s.get("items", {}))

    return [p["name"] for p in operation.get("parameters", ()) if p["in"] == where and is_int(p.get("schema", {}))]


def _operations(client: TestClient):
    schema = client.get("/openapi.json").json()
    for template, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield template, method, operation, schema


def test_every_integer_path_parameter_of_every_route_refuses_a_huge_number(api):
    client = TestClient(api.app, raise_server_exceptions=False)
    headers = api.auth("admin")
    tried = 0
    for template, method, operation, schema in _operations(client):
        integers = _integer_params(schema, operation, "path")
        if not integers:
            continue
        path = template
        for name in re.findall(r"{(\w+)}", template):
            path = path.replace("{" + name + "}", str(HUGE) if name in integers else "x")
        response = client.request(method.upper(), path, headers=headers)
        error = _error(response, 422, "request.integer_out_of_range")
        assert error["parameter"] in integers, (method, template, error)
        tried += 1
    assert tried > 50  # every id-taking route of the API (61 today), not a sample


def test_every_integer_query_parameter_refuses_a_huge_number(api):
    client = TestClient(api.app, raise_server_exceptions=False)
    headers = api.auth("admin")
    tried = 0
    for template, method, operation, schema in _operations(client):
        for name in _integer_params(schema, operation, "query"):
            path = re.sub(r"{\w+}", "1", template)
            response = client.request(method.upper(), path, params={name: str(HUGE)}, headers=headers)
            _error(response, 422, "request.integer_out_of_range")
            tried += 1
    assert tried >= 10


def test_the_reported_route_answers_422_not_500(api):
    response = api.client.get("/api/teachers/100000000000000000000", headers=api.auth("admin"))
    error = _error(response, 422, "request.integer_out_of_range")
    assert "teacher_id" in error["message_zh"] and "teacher_id" in error["message_en"]
    assert api.client.get("/api/teachers/2147483647", headers=api.auth("admin")).status_code == 404


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"size": True}, "size"),
        ({"size": "1024"}, "size"),
        ({"teacher_id": False}, "teacher_id"),
        ({"participant_ids": [1, True]}, "participant_ids[1]"),
    ],
)
def test_json_booleans_and_strings_are_not_numbers(api, short_clip, overrides, field):
    response = api.client.post("/api/uploads", json=lesson_body(short_clip, **overrides), headers=api.auth("teacher"))
    error = _error(response, 422, "request.not_a_number")
    assert error["field"] == field
    with api.transaction() as s:
        assert s.scalars(select(UploadSession)).first() is None


def test_a_json_integer_beyond_64_bits_is_refused(api, short_clip):
    response = api.client.post("/api/uploads", json=lesson_body(short_clip, size=10**30), headers=api.auth("teacher"))
    _error(response, 422, "request.integer_out_of_range")


def test_parse_errors_and_wrong_methods_answer_in_the_error_shape(api):
    headers = {**api.auth("teacher"), "Content-Type": "application/json"}
    _error(api.client.post("/api/uploads", content=b'{"kind": ', headers=headers), 422, "request.invalid")
    # Bytes that are not UTF-8 answered {"detail": "There was an error parsing the body"}.
    _error(api.client.post("/api/uploads", content=b"\xff\xfe{", headers=headers), 400, "request.unreadable_body")
    response = api.client.delete("/api/auth/login")
    _error(response, 405, "request.method_not_allowed")
    assert "DELETE" in response.json()["error"]["message_en"]
    _error(api.client.get("/api/no-such-thing", headers=api.auth("teacher")), 404, "not_found")


HOSTILE = "lesson\x00\r\n\x1b[2J\u202egpj\u2066\u200b.mp4"
CLEAN = "lesson[2Jgpj.mp4"


def test_an_upload_filename_is_cleaned_before_it_is_stored(api, short_clip):
    # NUL in a name was a 500 on PostgreSQL; CR/LF, ESC and bidi overrides reached the pages.
    body = lesson_body(short_clip, filename=HOSTILE)
    created = api.client.post("/api/uploads", json=body, headers=api.auth("teacher"))
    assert created.status_code == 201, created.text
    upload = created.json()
    assert upload["filename"] == CLEAN
    for part in upload["parts"]:
        sent = send_part(api, "teacher", part["url"], read_part(short_clip, part, upload["part_size"]))
        assert sent.status_code == 200, sent.text
    done = api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher"))
    assert done.status_code == 200, done.text
    with api.transaction() as s:
        assert s.get(Recording, done.json()["recording_id"]).original_filename == CLEAN


def test_a_document_filename_is_cleaned_before_it_is_stored(api):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], complete=False).id
    for raw, kept in [("方案\x00\u202efdp.pdf", "方案fdp.pdf"), ("\x00\u200b\u2069", "document.pdf")]:
        response = api.client.post(
            f"/api/submissions/{submission_id}/documents",
            params={"filename": raw},
            content=PDF,
            headers=api.auth("teacher"),
        )
        assert response.status_code == 201, response.text
        assert response.json()["filename"] == kept
        with api.transaction() as s:
            assert s.get(SubmissionDocument, response.json()["id"]).filename == kept


def _upload_multipart(api, path, content_type):
    body = lesson_body(path, content_type=content_type)
    created = api.client.post("/api/uploads", json=body, headers=api.auth("teacher"))
    if created.status_code != 201:
        return created
    upload = created.json()
    for part in upload["parts"]:
        sent = send_part(api, "teacher", part["url"], read_part(path, part, upload["part_size"]))
        if sent.status_code != 200:
            return sent
    return api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher"))


def test_an_mpegts_labelled_as_a_linguist_file_is_accepted_and_stored_as_mpegts(api):
    # Chromium on Linux labels .ts files text/vnd.trolltech.linguist; the bytes decide.
    clip = media_factory.make_clip(2, container="ts")
    done = _upload_multipart(api, clip, "text/vnd.trolltech.linguist")
    assert done.status_code == 200, done.text
    with api.transaction() as s:
        recording = s.get(Recording, done.json()["recording_id"])
        assert (recording.sniffed_container, recording.content_type) == ("mpegts", "video/mp2t")


def test_the_stored_type_is_the_sniffed_one_whatever_was_declared(api, short_clip):
    done = _upload_multipart(api, short_clip, "application/octet-stream")
    assert done.status_code == 200, done.text
    with api.transaction() as s:
        assert s.get(Recording, done.json()["recording_id"]).content_type == "video/mp4"


def test_a_png_declared_as_mp4_is_refused_with_a_reason(api, tmp_path):
    fake = media_factory.make_not_video(tmp_path, "png")
    _error(_upload_multipart(api, fake, "video/mp4"), 415, "upload.not_video")
    with api.transaction() as s:
        assert s.scalars(select(Recording)).first() is None


def test_photo_zip_entry_names_are_shown_cleaned():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photos\u202e/T0\u200b01.jpg", b"x")
        archive.writestr("\x1b[2Jx\r\n.jpg", b"x")  # (zipfile itself cuts a name at NUL)
    _, entries = photo_zip.open_archive(out.getvalue(), max_entries=10, max_expanded=1000)
    assert [(e.file, e.staff_id) for e in entries] == [("photos/T001.jpg", "T001"), ("[2Jx.jpg", "[2Jx")]
