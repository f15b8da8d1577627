"""A school admin's reference photos in bulk: a ZIP named by 工号, one replacement photo per entry,
each refusal on its own, and the archive refused whole only when it is no ZIP or too big."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile

from sqlalchemy import select

from db.models import AuditEntry, School, TeacherReference
from pipeline import task_names
from tests import biometric_factories as bf
from tests import factories
from tests import review_factories as rf
from tests.shared_media import PHOTOS

JPEG = (PHOTOS / "obama" / "obama.jpg").read_bytes()
PNG = (PHOTOS / "alex_lacamoire" / "alex-lacamoire.png").read_bytes()
ZIP_TYPE = {"Content-Type": "application/zip"}


def _zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            if name.endswith("/"):
                archive.mkdir(name.rstrip("/"))
            else:
                archive.writestr(name, data)
    return out.getvalue()


def _post(api, data: bytes, *, user: str = "schooladmin", school_id: int | None = None):
    school_id = school_id or rf.demo(api).school_id
    with api.transaction() as s:
        bf.consent_all(s, school_id=school_id)  # each teacher agreed to face identification themself
    headers = {**api.auth(user), **ZIP_TYPE}
    return api.client.post(f"/api/schools/{school_id}/reference-photos", content=data, headers=headers)


def test_each_photo_named_by_staff_id_becomes_its_teachers_replacement_photo(api):
    demo = rf.demo(api)
    body = _zip(
        {
            "photos/T001.jpg": JPEG,
            "photos/nested/T002.PNG": PNG,
            "T003.jpeg": JPEG,
            "photos/": b"",
            "__MACOSX/photos/._T001.jpg": b"resource fork",
            ".DS_Store": b"junk",
        }
    )
    response = _post(api, body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["refused"] == []
    created = {c["staff_id"]: c for c in result["created"]}
    assert sorted(created) == ["T001", "T002", "T003"]
    assert created["T002"]["file"] == "photos/nested/T002.PNG"
    assert created["T002"]["teacher_id"] == demo.teachers["T002"]
    assert api.tasks.names() == [task_names.ENROL_REFERENCE] * 3
    with api.transaction() as s:
        reference = s.get(TeacherReference, created["T002"]["reference_id"])
        assert (reference.teacher_id, reference.replaces_others, reference.source) == (
            demo.teachers["T002"],
            True,
            "photo",
        )
        assert reference.content_type == "image/png" and api.store.read_bytes(reference.photo_key) == PNG
    assert {o.value for o in api.drain(only={task_names.ENROL_REFERENCE})} == {"done"}
    listed = {t["staff_id"]: t["photo"] for t in api.client.get("/api/teachers", headers=api.auth("leader")).json()}
    assert listed == {"T001": "ok", "T002": "ok", "T003": "ok", "T004": "none", "T005": "none"}


def test_entries_are_refused_one_by_one_with_their_reasons(api):
    with api.transaction() as s:  # another school's T004 must not be matched
        other = factories.make_school(s)
        factories.make_teacher(s, other, staff_id="T404")
    api.settings.max_photo_bytes = len(JPEG) + 10
    body = _zip(
        {
            "T001.jpg": JPEG,
            "T404.jpg": JPEG,  # another school's teacher
            "T999.jpg": JPEG,  # nobody
            "T002.jpg": b"",
            "T003.png": b"%PDF-1.4 not an image",
            "T005.jpg": JPEG + b"\0" * 64,  # over the photo limit
            "a/T006.jpg": JPEG,
            "b/T006.png": PNG,  # the same staff id twice: which one is meant?
            "notes.txt": b"hello",
        }
    )
    result = _post(api, body).json()
    assert [c["staff_id"] for c in result["created"]] == ["T001"]
    refused = {r["file"]: r["code"] for r in result["refused"]}
    assert refused == {
        "T404.jpg": "photos.unknown_staff_id",
        "T999.jpg": "photos.unknown_staff_id",
        "T002.jpg": "face.photo_empty",
        "T003.png": "face.photo_unreadable",
        "T005.jpg": "face.photo_too_large",
        "a/T006.jpg": "photos.duplicate_staff_id",
        "b/T006.png": "photos.duplicate_staff_id",
        "notes.txt": "photos.entry_bad_name",
    }
    for r in result["refused"]:
        assert r["message_zh"] and r["message_en"]
    unknown = next(r for r in result["refused"] if r["file"] == "T999.jpg")
    assert "T999" in unknown["message_zh"] and "T999" in unknown["message_en"]


def test_names_are_decoded_and_nfc_normalised(api):
    demo = rf.demo(api)
    with api.transaction() as s:
        school = s.get(School, demo.school_id)
        accented = factories.make_teacher(s, school, staff_id="é01").id  # stored composed (NFC)
        chinese = factories.make_teacher(s, school, staff_id="张01").id
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(unicodedata.normalize("NFD", "照片/é01.jpg"), JPEG)  # macOS names decomposed
        archive.writestr("Zz01.jpg", PNG)  # placeholder, renamed below
    # Windows' built-in zipper writes GBK names without ZIP's UTF-8 flag.
    raw = out.getvalue().replace(b"Zz01.jpg", "张01.jpg".encode("gbk"))
    result = _post(api, raw).json()
    assert result["refused"] == []
    assert {c["staff_id"]: c["teacher_id"] for c in result["created"]} == {"é01": accented, "张01": chinese}


def test_one_audit_entry_says_who_and_how_many(api):
    demo = rf.demo(api)
    _post(api, _zip({"T001.jpg": JPEG, "T999.jpg": JPEG}))
    with api.transaction() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "reference_photos_import")).all()
        assert len(entries) == 1
        (entry,) = entries
        assert (entry.entity_type, entry.entity_id, entry.actor_id) == (
            "school",
            str(demo.school_id),
            demo.users["schooladmin"],
        )
        assert json.loads(entry.reason) == {"entries": 2, "created": 1, "refused": 1}


def test_who_may_import(api):
    demo = rf.demo(api)
    body = _zip({"T001.jpg": JPEG})
    for user in ("teacher", "leader", "reviewer"):
        assert _post(api, body, user=user).status_code == 403
    assert _post(api, body, user="admin").status_code == 200
    with api.transaction() as s:
        other = factories.make_school(s)
        other_id = other.id
        stranger = rf.user(s, "school_admin", school=other)
    assert _post(api, body, user=stranger).status_code == 404  # not their school: as if it did not exist
    assert _post(api, body, school_id=other_id).status_code == 404
    assert _post(api, body, user="admin", school_id=999_999).status_code == 404
    assert len(api.tasks.sent) == 1  # the admin's import only
    assert demo.school_id


def test_the_archive_as_a_whole_is_refused_when_it_is_no_zip_or_too_big(api):
    def code(response, status):
        assert response.status_code == status, response.text
        return response.json()["error"]["code"]

    assert code(_post(api, b""), 400) == "photos.zip_empty"
    assert code(_post(api, JPEG), 400) == "photos.zip_unreadable"
    assert code(_post(api, b"PK\x03\x04 broken"), 400) == "photos.zip_unreadable"

    api.settings.max_photo_zip_entries = 2
    assert code(_post(api, _zip({"T001.jpg": JPEG, "T002.jpg": JPEG, "T003.jpg": JPEG})), 413) == (
        "photos.zip_too_many_entries"
    )
    api.settings.max_photo_zip_entries = 2000

    # A bomb: a few KB that would inflate to 50 MB, refused by the declared size before inflating.
    bomb = _zip({"T001.jpg": b"\0" * (50 * 1024 * 1024)})
    assert len(bomb) < 100_000
    api.settings.max_photo_zip_expanded_bytes = 10 * 1024 * 1024
    assert code(_post(api, bomb), 413) == "photos.zip_expands_too_much"

    api.settings.max_photo_zip_bytes = 1000
    too_large = _post(api, _zip({"T001.jpg": JPEG}, compression=zipfile.ZIP_STORED))
    assert code(too_large, 413) == "photos.zip_too_large"
    assert api.tasks.sent == []
    with api.transaction() as s:
        assert s.scalars(select(TeacherReference)).all() == []


def test_an_entry_whose_header_understates_its_size_is_refused_not_inflated(api):
    """The declared sizes are the archive's word only: reading stops at what it declared (and at the
    photo limit), and the entry's checksum then fails."""
    api.settings.max_photo_bytes = 1000
    body = bytearray(_zip({"T001.jpg": b"\xff\xd8\xff" + b"\0" * 50_000}))
    # Rewrite the declared uncompressed size (central directory and local header) to 100 bytes.
    archive = zipfile.ZipFile(io.BytesIO(bytes(body)))
    (info,) = archive.infolist()
    true_size = info.file_size.to_bytes(4, "little")
    body = bytes(body).replace(true_size, (100).to_bytes(4, "little"))
    result = _post(api, body).json()
    assert result["created"] == []
    assert [r["code"] for r in result["refused"]] == ["photos.entry_unreadable"]
