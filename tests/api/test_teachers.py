"""Teachers and their reference photos through the API."""

from __future__ import annotations

from sqlalchemy import event, select

from api.teachers import service
from db.models import Teacher, TeacherReference
from domain.biometric_consent import CONSENT_VERSION
from domain.references import PhotoStatus
from pipeline import task_names
from tests import review_factories as rf
from tests.shared_media import PHOTOS


def _teacher_id(h, staff_id: str) -> int:
    with h.transaction() as s:
        return s.scalar(select(Teacher.id).where(Teacher.staff_id == staff_id))


def test_teachers_listed_by_role(api):
    def staff(username):
        listed = api.client.get("/api/teachers", headers=api.auth(username)).json()
        return sorted(t["staff_id"] for t in listed)

    assert staff("teacher") == ["T002"]
    assert staff("leader") == ["T001", "T002", "T003", "T004", "T005"]
    assert len(staff("schooladmin")) == 10
    other = _teacher_id(api, "T006")
    assert api.client.get(f"/api/teachers/{other}", headers=api.auth("leader")).status_code == 404
    # The province sees the authors of work that reached it, and nobody else.
    assert staff("reviewer") == []
    assert api.client.get(f"/api/teachers/{other}", headers=api.auth("reviewer")).status_code == 404
    with api.transaction() as s:
        rf.submission(s, other, state="forwarded")
    assert staff("reviewer") == ["T006"]
    assert api.client.get(f"/api/teachers/{other}", headers=api.auth("reviewer")).status_code == 200


def test_reference_photo_is_stored_and_queued_for_enrolment(api):
    teacher_id = _teacher_id(api, "T002")
    photo = (PHOTOS / "obama" / "obama.jpg").read_bytes()
    url = f"/api/teachers/{teacher_id}/references"
    body = {"version": CONSENT_VERSION, "agree": True}
    consent = api.client.post(f"/api/teachers/{teacher_id}/biometric-consent", json=body, headers=api.auth("teacher"))
    assert consent.status_code == 201, consent.text  # the teacher's own consent first
    response = api.client.post(url, content=photo, headers={**api.auth("teacher"), "Content-Type": "image/jpeg"})
    assert response.status_code == 202, response.text
    reference = response.json()
    assert reference["state"] == "pending"
    assert api.tasks.names() == [task_names.ENROL_REFERENCE]
    with api.transaction() as s:
        key = s.get(TeacherReference, reference["id"]).photo_key
    assert api.store.read_bytes(key) == photo
    assert [r["id"] for r in api.client.get(url, headers=api.auth("leader")).json()] == [reference["id"]]
    assert api.client.delete(f"{url}/{reference['id']}", headers=api.auth("teacher")).status_code == 204
    assert api.client.get(url, headers=api.auth("teacher")).json() == []


def test_reference_photo_refusals(api):
    teacher_id = _teacher_id(api, "T002")
    url = f"/api/teachers/{teacher_id}/references"
    not_image = api.client.post(url, content=b"%PDF-1.4 hello", headers=api.auth("teacher"))
    assert not_image.status_code == 415 and not_image.json()["error"]["code"] == "face.photo_unreadable"
    empty = api.client.post(url, content=b"", headers=api.auth("teacher"))
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "upload.empty"
    api.settings.max_photo_bytes = 100
    big = api.client.post(url, content=b"\xff\xd8\xff" + b"0" * 200, headers=api.auth("teacher"))
    assert big.status_code == 413 and big.json()["error"]["code"] == "face.photo_too_large"
    colleague = _teacher_id(api, "T003")
    photo = (PHOTOS / "obama" / "obama.jpg").read_bytes()
    assert (
        api.client.post(f"/api/teachers/{colleague}/references", content=photo, headers=api.auth("teacher")).status_code
        == 404
    )
    assert api.client.post(url, content=photo, headers=api.auth("reviewer")).status_code == 404  # not in sight
    with api.transaction() as s:
        rf.submission(s, teacher_id, state="forwarded")
    assert api.client.post(url, content=photo, headers=api.auth("reviewer")).status_code == 403  # seen, not theirs
    assert api.tasks.sent == []


def _reference(session, teacher_id: int, state: str, **values) -> None:
    n = session.query(TeacherReference).count()
    session.add(
        TeacherReference(
            id=f"ref-{n}",
            teacher_id=teacher_id,
            photo_key=f"references/x/{n}.jpg",
            content_type="image/jpeg",
            state=state,
            **values,
        )
    )


def test_every_teacher_list_says_who_has_a_photo(api):
    ids = {staff: _teacher_id(api, staff) for staff in ("T001", "T002", "T003", "T004", "T005")}
    with api.transaction() as s:
        _reference(s, ids["T001"], "refused")
        _reference(s, ids["T001"], "ok", source="session_face")  # a face a leader assigned counts
        _reference(s, ids["T002"], "pending")
        _reference(s, ids["T002"], "refused")
        _reference(s, ids["T003"], "failed")
        _reference(s, ids["T004"], "refused")
    listed = api.client.get("/api/teachers", headers=api.auth("leader")).json()
    assert {t["staff_id"]: t["photo"] for t in listed} == {
        "T001": "ok",
        "T002": "pending",
        "T003": "failed",
        "T004": "refused",
        "T005": "none",
    }
    one = api.client.get(f"/api/teachers/{ids['T002']}", headers=api.auth("teacher")).json()
    assert one["photo"] == "pending"
    references = api.client.get(f"/api/teachers/{ids['T001']}/references", headers=api.auth("leader")).json()
    assert {(r["state"], r["source"], r["from_recording_id"]) for r in references} == {
        ("refused", "photo", None),
        ("ok", "session_face", None),
    }


def test_the_photo_status_of_a_whole_list_is_one_query(api):
    with api.transaction() as s:
        teachers = list(s.scalars(select(Teacher)))
        for teacher in teachers:
            _reference(s, teacher.id, "ok")
    statements = []
    with api.transaction() as s:
        teachers = list(s.scalars(select(Teacher)))
        event.listen(s.get_bind(), "before_cursor_execute", lambda *a: statements.append(a[2]))
        statuses = service.photo_statuses(s, teachers)
    assert len(teachers) == 10 and set(statuses.values()) == {PhotoStatus.OK}
    assert len(statements) == 1, "one query for every teacher"
