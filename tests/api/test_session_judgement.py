"""A group leader's judgement over a session's checks, and honest counting (issue 16), on SQLite and PostgreSQL.

Sessions are written as rows: their stored faces (``RecordingFace``) and the participants' reference
encodings are small vectors, so identification runs for real (the identify stage through the
harness's task queue) without a video. The chinese group's leader is ``leader`` (T001); its
members are T001–T005, ``teacher`` is T002.
"""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from db.base import utcnow
from db.models import AuditEntry, GroupSubmission, ProcessingJob, Recording, TeacherReference, User
from domain.group_workflow import GroupState
from pipeline.reidentify import after_reference_change
from tests import biometric_factories as bf
from tests import factories
from tests.api.review.admin.progress import demo_ids, submit
from tests.session_factories import processed_session, vector


def _near(vector: list[float], by: float = 0.2) -> list[float]:
    """A vector ``by`` away from ``vector``: the same person seen on camera."""
    rng = np.random.default_rng(99)
    step = rng.normal(size=128)
    return list(np.asarray(vector) + by * step / np.linalg.norm(step))


def _photo(s, teacher_id: int, encoding: list[float]) -> str:
    bf.consent(s, teacher_id)
    reference = TeacherReference(
        id=f"ref-{teacher_id}-{len(encoding)}-{encoding[0]:.6f}"[:36],
        teacher_id=teacher_id,
        photo_key=f"references/{teacher_id}/x.jpg",
        content_type="image/jpeg",
        state="ok",
        encoding=encoding,
        enrolled_at=utcnow(),
    )
    s.add(reference)
    s.flush()
    return reference.id


def _get(h, recording_id, user="leader") -> dict:
    response = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth(user))
    assert response.status_code == 200, response.text
    return response.json()


def _sessions_counted(h, ids) -> int:
    quota = h.client.get(f"/api/groups/{ids.chinese_group_id}/quota", headers=h.auth("leader")).json()
    return quota["accepted_sessions"]


def _submitted_group(h, ids) -> None:
    with h.transaction() as s:
        leader = s.scalar(select(User).where(User.username == "leader"))
        s.add(
            GroupSubmission(
                group_id=ids.chinese_group_id, state="submitted", submitted_at=utcnow(), submitted_by=leader.id
            )
        )


def _group_state(h, ids) -> dict:
    response = h.client.get(f"/api/groups/{ids.chinese_group_id}/submission", headers=h.auth("leader"))
    assert response.status_code == 200, response.text
    return response.json()


def _audit(h, recording_id: str) -> list[AuditEntry]:
    with h.transaction() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == recording_id).order_by(AuditEntry.id))
        return [(row.action, row.actor_id, row.reason) for row in rows]


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"], error
    return error


# Presence and counting -------------------------------------------------------------------------


def test_presence_is_seen_not_seen_or_no_photo_and_a_failed_session_does_not_count(api):
    ids = demo_ids(api)
    obama, rose = vector(1), vector(2)
    with api.transaction() as s:
        _photo(s, ids.teachers["T002"], obama)
        _photo(s, ids.teachers["T003"], rose)
    recording_id = processed_session(api, ids, ["T002", "T003", "T004"], [(_near(obama), 8), (vector(3), 5)])
    body = _get(api, recording_id)
    states = {p["teacher_id"]: p["state"] for p in body["analysis"]["participants"]}
    assert states == {
        ids.teachers["T002"]: "seen",
        ids.teachers["T003"]: "not_seen",
        ids.teachers["T004"]: "no_reference",
    }
    check = body["checks"]["participants"]
    assert check["ok"] is False and check["missing"] == [ids.teachers["T003"]]
    assert check["no_reference"] == [ids.teachers["T004"]]
    assert "没有登记参考照片" in check["message_zh"] and "no reference photo" in check["message_en"]
    assert [u["n"] for u in body["analysis"]["unknown"]] == [1]
    assert body["standing"]["state"] == "checks_failed" and body["standing"]["counts"] is False
    assert "组长" in body["standing"]["message_zh"] and "accept" in body["standing"]["message_en"]
    assert _sessions_counted(api, ids) == 0


def test_a_session_counts_only_once_every_stage_is_done(api):
    ids = demo_ids(api)
    obama = vector(1)
    with api.transaction() as s:
        _photo(s, ids.teachers["T002"], obama)
    processing = processed_session(api, ids, ["T002"], [(_near(obama), 8)], jobs=("probe",))
    body = _get(api, processing)
    assert body["standing"]["state"] == "processing" and body["standing"]["counts"] is False
    assert _sessions_counted(api, ids) == 0, "a session still being analysed counts for nothing"
    refused = api.client.post(
        f"/api/recordings/{processing}/acceptance", json={"reason": "照片缺失，已人工核对"}, headers=api.auth("leader")
    )
    _error(refused, 409, "session.still_processing")
    passed = processed_session(api, ids, ["T002"], [(_near(obama), 8)])
    assert _get(api, passed)["standing"]["state"] == "counts"
    assert _sessions_counted(api, ids) == 1


