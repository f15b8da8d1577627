"""Analysis through the whole app: enrol reference photos, upload a session, read the checks."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Recording, Teacher
from tests import analysis_media
from tests import biometric_factories as bf
from tests.api.uploading import upload_whole
from tests.shared_media import PHOTOS


def _teacher_ids(h, *staff_ids):
    with h.transaction() as s:
        rows = dict(s.execute(select(Teacher.staff_id, Teacher.id).where(Teacher.staff_id.in_(staff_ids))).all())
    return [rows[s] for s in staff_ids]


def _enrol(h, teacher_id: int, photo) -> dict:
    """The teacher consented to face identification (the photo needs it); the leader adds their photo."""
    with h.transaction() as s:
        bf.consent(s, teacher_id)
    response = h.client.post(
        f"/api/teachers/{teacher_id}/references", content=photo.read_bytes(), headers=h.auth("leader")
    )
    assert response.status_code == 202, response.text
    return response.json()


def _upload_meeting(h, participant_ids: list[int]) -> str:
    """The leader uploads the shared meeting clip (Obama left, the signer right) as a group session."""
    clip = analysis_media.meeting_clip()
    body = {
        "kind": "group_session",
        "filename": "meeting.mp4",
        "size": clip.stat().st_size,
        "content_type": "video/mp4",
        "participant_ids": participant_ids,
    }
    return upload_whole(h, "leader", clip, body)["recording_id"]


def test_reference_photos_are_enrolled_or_refused_with_a_reason(api):
    (teacher,) = _teacher_ids(api, "T002")
    good = _enrol(api, teacher, PHOTOS / "obama" / "obama.jpg")
    group_photo = sorted((PHOTOS / "multi").iterdir())[0]
    bad = _enrol(api, teacher, group_photo)
    # Both enrol jobs ran to their end; refusing a photo is an outcome, not a failure of the job.
    assert [o.value for o in api.drain()] == ["done", "done"]
    assert [o.value for o in api.drain()] == [], "nothing left to do"
    listed = {
        r["id"]: r for r in api.client.get(f"/api/teachers/{teacher}/references", headers=api.auth("teacher")).json()
    }
    assert listed[good["id"]]["state"] == "ok" and listed[good["id"]]["reason_code"] is None
    refused = listed[bad["id"]]
    assert refused["state"] == "refused" and refused["reason_code"] == "face.several_in_photo"
    assert refused["reason_zh"] and refused["reason_en"]


def test_group_session_names_who_never_showed_their_face(api):
    present, absent = _teacher_ids(api, "T002", "T003")
    _enrol(api, present, PHOTOS / "obama" / "obama.jpg")
    _enrol(api, absent, PHOTOS / "biden" / "biden.jpg")
    api.drain()
    recording_id = _upload_meeting(api, [present, absent])
    assert [o.value for o in api.drain()] == ["done", "done", "done"]
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    people = {p["teacher_id"]: p for p in detail["analysis"]["participants"]}
    assert people[present]["seen"] is True and people[present]["first_seen_s"] < 3
    assert people[absent]["seen"] is False and people[absent]["evidence_key"] is None
    assert people[present]["name"] == "李娜"
    crop = api.store.read_bytes(people[present]["evidence_key"])
    assert crop.startswith(b"\xff\xd8\xff")
    served = api.client.get(f"/api/recordings/{recording_id}/evidence/{present}", headers=api.auth("leader"))
    assert served.status_code == 200 and served.content == crop
    assert (
        api.client.get(f"/api/recordings/{recording_id}/evidence/{absent}", headers=api.auth("leader")).status_code
        == 404
    )
    assert (
        api.client.get(f"/api/recordings/{recording_id}/evidence/{present}", headers=api.auth("teacher")).status_code
        == 200
    )
    assert (
        api.client.get(
            f"/api/recordings/{recording_id}/evidence/{present}", headers=api.auth("schooladmin")
        ).status_code
        == 200
    )
    checks = detail["checks"]
    assert checks["participants"]["level"] == "fail" and checks["participants"]["missing"] == [absent]
    assert "张伟" in checks["participants"]["message_zh"]
    assert checks["unknown_faces"]["level"] == "warn" and checks["unknown_faces"]["count"] >= 1
    unknown = detail["analysis"]["unknown"]  # the signer, on nobody's list: shown, not just counted
    assert len(unknown) == checks["unknown_faces"]["count"] == detail["analysis"]["unknown_faces"]
    assert unknown[0]["first_seen_s"] < 3 and unknown[0]["seen_fraction"] > 0.5
    stranger = api.client.get(f"/api/recordings/{recording_id}/unknown/0", headers=api.auth("leader"))
    assert stranger.status_code == 200 and stranger.content == api.store.read_bytes(unknown[0]["evidence_key"])
    assert stranger.content.startswith(b"\xff\xd8\xff")
    missing = api.client.get(f"/api/recordings/{recording_id}/unknown/{len(unknown)}", headers=api.auth("leader"))
    assert missing.status_code == 404 and missing.json()["error"]["message_en"]
    assert checks["duration"]["ok"] is False, "a 16-second clip is far from ten minutes"
    assert detail["status"] == "rejected"
    assert detail["analysis"]["sampled_frames"] >= 8 and detail["analysis"]["frames_with_faces"] >= 1


def test_padded_session_fails_on_effective_duration(api):
    clip = analysis_media.padded_clip("black")
    (member,) = _teacher_ids(api, "T002")
    body = {
        "kind": "group_session",
        "filename": "padded.mp4",
        "size": clip.stat().st_size,
        "content_type": "video/mp4",
        "participant_ids": [member],
    }
    recording_id = upload_whole(api, "leader", clip, body)["recording_id"]
    api.drain()
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    assert detail["checks"]["duration"]["ok"] is True, "the file itself lasts 11 minutes"
    effective = detail["checks"]["effective_duration"]
    assert effective["ok"] is False and effective["code"] == "analysis.effective_too_short"
    assert detail["analysis"]["effective_duration_s"] < 600
    assert any(p["kind"] == "black" for p in detail["analysis"]["padding"])


def test_a_photo_added_after_the_analysis_identifies_the_session_from_its_stored_faces(api):
    """Issue 16: the session is identified again from the faces the analysis kept; the video is not read."""
    newcomer, absent = _teacher_ids(api, "T002", "T003")
    with api.transaction() as s:
        bf.consent(s, newcomer)  # consented, no photo yet: "no reference", not "no consent"
    _enrol(api, absent, PHOTOS / "biden" / "biden.jpg")
    api.drain()
    recording_id = _upload_meeting(api, [newcomer, absent])
    api.drain()
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    states = {p["teacher_id"]: p["state"] for p in detail["analysis"]["participants"]}
    assert states == {newcomer: "no_reference", absent: "not_seen"}
    unknown_before = len(detail["analysis"]["unknown"])
    assert unknown_before >= 1, "Obama is on camera but nobody's photo yet"
    with api.transaction() as s:
        original = s.get(Recording, recording_id).original_key
    api.store.delete(original)  # identification must not need the video again

    _enrol(api, newcomer, PHOTOS / "obama" / "obama.jpg")
    outcomes = [o.value for o in api.drain()]  # enrol, then the identify stage it queued
    assert outcomes == ["done", "done"], outcomes
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    people = {p["teacher_id"]: p for p in detail["analysis"]["participants"]}
    assert people[newcomer]["state"] == "seen" and people[newcomer]["first_seen_s"] < 3
    assert (
        people[newcomer]["evidence_key"]
        and api.store.read_bytes(people[newcomer]["evidence_key"])[:3] == b"\xff\xd8\xff"
    )
    assert people[absent]["state"] == "not_seen"
    assert len(detail["analysis"]["unknown"]) == unknown_before - 1
    assert {s["stage"]: s["state"] for s in detail["stages"]}["identify"] == "done"
    assert detail["checks"]["participants"]["missing"] == [absent]
