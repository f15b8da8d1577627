"""A replacement photo supersedes the teacher's earlier ones only once it is enrolled, and every
change of a teacher's usable faces (a photo enrolled, a photo removed) sends their analysed group
sessions back to identification."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFilter
from sqlalchemy import select

from db.models import ProcessingJob, Recording, TeacherReference
from domain.stages import Stage
from pipeline import jobs, task_names
from storage.errors import ObjectNotFound
from tests import biometric_factories as bf
from tests import review_factories as rf
from tests.shared_media import PHOTOS

OBAMA = PHOTOS / "obama" / "obama.jpg"
BIDEN = PHOTOS / "biden" / "biden.jpg"


def _post(api, teacher_id: int, photo: bytes, *, replace: bool = False, user: str = "teacher") -> str:
    with api.transaction() as s:
        bf.consent(s, teacher_id)  # the teacher agreed to face identification first
    url = f"/api/teachers/{teacher_id}/references" + ("?replace=true" if replace else "")
    response = api.client.post(url, content=photo, headers=api.auth(user))
    assert response.status_code == 202, response.text
    assert response.json()["replaces_others"] is replace and response.json()["source"] == "photo"
    return response.json()["id"]


def _enrol(api) -> None:
    assert {o.value for o in api.drain(only={task_names.ENROL_REFERENCE})} <= {"done"}


def _photos(api, teacher_id: int) -> dict[str, str]:
    with api.transaction() as s:
        rows = s.scalars(select(TeacherReference).where(TeacherReference.teacher_id == teacher_id))
        return {r.id: r.state for r in rows}


def _blurred(path) -> bytes:
    out = io.BytesIO()
    with Image.open(path) as opened:
        opened.convert("RGB").filter(ImageFilter.GaussianBlur(12)).save(out, format="JPEG")
    return out.getvalue()


def test_an_enrolled_replacement_deletes_the_earlier_photos_and_their_objects(api):
    teacher_id = rf.demo(api).teachers["T002"]
    old = _post(api, teacher_id, OBAMA.read_bytes())
    _enrol(api)
    with api.transaction() as s:
        old_key = s.get(TeacherReference, old).photo_key
    new = _post(api, teacher_id, BIDEN.read_bytes(), replace=True)
    assert _photos(api, teacher_id) == {old: "ok", new: "pending"}  # the old one serves until then
    _enrol(api)
    assert _photos(api, teacher_id) == {new: "ok"}
    with pytest.raises(ObjectNotFound):
        api.store.stat(old_key)
    with api.transaction() as s:
        assert s.scalars(select(ProcessingJob).where(ProcessingJob.reference_id == old)).all() == []


def test_a_refused_replacement_loses_nothing(api):
    teacher_id = rf.demo(api).teachers["T002"]
    old = _post(api, teacher_id, OBAMA.read_bytes())
    _enrol(api)
    blurry = _post(api, teacher_id, _blurred(OBAMA), replace=True)
    _enrol(api)
    assert _photos(api, teacher_id) == {old: "ok", blurry: "refused"}
    with api.transaction() as s:
        assert s.get(TeacherReference, blurry).reason_code == "face.photo_blurry"
        assert api.store.read_bytes(s.get(TeacherReference, old).photo_key) == OBAMA.read_bytes()


def test_a_later_replacement_is_not_deleted_by_an_earlier_one(api):
    teacher_id = rf.demo(api).teachers["T002"]
    first = _post(api, teacher_id, OBAMA.read_bytes(), replace=True)
    second = _post(api, teacher_id, BIDEN.read_bytes(), replace=True)
    api.drain(only={task_names.ENROL_REFERENCE})  # the first enrols first
    assert _photos(api, teacher_id) == {second: "ok"}  # the last one uploaded wins
    assert first not in _photos(api, teacher_id)


def test_a_plain_upload_keeps_the_earlier_photos(api):
    teacher_id = rf.demo(api).teachers["T002"]
    first = _post(api, teacher_id, OBAMA.read_bytes())
    second = _post(api, teacher_id, BIDEN.read_bytes())
    _enrol(api)
    assert _photos(api, teacher_id) == {first: "ok", second: "ok"}


def test_a_face_assigned_from_a_session_survives_a_replacement(api):
    demo = rf.demo(api)
    teacher_id = demo.teachers["T002"]
    with api.transaction() as s:
        recording = rf.accepted_session(s, demo.chinese_group_id)
        assigned = TeacherReference(
            id="assigned-face",
            teacher_id=teacher_id,
            photo_key="crops/none",
            content_type="image/jpeg",
            state="ok",
            source="session_face",
            from_recording_id=recording.id,
            encoding=[0.0] * 128,
        )
        s.add(assigned)
    new = _post(api, teacher_id, OBAMA.read_bytes(), replace=True)
    _enrol(api)
    assert _photos(api, teacher_id) == {"assigned-face": "ok", new: "ok"}


def _analysed_session(api, group_id: int) -> str:
    with api.transaction() as s:
        recording: Recording = rf.accepted_session(s, group_id)
        recording.jobs.append(ProcessingJob(stage="analyze", state="done", percent=100.0))
        return recording.id


def _identify_queued(api, recording_id: str) -> bool:
    with api.transaction() as s:
        job = jobs.get(s, recording_id, Stage.IDENTIFY)
        return job is not None and job.state == "queued"


def test_an_enrolled_photo_sends_the_teachers_sessions_to_identification(api):
    demo = rf.demo(api)
    recording_id = _analysed_session(api, demo.chinese_group_id)
    _post(api, demo.teachers["T002"], OBAMA.read_bytes())
    assert not _identify_queued(api, recording_id)  # not before the photo is usable
    _enrol(api)
    assert _identify_queued(api, recording_id)
    assert (task_names.IDENTIFY, (recording_id,)) in [(m.name, m.args) for m in api.tasks.sent]


def test_a_refused_photo_changes_no_identification(api):
    demo = rf.demo(api)
    recording_id = _analysed_session(api, demo.chinese_group_id)
    _post(api, demo.teachers["T002"], _blurred(OBAMA))
    _enrol(api)
    assert not _identify_queued(api, recording_id)


def test_removing_a_photo_sends_the_teachers_sessions_to_identification(api):
    demo = rf.demo(api)
    teacher_id = demo.teachers["T002"]
    reference_id = _post(api, teacher_id, OBAMA.read_bytes())
    _enrol(api)
    recording_id = _analysed_session(api, demo.chinese_group_id)
    url = f"/api/teachers/{teacher_id}/references/{reference_id}"
    assert api.client.delete(url, headers=api.auth("teacher")).status_code == 204
    assert _identify_queued(api, recording_id)
    assert _photos(api, teacher_id) == {}


def test_the_quality_settings_reach_the_worker(api):
    teacher_id = rf.demo(api).teachers["T002"]
    api.runtime.settings.reference_min_face_px = 1000
    reference_id = _post(api, teacher_id, OBAMA.read_bytes())
    _enrol(api)
    with api.transaction() as s:
        reference = s.get(TeacherReference, reference_id)
        assert (reference.state, reference.reason_code) == ("refused", "face.photo_face_too_small")
        assert "1000" in reference.reason_zh and "1000 px" in reference.reason_en
