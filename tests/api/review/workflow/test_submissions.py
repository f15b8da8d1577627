"""Submissions: a recording plus documents for a chosen point, then submitted for review."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import ProcessingJob, Recording
from tests import factories
from tests import review_factories as rf
from tests.api.keyset_walk import assert_bad_cursors, page, row_ids, walk


def create(h, username, **body):
    return h.client.post("/api/submissions", json=body, headers=h.auth(username))


@pytest.mark.parametrize(
    "arrange, body, status, code",
    [
        ("nothing", {}, 409, "submission.selection_not_confirmed"),
        ("draft_selection", {}, 409, "submission.selection_not_confirmed"),
        ("confirmed", {"capability_code": "A5"}, 409, "submission.point_not_selected"),
        ("confirmed", {"recording": "colleague"}, 400, "submission.recording_mismatch"),
        ("confirmed", {"recording": "other_code"}, 400, "submission.recording_mismatch"),
        ("confirmed", {"recording": "session"}, 400, "submission.recording_mismatch"),
        ("confirmed", {"recording": "missing"}, 400, "submission.recording_mismatch"),
        ("confirmed", {}, 201, None),
        ("confirmed", {"recording": None}, 201, None),
    ],
)
def test_create_needs_a_confirmed_point_and_the_teachers_own_lesson(api, arrange, body, status, code):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        if arrange != "nothing":
            rf.select_points(s, teacher_id, status="draft" if arrange == "draft_selection" else "confirmed")
        recordings = {
            "own": rf.lesson(s, teacher_id, "A1").id,
            "colleague": rf.lesson(s, d.teachers["T003"], "A1").id,
            "other_code": rf.lesson(s, teacher_id, "A2").id,
            "session": rf.accepted_session(s, d.chinese_group_id).id,
            "missing": "00000000-0000-0000-0000-000000000000",
            None: None,
        }
    request = {"teacher_id": teacher_id, "capability_code": "A1", "recording_id": recordings["own"]}
    request.update({k: v for k, v in body.items() if k != "recording"})
    if "recording" in body:
        request["recording_id"] = recordings[body["recording"]]
    response = create(api, "teacher", **request)
    assert response.status_code == status, response.text
    if code:
        assert response.json()["error"]["code"] == code
        return
    out = response.json()
    assert out["state"] == "draft" and out["recording_id"] == request["recording_id"]
    assert out["allowed_actions"] == ["submit"] and out["documents"] == []
    assert rf.audit_trail(api, "submission", out["id"]) == [("create", None, "draft", d.users["teacher"], None)]
    again = create(api, "teacher", **request)
    assert again.status_code == 409 and again.json()["error"]["submission_id"] == out["id"]


@pytest.mark.parametrize(
    "username, staff, status",
    [("leader", "T003", 201), ("schooladmin", "T006", 201), ("leader", "T006", 404), ("reviewer", "T003", 404)],
)
def test_who_may_create_for_whom(api, username, staff, status):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.select_points(s, d.teachers[staff])
    response = create(api, username, teacher_id=d.teachers[staff], capability_code="A1")
    assert response.status_code == status, response.text


def test_submit_needs_a_usable_recording(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        draft = rf.submission(s, teacher_id, with_recording=False)
        rejected = rf.lesson(s, teacher_id, checks={"duration": {"ok": False, "code": "duration.too_short"}})
        good = rf.lesson(s, teacher_id)
    url = f"/api/submissions/{draft.id}"
    missing = api.client.post(f"{url}/submit", headers=api.auth("teacher"))
    assert missing.status_code == 409 and missing.json()["error"]["code"] == "requirements.video_missing"
    for recording_id, expected in ((rejected.id, "requirements.video_unusable"), (good.id, None)):
        attach = api.client.put(f"{url}/recording", json={"recording_id": recording_id}, headers=api.auth("teacher"))
        assert attach.status_code == 200 and attach.json()["recording_id"] == recording_id
        response = api.client.post(f"{url}/submit", headers=api.auth("teacher"))
        if expected:
            assert response.status_code == 409 and response.json()["error"]["code"] == expected
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    late = api.client.put(f"{url}/recording", json={"recording_id": rejected.id}, headers=api.auth("teacher"))
    assert late.status_code == 409 and late.json()["error"]["code"] == "submission.not_editable"
    assert [a for a, *_ in rf.audit_trail(api, "submission", draft.id)] == ["submit"]


def test_submit_waits_until_the_recording_is_processed(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        draft = rf.submission(s, teacher_id)
        recording = s.get(Recording, draft.recording_id)
        recording.jobs.append(ProcessingJob(stage="transcode", state="running", percent=40.0))
    url = f"/api/submissions/{draft.id}/submit"

    early = api.client.post(url, headers=api.auth("teacher"))
    assert early.status_code == 409 and early.json()["error"]["code"] == "requirements.video_processing"
    assert early.json()["error"]["message_zh"] and early.json()["error"]["message_en"]
    with api.transaction() as s:
        s.scalar(select(ProcessingJob).where(ProcessingJob.stage == "transcode")).state = "done"
    assert api.client.post(url, headers=api.auth("teacher")).json()["state"] == "submitted"


def test_listing_shows_each_role_its_own_and_the_next_steps(api):
    d = rf.demo(api)
    with api.transaction() as s:
        own = rf.submission(s, d.teachers["T002"], state="submitted").id
        colleague = rf.submission(s, d.teachers["T003"], state="scored_excellent").id
        math = rf.submission(s, d.teachers["T006"], state="forwarded").id
        other_school = factories.make_school(s)
        stranger = factories.make_teacher(s, other_school, factories.make_group(s, other_school))
        far = rf.submission(s, stranger.id, state="forwarded").id
    expected = {
        "teacher": {own},
        "leader": {own, colleague},
        "schooladmin": {own, colleague, math},
        "reviewer": {math, far},
        "admin": {own, colleague, math, far},
    }
    for username, ids in expected.items():
        listed = api.client.get("/api/submissions", headers=api.auth(username)).json()
        assert {x["id"] for x in listed} == ids, username
        for submission_id in (own, colleague, math, far):
            status = api.client.get(f"/api/submissions/{submission_id}", headers=api.auth(username)).status_code
            assert status == (200 if submission_id in ids else 404), (username, submission_id)
    leader_view = api.client.get(f"/api/submissions/{own}", headers=api.auth("leader")).json()
    assert set(leader_view["allowed_actions"]) == {"score_excellent", "score_pass", "score_fail", "return"}
    admin_view = api.client.get(f"/api/submissions/{colleague}", headers=api.auth("schooladmin")).json()
    assert set(admin_view["allowed_actions"]) == {"forward", "return"}
    filtered = api.client.get("/api/submissions?state=forwarded", headers=api.auth("schooladmin")).json()
    assert [x["id"] for x in filtered] == [math]


def test_listing_pages_by_cursor_newest_first_and_new_work_does_not_shift_it(api):
    d = rf.demo(api)
    with api.transaction() as s:
        for t in sorted(d.teachers.values()):
            rf.submission(s, t, state="submitted")
            rf.submission(s, t, code="A2", state="scored_excellent")
    for username, filters in [("schooladmin", {}), ("leader", {}), ("schooladmin", {"state": "submitted"})]:
        everything = row_ids([page(api, username, "/api/submissions", limit=200, **filters).json()])
        assert everything == sorted(everything, reverse=True) and len(everything) >= 5
        for limit in (1, 4):
            assert row_ids(walk(api, username, "/api/submissions", limit=limit, **filters)) == everything, username
    first = page(api, "schooladmin", "/api/submissions", limit=4, group_id=d.chinese_group_id)
    cursor = first.headers["X-Next-After"]
    later = row_ids(walk(api, "schooladmin", "/api/submissions", limit=4, group_id=d.chinese_group_id, after=cursor))
    with api.transaction() as s:  # created while the admin reads page 1: it goes to the head
        newest = rf.submission(s, d.teachers["T002"], code="B4", state="submitted").id
    again = row_ids(walk(api, "schooladmin", "/api/submissions", limit=4, group_id=d.chinese_group_id, after=cursor))
    assert again == later and newest not in again
    assert row_ids([page(api, "schooladmin", "/api/submissions", limit=1).json()]) == [newest]
    assert_bad_cursors(api, "schooladmin", "/api/submissions", cursor, limit=4)


def test_the_teacher_sees_the_verdict_on_their_work(api):
    d = rf.demo(api)
    with api.transaction() as s:
        row = rf.submission(s, d.teachers["T002"], state="scored_fail")
        row.comment, row.score = "缺少学情分析报告", 40.0
    seen = api.client.get(f"/api/submissions/{row.id}", headers=api.auth("teacher")).json()
    assert seen["comment"] == "缺少学情分析报告" and seen["score"] == 40.0 and seen["teacher_name"] == "李娜"
    assert seen["allowed_actions"] == ["resubmit"]
