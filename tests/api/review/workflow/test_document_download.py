"""Reading a document back: checked like the submission, then a short-lived signed link that
downloads the same bytes under the teacher's own (Chinese) file name, on both stores."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import httpx
import pytest

from db.models import Submission, SubmissionDocument
from storage.signing import signed_download_url
from tests import factories
from tests import review_factories as rf
from tests.api.review.workflow.test_documents import DOCX, PDF, upload

NAME = "教学设计（第二版）.pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _link(h, username: str | None, submission_id: int, document_id: str) -> httpx.Response:
    headers = h.auth(username) if username else {}
    path = f"/api/submissions/{submission_id}/documents/{document_id}"
    return h.client.get(path, headers=headers, follow_redirects=False)


def _fetch(h, url: str) -> httpx.Response:
    """What the browser does with the redirect: app URLs through the app, S3 links over HTTP."""
    return h.client.get(url) if url.startswith("/") else httpx.get(url, timeout=30)


def _name_in(disposition: str) -> str:
    """The RFC 5987 ``filename*`` of a Content-Disposition, decoded."""
    part = next(p.strip() for p in disposition.split(";") if p.strip().startswith("filename*="))
    charset, _, encoded = part.removeprefix("filename*=").split("'", 2)
    assert charset.upper() == "UTF-8", disposition
    return unquote(encoded, encoding="utf-8")


@pytest.mark.parametrize(
    "data, filename, reader, content_type",
    [
        (PDF, NAME, "leader", "application/pdf"),
        (DOCX, '学情分析 方案;"终稿".docx', "schooladmin", DOCX_TYPE),
    ],
    ids=["pdf", "docx"],
)
def test_the_same_bytes_come_back_under_the_original_name(api_any_store, data, filename, reader, content_type):
    h = api_any_store
    d = rf.demo(h)
    with h.transaction() as s:
        submission_id = rf.submission(s, d.teachers["T002"]).id
    document = upload(h, "teacher", submission_id, data, filename).json()

    redirect = _link(h, reader, submission_id, document["id"])
    assert redirect.status_code == 307, redirect.text
    assert redirect.headers["cache-control"] == "no-store"
    location = redirect.headers["location"]
    query = parse_qs(urlsplit(location).query)
    if h.store.name == "s3":
        assert query["X-Amz-Expires"] == [str(h.settings.document_url_expiry_s)]
    else:
        assert int(query["expires"][0]) <= time.time() + h.settings.document_url_expiry_s + 1

    served = _fetch(h, location)
    assert served.status_code == 200, served.text
    assert served.content == data
    assert served.headers["content-type"] == content_type
    disposition = served.headers["content-disposition"]
    assert disposition.startswith("attachment;") and _name_in(disposition) == filename
    assert disposition.isascii()


def _world(h) -> tuple[dict, dict]:
    """A document on work in each state and place the matrix needs, and the extra accounts."""
    d = rf.demo(h)
    with h.transaction() as s:
        rows = {
            "draft": rf.submission(s, d.teachers["T002"]),  # 李娜's own (`teacher`)
            "colleague": rf.submission(s, d.teachers["T003"]),  # 张伟, same group, not `teacher`
            "forwarded": rf.submission(s, d.teachers["T002"], code="A2"),
            "math_sampled": rf.submission(s, d.teachers["T006"]),  # 杨磊, the 数学 group
        }
        users = {
            "math_leader": rf.group_leader(s, d.math_group_id),
            "other_admin": rf.user(s, "school_admin", school=factories.make_school(s)),
        }
        ids = {name: row.id for name, row in rows.items()}
    documents = {}
    for name, submission_id in ids.items():
        response = upload(h, "schooladmin", submission_id, PDF, f"{name}.pdf")
        assert response.status_code == 201, response.text
        documents[name] = response.json()["id"]
    with h.transaction() as s:  # moved on after their documents came in
        s.get(Submission, ids["forwarded"]).state = "forwarded"
        s.get(Submission, ids["math_sampled"]).state = "sampled"
    return {name: (ids[name], documents[name]) for name in ids}, users


ALLOWED, HIDDEN = 307, 404
# reader → work → status: as reading the submission itself (scope.can_see_submission).
MATRIX = {
    "teacher": {"draft": ALLOWED, "colleague": HIDDEN, "forwarded": ALLOWED, "math_sampled": HIDDEN},
    "leader": {"draft": ALLOWED, "colleague": ALLOWED, "forwarded": ALLOWED, "math_sampled": HIDDEN},
    "math_leader": {"draft": HIDDEN, "colleague": HIDDEN, "forwarded": HIDDEN, "math_sampled": ALLOWED},
    "schooladmin": {"draft": ALLOWED, "colleague": ALLOWED, "forwarded": ALLOWED, "math_sampled": ALLOWED},
    "other_admin": {"draft": HIDDEN, "colleague": HIDDEN, "forwarded": HIDDEN, "math_sampled": HIDDEN},
    "reviewer": {"draft": HIDDEN, "colleague": HIDDEN, "forwarded": ALLOWED, "math_sampled": ALLOWED},
    "admin": {"draft": ALLOWED, "colleague": ALLOWED, "forwarded": ALLOWED, "math_sampled": ALLOWED},
    None: {"draft": 401, "colleague": 401, "forwarded": 401, "math_sampled": 401},
}


def test_who_may_download_is_who_may_read_the_work(api):
    work, users = _world(api)
    failures = []
    for reader, row in MATRIX.items():
        for name, expected in row.items():
            submission_id, document_id = work[name]
            response = _link(api, users.get(reader, reader), submission_id, document_id)
            if response.status_code != expected:
                failures.append((reader, name, expected, response.status_code, response.text[:200]))
            elif expected == ALLOWED:
                assert _fetch(api, response.headers["location"]).content == PDF
            else:
                error = response.json()["error"]
                assert error["message_zh"] and error["message_en"], (reader, name)
                assert expected != HIDDEN or error["code"] == "not_found", (reader, name)
    assert failures == [], "\n".join(map(str, failures))


def test_a_document_is_found_only_under_its_own_submission(api):
    work, _ = _world(api)
    draft_id, _ = work["draft"]
    _, colleague_document = work["colleague"]
    for document_id in (colleague_document, "00000000-0000-0000-0000-000000000000"):
        response = _link(api, "schooladmin", draft_id, document_id)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    with api.transaction() as s:
        assert s.get(SubmissionDocument, colleague_document) is not None


def _refused(h, url: str) -> None:
    response = h.client.get(url)
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "media.link_invalid" and "链接" in error["message_zh"] and "link" in error["message_en"]


def test_expired_or_tampered_links_are_refused_in_both_languages(api):
    work, _ = _world(api)
    draft_id, document_id = work["draft"]
    location = _link(api, "teacher", draft_id, document_id).headers["location"]
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert api.client.get(location).status_code == 200

    def variant(path: str = parts.path, **changes) -> str:
        return f"{path}?{urlencode({**query, **changes})}"

    _refused(api, variant(signature="0" * 64))
    _refused(api, variant(filename="另一个名字.pdf"))
    _refused(api, variant(type="text/html"))  # a PDF's bytes must never run as a page of this site
    _refused(api, variant(expires=str(int(query["expires"]) + 3600)))
    _, other_document = work["colleague"]
    with api.transaction() as s:
        other_key = s.get(SubmissionDocument, other_document).object_key
    _refused(api, variant(path=f"/api/media/{other_key}"))
    plain = variant()
    _refused(api, plain.replace("filename=", "name="))  # dropping the signed name is tampering too
    with api.transaction() as s:
        key = s.get(SubmissionDocument, document_id).object_key
    expired = signed_download_url(
        api.settings.secret_key, key, -10, filename="draft.pdf", content_type="application/pdf"
    )
    _refused(api, expired)
