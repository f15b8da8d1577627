"""Biometric data under PIPL (issue 19, item 11), on SQLite and PostgreSQL.

A teacher's own, separate consent before a photo is enrolled or they are identified; a session
says 未同意人脸识别 for a participant without it instead of failing them; withdrawal and deletion
on request erase photos, encodings and session faces with their crops, audited without the data;
a periodic sweep deletes what is past the retention period and photos of teachers gone from the
roster; every view of a face crop is audited, and a crop is served only to a signed-in user
(its bytes, never a signed link that could be passed on).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from db.base import utcnow
from db.models import (
    AuditEntry,
    BiometricConsent,
    Recording,
    RecordingFace,
    Teacher,
    TeacherReference,
)
from domain.biometric_consent import CONSENT_VERSION
from domain.stages import Stage
from pipeline import jobs as pipeline_jobs
from pipeline import task_names
from pipeline.celery_factory import make_celery
from storage.errors import ObjectNotFound
from tests import biometric_factories as bf
from tests.api.review.admin.progress import demo_ids
from tests.session_factories import processed_session, vector
from tests.shared_media import PHOTOS
from workers.stages import identification, maintenance

PHOTO = (PHOTOS / "obama" / "obama.jpg").read_bytes()


def _reference(s, h, teacher_id: int, encoding: list[float], *, made_at=None) -> str:
    key = f"references/{teacher_id}/{len(s.scalars(select(TeacherReference)).all())}.jpg"
    h.store.put_bytes(key, b"\xff\xd8\xff photo", "image/jpeg")
    reference = TeacherReference(
        id=key.replace("/", "-")[:36],
        teacher_id=teacher_id,
        photo_key=key,
        content_type="image/jpeg",
        state="ok",
        encoding=encoding,
        enrolled_at=utcnow(),
        created_at=made_at or utcnow(),
    )
    s.add(reference)
    s.flush()
    return reference.id


def _session(h, ids, staff: list[str], faces: list[list[float]], *, made_at=None) -> str:
    """A processed session listing ``staff`` with these faces; consent is each test's own business."""
    faces_seen = [(face, 10) for face in faces]
    return processed_session(h, ids, staff, faces_seen, consent=False, created_at=made_at or utcnow())


def _detail(h, recording_id: str) -> dict:
    response = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("leader"))
    assert response.status_code == 200, response.text
    return response.json()


def _entries(h, action: str) -> list[AuditEntry]:
    with h.transaction() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _gone(store, key: str) -> bool:
    try:
        store.stat(key)
    except ObjectNotFound:
        return True
    return False


@dataclass(frozen=True)
class TwoWithFaces:
    """T002 and T001, both consented, each with an enrolled photo and seen in one processed session."""

    t002: int
    t001: int
    photo_key: str  # T002's photo
    recording_id: str
    crop_key: str  # T002's face crop in the session


def two_with_faces(api, ids) -> TwoWithFaces:
    t002, t001 = ids.teachers["T002"], ids.teachers["T001"]
    with api.transaction() as s:
        bf.consent(s, t002)
        bf.consent(s, t001)
        own = _reference(s, api, t002, vector(2))
        _reference(s, api, t001, vector(1))
        photo_key = s.get(TeacherReference, own).photo_key
    recording_id = _session(api, ids, ["T001", "T002"], [vector(1), vector(2)])
    with api.transaction() as s:
        crop_key = s.scalar(select(RecordingFace.crop_key).where(RecordingFace.n == 1))
    return TwoWithFaces(t002, t001, photo_key, recording_id, crop_key)


def assert_t002_erased(api, world: TwoWithFaces) -> None:
    """T002's photos, session face and crop are gone and her consent ended; T001's face stays."""
    with api.transaction() as s:
        assert s.scalars(select(TeacherReference).where(TeacherReference.teacher_id == world.t002)).all() == []
        faces = s.scalars(select(RecordingFace).where(RecordingFace.recording_id == world.recording_id)).all()
        assert [f.n for f in faces] == [0], "T002's face went; T001's stays"
        consent = select(BiometricConsent.withdrawn_at).where(BiometricConsent.teacher_id == world.t002)
        assert s.scalar(consent) is not None
    assert _gone(api.store, world.photo_key) and _gone(api.store, world.crop_key)