# Acceptance -----------------------------------------------------------------------------------


def test_the_leader_accepts_a_failed_session_with_a_reason_and_it_counts(api):
    ids = demo_ids(api)
    recording_id = processed_session(api, ids, ["T002"], [])  # nobody recognisable: checks fail
    url = f"/api/recordings/{recording_id}/acceptance"
    _error(api.client.post(url, json={"reason": " "}, headers=api.auth("leader")), 422, "session.reason_required")
    _error(api.client.post(url, json={}, headers=api.auth("leader")), 422, "session.reason_required")
    _error(
        api.client.post(url, json={"reason": "李老师戴口罩，已当面核实"}, headers=api.auth("teacher")),
        403,
        "session.not_the_leader",
    )
    assert _sessions_counted(api, ids) == 0
    accepted = api.client.post(url, json={"reason": "李老师戴口罩，已当面核实"}, headers=api.auth("leader"))
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["standing"]["state"] == "counts_accepted" and body["standing"]["counts"] is True
    assert body["acceptance"]["reason"] == "李老师戴口罩，已当面核实" and body["acceptance"]["by_name"]
    assert _sessions_counted(api, ids) == 1
    again = api.client.post(url, json={"reason": "再次认定一下"}, headers=api.auth("leader"))
    assert "20" in _error(again, 409, "session.already_accepted")["message_zh"]  # a Beijing date
    (action, actor_id, reason) = _audit(api, recording_id)[-1]
    assert action == "accept" and actor_id is not None and "participants" in reason and "口罩" in reason
    flagged = api.client.get("/api/recordings?accepted_despite_checks=true", headers=api.auth("schooladmin")).json()
    assert [r["id"] for r in flagged] == [recording_id]


def test_acceptance_is_refused_where_there_is_nothing_to_judge(api):
    ids = demo_ids(api)
    obama = vector(1)
    with api.transaction() as s:
        _photo(s, ids.teachers["T002"], obama)
        lesson = factories.make_recording(s, teacher=s.get(factories.Teacher, ids.teachers["T002"])).id
    passed = processed_session(api, ids, ["T002"], [(_near(obama), 8)])
    failed_stage = processed_session(api, ids, ["T002"], [], jobs=("probe", "transcode"))
    with api.transaction() as s:
        job = s.scalar(
            select(ProcessingJob).where(ProcessingJob.recording_id == failed_stage, ProcessingJob.stage == "analyze")
        )
        job.state = "failed"
        math = s.get(factories.ResearchGroup, ids.math_group_id)
        math_leader = factories.make_user(s, "group_leader", school=math.school, group=math).username
    reason = {"reason": "已人工核对全部参与教师"}

    def accept(recording_id, user="leader"):
        return api.client.post(f"/api/recordings/{recording_id}/acceptance", json=reason, headers=api.auth(user))

    _error(accept(passed), 409, "session.checks_passed")
    _error(accept(failed_stage), 409, "session.stage_failed")
    _error(accept(lesson), 409, "session.not_a_session")
    assert accept(passed, user=math_leader).status_code == 404, "another group's session is out of sight"
    _error(
        api.client.post(f"/api/recordings/{passed}/acceptance/withdraw", json={}, headers=api.auth("leader")),
        409,
        "session.not_accepted",
    )


def test_withdrawing_an_acceptance_reopens_a_submitted_group_with_the_reason(api):
    ids = demo_ids(api)
    recording_id = processed_session(api, ids, ["T002"], [])
    url = f"/api/recordings/{recording_id}/acceptance"
    assert api.client.post(url, json={"reason": "已当面核实出席"}, headers=api.auth("leader")).status_code == 200
    _submitted_group(api, ids)
    withdrawn = api.client.post(f"{url}/withdraw", json={"reason": "核实有误"}, headers=api.auth("leader"))
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["standing"]["state"] == "checks_failed" and withdrawn.json()["acceptance"] is None
    group = _group_state(api, ids)
    assert group["state"] == GroupState.REOPENED.value
    assert "教研活动.mp4" in group["reopen_reason"] and "核实有误" in group["reopen_reason"]
    admin_view = api.client.get(f"/api/groups/{ids.chinese_group_id}/submission", headers=api.auth("schooladmin"))
    assert admin_view.json()["reopen_reason"] == group["reopen_reason"]
    assert [a for a, *_ in _audit(api, recording_id)][-2:] == ["accept", "withdraw_acceptance"]


