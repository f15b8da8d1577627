"""Documents attached to a submission: recognised by their bytes, capped, stored by key."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest

from db.models import CatalogueVersion, SubmissionDocument
from tests import review_factories as rf

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office(*entries: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name in entries:
            z.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = office("word/document.xml")
PPTX = office("ppt/presentation.xml")


def upload(h, username, submission_id, data, filename="方案.pdf", **query):
    params = {"filename": filename, **query}
    return h.client.post(
        f"/api/submissions/{submission_id}/documents", params=params, content=data, headers=h.auth(username)
    )


@pytest.mark.parametrize(
    "data, filename, kind",
    [
        (PDF, "教学设计.pdf", "application/pdf"),
        (DOCX, "学情分析方案.pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (PPTX, "..\\..\\课件.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ],
)
def test_documents_are_sniffed_and_stored_under_the_submission(api, data, filename, kind):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], complete=False).id
    response = upload(api, "teacher", submission_id, data, filename)
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["content_type"] == kind and out["size_bytes"] == len(data) and "/" not in out["filename"]
    with api.transaction() as s:
        key = s.get(SubmissionDocument, out["id"]).object_key
    assert key == f"documents/{submission_id}/{out['id']}" and api.store.read_bytes(key) == data
    detail = api.client.get(f"/api/submissions/{submission_id}", headers=api.auth("teacher")).json()
    assert [doc["id"] for doc in detail["documents"]] == [out["id"]]
    removed = api.client.delete(f"/api/submissions/{submission_id}/documents/{out['id']}", headers=api.auth("teacher"))
    assert removed.status_code == 204 and api.store.list_keys(f"documents/{submission_id}/") == []


@pytest.mark.parametrize(
    "data, query, status, code",
    [
        (b"", {}, 400, "document.empty"),
        (PNG, {}, 415, "document.not_allowed"),
        (b"hello, I am a .docx", {}, 415, "document.not_allowed"),
        (office("notes.txt"), {}, 415, "document.not_allowed"),  # a ZIP, but not an Office document
        (office("word/document.xml", "word/vbaProject.bin"), {}, 415, "document.not_allowed"),  # macros
        (b"PK\x03\x04 truncated", {}, 415, "document.not_allowed"),
        (PDF, {"item_key": "教案"}, 400, "document.unknown_item"),
        (DOCX, {"item_key": "学情分析方案"}, 415, "document.format_not_for_item"),
        (PDF + b"x" * 2000, {"item_key": "学情分析方案"}, 413, "document.too_large"),
        (PDF, {"item_key": "学情分析方案"}, 201, None),
    ],
)
def test_what_is_refused_and_why(api, data, query, status, code):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"]).id
        catalogue = s.query(CatalogueVersion).one()
        points = copy.deepcopy(catalogue.data["points"])  # a new value, so the JSON column sees a change
        a1 = next(p for p in points if p["code"] == "A1")
        a1["items"][0] = {**a1["items"][0], "accepted_formats": ["pdf"], "max_bytes": 1024}
        catalogue.data = {"points": points}
    response = upload(api, "teacher", submission_id, data, **query)
    assert response.status_code == status, response.text
    if code:
        error = response.json()["error"]
        assert error["code"] == code and error["message_zh"] and error["message_en"]
        assert api.store.list_keys(f"documents/{submission_id}/") == []
    else:
        assert response.json()["item_key"] == "学情分析方案"


@pytest.mark.parametrize(
    "state, username, status",
    [
        ("draft", "leader", 201),  # the leader adds evidence for a member
        ("returned", "teacher", 201),
        ("scored_fail", "teacher", 201),
        ("submitted", "teacher", 409),
        ("scored_excellent", "schooladmin", 409),
        ("draft", "reviewer", 404),
        ("forwarded", "reviewer", 403),
    ],
)
def test_documents_change_only_while_the_work_is_the_authors(api, state, username, status):
    d = rf.demo(api)
    with api.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"], state=state).id
    response = upload(api, username, submission_id, PDF)
    assert response.status_code == status, response.text
    if status == 409:
        assert response.json()["error"]["code"] == "submission.not_editable"
