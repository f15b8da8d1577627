"""A teacher who leaves the school (离校; issue 19 item 11, "deleted … when the teacher leaves").

On SQLite and PostgreSQL: the school admin records it; the teacher's accounts close at once (their
sessions end, sign-in is refused), their consent ends and their photos, encodings and session
faces with the crops are deleted, audited with counts only; from then on they are out of every
headcount, push and list, and cannot be listed in a new session or uploaded for; their work stays.
A departure recorded by mistake is undone, and deleted data stays deleted.
"""

from __future__ import annotations

from sqlalchemy import select

from api.demo import DEMO_PASSWORD
from db.models import BiometricConsent, TeacherReference
from tests import biometric_factories as bf
from tests import review_factories as rf
from tests.api.peer.peer_world import playable_work
from tests.api.test_biometric_consent import _entries, _reference, assert_t002_erased, two_with_faces
from tests.session_factories import vector


def _depart(api, teacher_id: int, user: str = "schooladmin", note: str | None = "调往市实验小学"):
    return api.client.post(f"/api/teachers/{teacher_id}/departure", json={"note": note}, headers=api.auth(user))


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]
    return error


def test_leaving_closes_the_accounts_and_deletes_the_biometric_data_audited(api):
    d = rf.demo(api)
    world = two_with_faces(api, d)
    t002, t001 = world.t002, world.t001
    assert api.client.get("/api/auth/me", headers=api.auth("teacher")).status_code == 200  # 李娜 signed in

    for user in ("teacher", "leader", "reviewer"):
        assert _depart(api, t002, user).status_code == 403, user
    left = _depart(api, t002)
    assert left.status_code == 200, left.text
    body = left.json()
    assert body["left_at"] and body["left_note"] == "调往市实验小学"
    assert (body["accounts"], body["sessions_ended"], body["photos_deleted"], body["session_faces_deleted"]) == (
        1,
        1,
        1,
        1,
    )

    assert api.client.get("/api/auth/me", headers=api.auth("teacher")).status_code == 401, "signed out at once"
    relogin = api.client.post("/api/auth/login", json={"username": "teacher", "password": DEMO_PASSWORD})
    assert relogin.status_code == 401 and relogin.json()["error"]["code"] == "auth.account_closed"
    wrong = api.client.post("/api/auth/login", json={"username": "teacher", "password": "not-her-password"})
    assert wrong.json()["error"]["code"] == "auth.bad_credentials", "a wrong password learns nothing of the account"
    assert_t002_erased(api, world)
    (entry,) = _entries(api, "teacher_left")
    assert entry.entity_id == str(t002) and "调往市实验小学" in entry.reason and '"accounts_closed": 1' in entry.reason
    (erase,) = _entries(api, "biometric_erase")
    assert erase.reason.startswith("teacher left the school: photos 1, encodings 1, session faces 1, crops 1")

    again = _error(_depart(api, t002), 409, "teacher.already_left")
    assert "李娜" in again["message_zh"] and "already" in again["message_en"]
    listed = {t["id"]: t for t in api.client.get("/api/teachers", headers=api.auth("schooladmin")).json()}
    assert listed[t002]["left_at"] and listed[t001]["left_at"] is None


def test_a_teacher_who_left_is_out_of_headcounts_pushes_and_lists(api):
    d = rf.demo(api)
    t002 = d.teachers["T002"]
    with api.transaction() as s:
        for staff in ("T006", "T007", "T008"):
            playable_work(s, d.teachers[staff])
    group = api.client.get(f"/api/groups/{d.chinese_group_id}/quota", headers=api.auth("schooladmin")).json()
    school = api.client.get(f"/api/schools/{d.school_id}/quota", headers=api.auth("schooladmin")).json()

    assert _depart(api, t002, note=None).status_code == 200
    group_after = api.client.get(f"/api/groups/{d.chinese_group_id}/quota", headers=api.auth("schooladmin")).json()
    school_after = api.client.get(f"/api/schools/{d.school_id}/quota", headers=api.auth("schooladmin")).json()
    assert group_after["headcount"] == group["headcount"] - 1
    assert school_after["full_time_teachers"] == school["full_time_teachers"] - 1

    pushed = api.client.post(f"/api/peer/schools/{d.school_id}/push", headers=api.auth("schooladmin")).json()
    assert pushed["teachers"] == 9, "everyone but 李娜 is pushed peer lessons"
    results = api.client.get(f"/api/schools/{d.school_id}/results", headers=api.auth("schooladmin"))
    assert results.status_code == 200, results.text
    assert t002 not in {row["teacher_id"] for row in results.json()["teachers"]}
    hours = api.client.get(f"/api/schools/{d.school_id}/hours", headers=api.auth("schooladmin"))
    assert hours.status_code == 200, hours.text
    assert hours.json()["teachers"] == 9 and t002 not in {row["teacher_id"] for row in hours.json()["ledgers"]}


def test_a_teacher_who_left_is_not_listed_in_a_session_nor_uploaded_for(api, short_clip):
    d = rf.demo(api)
    t002, t003 = d.teachers["T002"], d.teachers["T003"]
    assert _depart(api, t002).status_code == 200
    session = {"kind": "group_session", "filename": "s.mp4", "size": 10, "participant_ids": [t003, t002]}
    refused = _error(
        api.client.post("/api/uploads", json=session, headers=api.auth("leader")), 422, "upload.participant_left"
    )
    assert "李娜" in refused["message_zh"]
    lesson = {"kind": "lesson", "filename": "l.mp4", "size": 10, "capability_code": "A1", "teacher_id": t002}
    _error(api.client.post("/api/uploads", json=lesson, headers=api.auth("leader")), 422, "upload.teacher_left")
    fine = {**session, "participant_ids": [t003]}
    assert api.client.post("/api/uploads", json=fine, headers=api.auth("leader")).status_code == 201


def test_a_departure_recorded_by_mistake_is_undone_and_deleted_data_stays_deleted(api):
    d = rf.demo(api)
    t002 = d.teachers["T002"]
    with api.transaction() as s:
        bf.consent(s, t002)
        _reference(s, api, t002, vector(2))
    headcount = api.client.get(f"/api/groups/{d.chinese_group_id}/quota", headers=api.auth("schooladmin")).json()
    assert _depart(api, t002).status_code == 200
    assert api.client.delete(f"/api/teachers/{t002}/departure", headers=api.auth("leader")).status_code == 403
    undone = api.client.delete(f"/api/teachers/{t002}/departure", headers=api.auth("schooladmin"))
    assert undone.status_code == 200, undone.text
    assert undone.json()["left_at"] is None and undone.json()["accounts"] == 1
    relogin = api.client.post("/api/auth/login", json={"username": "teacher", "password": DEMO_PASSWORD})
    assert relogin.status_code == 200, "the account is open again"
    again = api.client.get(f"/api/groups/{d.chinese_group_id}/quota", headers=api.auth("schooladmin")).json()
    assert again["headcount"] == headcount["headcount"]
    with api.transaction() as s:
        assert s.scalars(select(TeacherReference).where(TeacherReference.teacher_id == t002)).all() == []
        assert s.scalar(select(BiometricConsent.id).where(BiometricConsent.withdrawn_at.is_(None))) is None
    assert [e.entity_id for e in _entries(api, "teacher_left_undone")] == [str(t002)]
    _error(
        api.client.delete(f"/api/teachers/{t002}/departure", headers=api.auth("schooladmin")), 409, "teacher.not_left"
    )