# Photos change, the session is identified again -------------------------------------------------


def test_a_photo_added_later_identifies_the_session_again_from_its_stored_faces(api):
    ids = demo_ids(api)
    obama, biden = vector(1), vector(4)
    with api.transaction() as s:
        _photo(s, ids.teachers["T002"], obama)
    recording_id = processed_session(api, ids, ["T002", "T003"], [(_near(obama), 8), (_near(biden), 6)])
    assert {p["state"] for p in _get(api, recording_id)["analysis"]["participants"]} == {"seen", "no_reference"}
    with api.runtime.transaction() as s:
        recording = s.get(Recording, recording_id)
        api.store.delete(recording.original_key)  # no video to decode: only the stored faces are used
        _photo(s, ids.teachers["T003"], biden)
        assert after_reference_change(s, ids.teachers["T003"]) == [recording_id]
    assert _get(api, recording_id)["standing"]["state"] == "processing", "not counted while identifying"
    api.drain()
    body = _get(api, recording_id)
    t003 = next(p for p in body["analysis"]["participants"] if p["teacher_id"] == ids.teachers["T003"])
    assert t003["state"] == "seen" and t003["evidence_key"] and t003["seen_fraction"] == 0.6
    assert body["analysis"]["unknown"] == [] and body["standing"]["state"] == "counts"
    assert [s["stage"] for s in body["stages"]][-1] == "identify"
    assert (
        api.client.get(
            f"/api/recordings/{recording_id}/evidence/{ids.teachers['T003']}",
            headers=api.auth("leader"),
            follow_redirects=False,
        ).status_code
        == 200  # the crop itself, to a signed-in user: never a link (issue 19)
    )


def test_removing_a_photo_of_a_submitted_groups_session_reopens_the_group(api):
    ids = demo_ids(api)
    obama = vector(1)
    with api.transaction() as s:
        reference_id = _photo(s, ids.teachers["T002"], obama)
    recording_id = processed_session(api, ids, ["T002"], [(_near(obama), 8)])
    assert _sessions_counted(api, ids) == 1
    _submitted_group(api, ids)
    removed = api.client.delete(
        f"/api/teachers/{ids.teachers['T002']}/references/{reference_id}", headers=api.auth("leader")
    )
    assert removed.status_code == 204, removed.text
    api.drain()
    body = _get(api, recording_id)
    assert body["analysis"]["participants"][0]["state"] == "no_reference"
    group = _group_state(api, ids)
    assert group["state"] == "reopened" and "不再计入" in group["reopen_reason"]


# Assigning an unknown person ---------------------------------------------------------------------


def test_the_leader_assigns_an_unknown_person_to_a_participant_and_it_is_used_from_then_on(api):
    ids = demo_ids(api)
    obama, stranger = vector(1), vector(5)
    with api.transaction() as s:
        _photo(s, ids.teachers["T002"], obama)
    recording_id = processed_session(api, ids, ["T002", "T003"], [(_near(obama), 8), (stranger, 4)])
    base = f"/api/recordings/{recording_id}/faces"
    assert [u["n"] for u in _get(api, recording_id)["analysis"]["unknown"]] == [1]
    t003, t004 = ids.teachers["T003"], ids.teachers["T004"]
    _error(
        api.client.post(f"{base}/0/assign", json={"teacher_id": t003}, headers=api.auth("leader")),
        409,
        "session.face_not_unknown",
    )
    _error(
        api.client.post(f"{base}/1/assign", json={"teacher_id": t004}, headers=api.auth("leader")),
        422,
        "session.not_a_participant",
    )
    assert api.client.post(f"{base}/7/assign", json={"teacher_id": t003}, headers=api.auth("leader")).status_code == 404
    _error(
        api.client.post(f"{base}/1/assign", json={"teacher_id": t003}, headers=api.auth("teacher")),
        403,
        "session.not_the_leader",
    )
    assigned = api.client.post(f"{base}/1/assign", json={"teacher_id": t003}, headers=api.auth("leader"))
    assert assigned.status_code == 201, assigned.text
    reference = assigned.json()
    twice = api.client.post(f"{base}/1/assign", json={"teacher_id": t003}, headers=api.auth("leader"))
    _error(twice, 409, "session.face_not_unknown")  # a double click makes no second reference
    assert (reference["source"], reference["state"], reference["from_recording_id"]) == (
        "session_face",
        "ok",
        recording_id,
    )
    api.drain()
    body = _get(api, recording_id)
    assert {p["teacher_id"]: p["state"] for p in body["analysis"]["participants"]} == {
        ids.teachers["T002"]: "seen",
        t003: "seen",
    }
    assert body["standing"]["state"] == "counts"
    assert _audit(api, recording_id)[-1][0] == "assign_face"
    # From then on: another session where the same person appears finds T003 by itself.
    later = processed_session(api, ids, ["T003"], [(_near(stranger, 0.1), 5)])
    assert _get(api, later)["analysis"]["participants"][0]["state"] == "seen"
    photos = api.client.get(f"/api/teachers/{t003}/references", headers=api.auth("leader")).json()
    assert [p["source"] for p in photos] == ["session_face"]