def _consent_url(teacher_id: int) -> str:
    return f"/api/teachers/{teacher_id}/biometric-consent"


def test_a_photo_needs_the_teachers_own_consent_first(api):
    ids = demo_ids(api)
    t002 = ids.teachers["T002"]  # ``teacher`` signs in as T002; ``leader`` leads T002's group
    photos = f"/api/teachers/{t002}/references"

    refused = api.client.post(photos, content=PHOTO, headers=api.auth("leader"))
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "biometric.consent_required"
    assert "尚未同意人脸识别" in error["message_zh"] and "has not consented" in error["message_en"]
    assert api.tasks.names() == [], "nothing stored, nothing queued"

    text = api.client.get(_consent_url(t002), headers=api.auth("leader")).json()
    assert text["consented"] is False and text["can_decide"] is False and text["text_version"] == CONSENT_VERSION
    sections = {section["key"]: section for section in text["text"]}
    assert {"purpose", "retention", "viewers"} <= set(sections)
    assert f"{api.settings.biometric_retention_days} 天" in sections["retention"]["zh"]
    assert "group's leader" in sections["viewers"]["en"] and "组长" in sections["viewers"]["zh"]

    agree = {"version": CONSENT_VERSION, "agree": True}
    not_theirs = api.client.post(_consent_url(t002), json=agree, headers=api.auth("leader"))
    assert not_theirs.status_code == 403 and not_theirs.json()["error"]["code"] == "biometric.only_the_teacher"
    unticked = api.client.post(_consent_url(t002), json={**agree, "agree": False}, headers=api.auth("teacher"))
    assert unticked.status_code == 422 and unticked.json()["error"]["code"] == "biometric.must_agree"
    stale = api.client.post(_consent_url(t002), json={**agree, "version": "2000-01"}, headers=api.auth("teacher"))
    assert stale.status_code == 422 and stale.json()["error"]["code"] == "biometric.wrong_version"

    given = api.client.post(_consent_url(t002), json=agree, headers=api.auth("teacher"))
    assert given.status_code == 201, given.text
    assert given.json()["consented"] is True and given.json()["can_decide"] is True
    again = api.client.post(_consent_url(t002), json=agree, headers=api.auth("teacher"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "biometric.already_consented"
    with api.transaction() as s:
        row = s.scalar(select(BiometricConsent).where(BiometricConsent.teacher_id == t002))
        teacher_user = row.given_by
        assert (row.version, row.retention_days, row.withdrawn_at) == (
            CONSENT_VERSION,
            api.settings.biometric_retention_days,
            None,
        )
    (entry,) = _entries(api, "biometric_consent")
    assert (entry.entity_type, entry.entity_id, entry.actor_id) == ("teacher", str(t002), teacher_user)

    assert api.client.post(photos, content=PHOTO, headers=api.auth("leader")).status_code == 202


def test_the_bulk_zip_refuses_the_photo_of_a_teacher_without_consent(api):
    import io
    import zipfile

    ids = demo_ids(api)
    with api.transaction() as s:
        bf.consent(s, ids.teachers["T001"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("T001.jpg", PHOTO)
        archive.writestr("T002.jpg", PHOTO)
    headers = {**api.auth("schooladmin"), "Content-Type": "application/zip"}
    response = api.client.post(
        f"/api/schools/{ids.school_id}/reference-photos", content=out.getvalue(), headers=headers
    )
    assert response.status_code == 200, response.text
    assert [c["staff_id"] for c in response.json()["created"]] == ["T001"]
    (refused,) = response.json()["refused"]
    assert refused["file"] == "T002.jpg" and refused["code"] == "biometric.consent_required"


def test_a_participant_without_consent_is_not_identified_and_the_check_says_so(api):
    ids = demo_ids(api)
    t002, t003 = ids.teachers["T002"], ids.teachers["T003"]
    with api.transaction() as s:
        bf.consent(s, t002)
        _reference(s, api, t002, vector(2))
        _reference(s, api, t003, vector(3))  # a photo from before consent was asked for: never used
    recording_id = _session(api, ids, ["T002", "T003"], [vector(2), vector(3)])
    detail = _detail(api, recording_id)
    states = {p["teacher_id"]: p["state"] for p in detail["analysis"]["participants"]}
    assert states == {t002: "seen", t003: "no_consent"}
    participants = detail["checks"]["participants"]
    assert participants["level"] == "warn" and participants["ok"] is True, "not failed as absent"
    assert participants["code"] == "analysis.no_consent" and participants["no_consent"] == [t003]
    assert "未同意人脸识别" in participants["message_zh"] and participants["missing"] == []
    assert len(detail["analysis"]["unknown"]) == 1, "T003's face is matched to nobody"
    no_crop = api.client.get(f"/api/recordings/{recording_id}/evidence/{t003}", headers=api.auth("leader"))
    assert no_crop.status_code == 404

    # Nor may a leader make that face T003's reference: that would enrol them without consent.
    assigned = api.client.post(
        f"/api/recordings/{recording_id}/faces/1/assign", json={"teacher_id": t003}, headers=api.auth("leader")
    )
    assert assigned.status_code == 409 and assigned.json()["error"]["code"] == "biometric.consent_required"
    with api.transaction() as s:
        assert s.scalar(select(RecordingFace.assigned_teacher_id).where(RecordingFace.n == 1)) is None


def test_withdrawal_erases_photos_encodings_and_session_faces_audited(api):
    ids = demo_ids(api)
    world = two_with_faces(api, ids)
    t002, t001, recording_id = world.t002, world.t001, world.recording_id
    assert {p["state"] for p in _detail(api, recording_id)["analysis"]["participants"]} == {"seen"}

    assert api.client.delete(_consent_url(t002), headers=api.auth("leader")).status_code == 403
    withdrawn = api.client.delete(_consent_url(t002), headers=api.auth("teacher"))
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["consented"] is False
    assert api.client.delete(_consent_url(t002), headers=api.auth("teacher")).status_code == 409
    assert_t002_erased(api, world)
    (erase,) = _entries(api, "biometric_erase")
    assert erase.entity_id == str(t002) and erase.reason.startswith("consent withdrawn")
    assert "photos 1, encodings 1, session faces 1, crops 1" in erase.reason
    assert "[" not in erase.reason and "0." not in erase.reason, "counts only, never an encoding"
    assert [e.entity_id for e in _entries(api, "biometric_withdraw")] == [str(t002)]

    api.drain()  # identified again without them
    detail = _detail(api, recording_id)
    states = {p["teacher_id"]: p["state"] for p in detail["analysis"]["participants"]}
    assert states == {t001: "seen", t002: "no_consent"}
    assert detail["checks"]["participants"]["level"] == "warn"
    refused = api.client.post(f"/api/teachers/{t002}/references", content=PHOTO, headers=api.auth("teacher"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "biometric.consent_required"


def test_deletion_on_request_by_the_teacher_or_the_school(api):
    ids = demo_ids(api)
    t002 = ids.teachers["T002"]
    with api.transaction() as s:
        bf.consent(s, t002)
        _reference(s, api, t002, vector(2))
    url = f"/api/teachers/{t002}/biometric-data"
    assert api.client.delete(url, headers=api.auth("leader")).status_code == 403
    erased = api.client.delete(url, headers=api.auth("schooladmin"))
    assert erased.status_code == 200, erased.text
    assert erased.json() == {"photos": 1, "encodings": 1, "session_faces": 0, "crops": 0}
    mine = api.client.delete(url, headers=api.auth("teacher"))
    assert mine.status_code == 200 and mine.json()["photos"] == 0
    reasons = [e.reason for e in _entries(api, "biometric_erase")]
    assert reasons[0].startswith("deletion requested through the school")
    assert reasons[1].startswith("deletion requested by the teacher")


def test_the_sweep_deletes_what_is_past_retention_and_what_a_departed_teacher_left(api):
    ids = demo_ids(api)
    t002, t003 = ids.teachers["T002"], ids.teachers["T003"]
    days = api.settings.biometric_retention_days
    long_ago = utcnow() - timedelta(days=days + 1)
    with api.transaction() as s:
        bf.consent(s, t002)
        bf.consent(s, t003)
        old = _reference(s, api, t002, vector(2), made_at=long_ago)
        old_key = s.get(TeacherReference, old).photo_key
        fresh = _reference(s, api, t003, vector(3))
    old_session = _session(api, ids, ["T002", "T003"], [vector(2), vector(3)], made_at=long_ago)
    new_session = _session(api, ids, ["T002", "T003"], [vector(2), vector(3)])
    checks_before = _detail(api, old_session)["checks"]
    # A teacher deleted outright from the roster leaves photos behind in storage.
    with api.transaction() as s:
        gone = s.get(Teacher, ids.teachers["T005"])
        gone_id = gone.id
        api.store.put_bytes(f"references/{gone_id}/left.jpg", b"\xff\xd8\xff", "image/jpeg")
        s.delete(gone)

    counts = maintenance.sweep_biometric(api.runtime)
    assert counts == {"photos": 1, "session_faces": 2, "orphan_photos": 1}
    with api.transaction() as s:
        assert s.get(TeacherReference, old) is None and s.get(TeacherReference, fresh) is not None
        assert s.scalars(select(RecordingFace).where(RecordingFace.recording_id == old_session)).all() == []
        assert len(s.scalars(select(RecordingFace).where(RecordingFace.recording_id == new_session)).all()) == 2
        analysis = s.get(Recording, old_session).analysis
    assert _gone(api.store, old_key) and api.store.list_keys(f"references/{gone_id}/") == []
    assert api.store.list_keys(f"derived/{old_session}/analysis/faces/") == []
    assert len(api.store.list_keys(f"derived/{new_session}/analysis/faces/")) == 2
    assert analysis["faces_erased_at"] and all(p["evidence_key"] is None for p in analysis["participants"])
    assert _detail(api, old_session)["checks"] == checks_before, "the recorded result stands"
    expired = [(e.entity_type, e.entity_id) for e in _entries(api, "biometric_expire")]
    assert expired == [("teacher", str(t002)), ("recording", old_session)]
    assert any(e.entity_id == str(gone_id) for e in _entries(api, "biometric_erase"))

    # A photo change later does not re-identify a session whose faces are gone.
    with api.runtime.transaction() as s:
        pipeline_jobs.enqueue(s, old_session, Stage.IDENTIFY)
    api.drain()
    assert _detail(api, old_session)["checks"] == checks_before
    assert maintenance.sweep_biometric(api.runtime) == {"photos": 0, "session_faces": 0, "orphan_photos": 0}
    # A re-run analysis keeps new faces: the erasure mark goes, so they are identified again.
    with api.runtime.transaction() as s:
        recording = s.get(Recording, old_session)
        identification.keep_faces(s, recording, (), {})
        assert "faces_erased_at" not in recording.analysis


def test_the_sweep_runs_on_beat(api):
    schedule = make_celery(api.settings).conf.beat_schedule
    assert schedule["biometric-sweep"]["task"] == task_names.BIOMETRIC_SWEEP
    assert schedule["biometric-sweep"]["schedule"] == float(api.settings.biometric_sweep_interval_s)


def test_every_view_of_a_face_crop_is_audited_and_needs_a_session(api):
    ids = demo_ids(api)
    t002 = ids.teachers["T002"]
    with api.transaction() as s:
        bf.consent(s, t002)
        _reference(s, api, t002, vector(2))
    recording_id = _session(api, ids, ["T002"], [vector(2), vector(9)])
    crop = f"/api/recordings/{recording_id}/evidence/{t002}"
    seen = api.client.get(crop, headers=api.auth("leader"), follow_redirects=False)
    assert seen.status_code == 200 and seen.content.startswith(b"\xff\xd8\xff"), "the bytes, not a link"
    assert seen.headers["cache-control"] == "no-store" and "location" not in seen.headers
    stranger = api.client.get(f"/api/recordings/{recording_id}/unknown/0", headers=api.auth("leader"))
    assert stranger.status_code == 200 and stranger.content.startswith(b"\xff\xd8\xff")
    views = [(e.entity_id, e.reason) for e in _entries(api, "view_face")]
    assert views == [
        (recording_id, f"crop of participant teacher {t002}"),
        (recording_id, "crop of unknown person 1"),
    ]
    with api.transaction() as s:
        leader_id = s.scalar(select(AuditEntry.actor_id).where(AuditEntry.action == "view_face"))
    assert leader_id is not None
    # Without a session the crop routes answer 401, and nothing is audited.
    anonymous = api.client.get(f"/api/recordings/{recording_id}/evidence/{t002}")
    assert anonymous.status_code == 401
    assert len(_entries(api, "view_face")) == 2