# Re-run and delete ------------------------------------------------------------------------------


def test_rerun_and_delete_until_the_group_submits(api):
    ids = demo_ids(api)
    recording_id = processed_session(api, ids, ["T002"], [])
    assert (
        api.client.post(
            f"/api/recordings/{recording_id}/acceptance", json={"reason": "已人工核对出席"}, headers=api.auth("leader")
        ).status_code
        == 200
    )
    rerun = api.client.post(f"/api/recordings/{recording_id}/analysis/rerun", headers=api.auth("leader"))
    assert rerun.status_code == 202, rerun.text
    body = rerun.json()
    assert body["acceptance"] is None, "a re-run's facts need a fresh judgement"
    assert next(s for s in body["stages"] if s["stage"] == "analyze")["state"] == "queued"
    _error(
        api.client.post(f"/api/recordings/{recording_id}/analysis/rerun", headers=api.auth("leader")),
        409,
        "session.analysis_not_finished",
    )
    api.tasks.sent.clear()  # the video is a placeholder: the re-run itself is not what is tested here
    other = processed_session(api, ids, ["T002"], [(vector(7), 3)])  # a stranger: one face crop stored
    _submitted_group(api, ids)
    _error(api.client.delete(f"/api/recordings/{other}", headers=api.auth("leader")), 409, "session.group_submitted")
    _error(
        api.client.post(f"/api/recordings/{other}/analysis/rerun", headers=api.auth("leader")),
        409,
        "session.group_submitted",
    )
    with api.transaction() as s:
        s.get(GroupSubmission, ids.chinese_group_id).state = "reopened"
    _error(api.client.delete(f"/api/recordings/{other}", headers=api.auth("teacher")), 403, "session.not_the_leader")
    crops = api.store.list_keys(f"derived/{other}/")
    assert crops
    assert api.client.delete(f"/api/recordings/{other}", headers=api.auth("leader")).status_code == 204
    assert api.client.get(f"/api/recordings/{other}", headers=api.auth("leader")).status_code == 404
    assert api.store.list_keys(f"derived/{other}/") == []
    assert _audit(api, other)[-1][0] == "delete"


# The province, and the quota's unit ---------------------------------------------------------------


def test_the_province_filters_for_sessions_accepted_despite_their_checks(api):
    ids = demo_ids(api)
    accepted = processed_session(api, ids, ["T002"], [])
    assert (
        api.client.post(
            f"/api/recordings/{accepted}/acceptance", json={"reason": "已人工核对出席"}, headers=api.auth("leader")
        ).status_code
        == 200
    )
    submit(api, ids.teachers["T003"], "A1", "forwarded")
    listing = api.client.get("/api/recordings?kind=group_session", headers=api.auth("reviewer")).json()
    assert [r["id"] for r in listing] == [accepted]
    flagged = api.client.get("/api/recordings?accepted_despite_checks=true", headers=api.auth("reviewer")).json()
    assert [r["acceptance"]["reason"] for r in flagged] == ["已人工核对出席"]
    assert (
        api.client.get(
            "/api/recordings?accepted_despite_checks=false&kind=group_session", headers=api.auth("reviewer")
        ).json()
        == []
    )


@pytest.mark.parametrize(("unit", "expected"), [("videos", 3), ("teachers", 2)])
def test_the_group_quota_counts_excellent_videos_or_teachers(tmp_path, database_url, unit, expected):
    from api.demo import seed
    from storage import build_store
    from tests.harness import Harness, make_settings

    settings = make_settings(tmp_path, database_url).model_copy(update={"review_group_quota_unit": unit})
    h = Harness(settings, build_store(settings))
    with h.transaction() as s:
        seed(s)
    ids = demo_ids(h)
    for staff, code in [("T002", "A1"), ("T002", "A2"), ("T003", "A1")]:
        submit(h, ids.teachers[staff], code, "scored_excellent")
    quota = h.client.get(f"/api/groups/{ids.chinese_group_id}/quota", headers=h.auth("leader")).json()
    assert (quota["excellent_count"], quota["excellent_unit"]) == (expected, unit)
