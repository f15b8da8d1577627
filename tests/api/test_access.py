"""Who may see and do what: roles, ownership, sessions and tokens."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from db.models import Recording, ResearchGroup, School, Teacher, User
from tests import factories
from tests import review_factories as rf
from tests.api.keyset_walk import assert_bad_cursors, check_headers, page, row_ids, walk
from tests.api.uploading import group_session_body, lesson_body


def _demo(h):
    with h.transaction() as s:
        school = s.scalar(select(School))
        groups = list(s.scalars(select(ResearchGroup).order_by(ResearchGroup.id)))
        teachers = {t.staff_id: t for t in s.scalars(select(Teacher))}
        users = {u.username: u for u in s.scalars(select(User))}
    return school, groups, teachers, users


def _world(h):
    """Recordings across the demo school's two groups and a second school."""
    school, groups, teachers, users = _demo(h)
    with h.transaction() as s:
        other_school = factories.make_school(s)
        other_group = factories.make_group(s, other_school)
        other_teacher = factories.make_teacher(s, other_school, other_group)
        other_admin = factories.make_user(s, "school_admin", school=other_school)
        recs = {
            "own_lesson": factories.make_recording(s, teacher=teachers["T002"]).id,  # the demo teacher's
            "colleague_lesson": factories.make_recording(s, teacher=teachers["T003"]).id,  # same group
            "math_lesson": factories.make_recording(s, teacher=teachers["T006"]).id,  # other group
            "chinese_session": factories.make_recording(s, group=groups[0], participants=[teachers["T002"]]).id,
            "math_session": factories.make_recording(s, group=groups[1], participants=[teachers["T006"]]).id,
            "other_school": factories.make_recording(s, teacher=other_teacher).id,
            # The one piece of work that reached the province (a colleague's lesson, forwarded).
            "forwarded_lesson": rf.submission(s, teachers["T004"].id, state="forwarded").recording_id,
        }
    return recs, other_admin.username


_SCHOOL = {"own_lesson", "colleague_lesson", "math_lesson", "chinese_session", "math_session", "forwarded_lesson"}
EXPECTED_VISIBLE = {
    "teacher": {"own_lesson", "chinese_session"},
    "leader": {"own_lesson", "colleague_lesson", "chinese_session", "forwarded_lesson"},
    "schooladmin": _SCHOOL,
    # The province sees the work that reached it, and the sessions of the group that work came from
    # (seed 001: the group's session recording goes up with its 优秀 work), nothing else.
    "reviewer": {"forwarded_lesson", "chinese_session"},
    "admin": _SCHOOL | {"other_school"},
}


def test_each_role_sees_exactly_its_recordings(api):
    recs, other_admin = _world(api)
    for username, expected in {**EXPECTED_VISIBLE, other_admin: {"other_school"}}.items():
        listed = {r["id"] for r in api.client.get("/api/recordings", headers=api.auth(username)).json()}
        assert listed == {recs[name] for name in expected}, username
        for name, recording_id in recs.items():
            status = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth(username)).status_code
            assert status == (200 if name in expected else 404), (username, name)


def test_each_role_pages_its_recordings_by_cursor_even_at_one_instant(api):
    """Paging by cursor (``after``) lists each role's recordings exactly once, newest first and by id
    among equals, whatever the page size; a recording added at the head leaves the later pages alone."""
    recs, other_admin = _world(api)
    with api.transaction() as s:  # every recording at one instant: only the id tells them apart
        for recording in s.scalars(select(Recording)):
            recording.created_at = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
    for username, expected in {**EXPECTED_VISIBLE, other_admin: {"other_school"}}.items():
        for limit in (1, 2, 5):
            listed = row_ids(walk(api, username, "/api/recordings", limit=limit))
            assert listed == sorted(recs[name] for name in expected)[::-1], (username, limit)
    first = page(api, "admin", "/api/recordings", limit=3)
    later = row_ids(walk(api, "admin", "/api/recordings", limit=3, after=first.headers["X-Next-After"]))
    with api.transaction() as s:
        newest = factories.make_recording(s, teacher=s.get(Teacher, _demo(api)[2]["T002"].id)).id
    again = row_ids(walk(api, "admin", "/api/recordings", limit=3, after=first.headers["X-Next-After"]))
    assert again == later and newest not in again
    assert row_ids(walk(api, "admin", "/api/recordings", limit=3))[0] == newest
    assert_bad_cursors(api, "admin", "/api/recordings", first.headers["X-Next-After"], limit=3)


def test_the_deprecated_offset_still_pages_and_says_where_the_cursor_would_go(api):
    _world(api)
    everything = row_ids([page(api, "admin", "/api/recordings", limit=200).json()])
    response = page(api, "admin", "/api/recordings", limit=2, offset=2, kind="lesson")
    lessons = row_ids([page(api, "admin", "/api/recordings", limit=200, kind="lesson").json()])
    assert row_ids([response.json()]) == lessons[2:4]
    after = check_headers(response, "/api/recordings", {"limit": 2, "kind": "lesson"})
    assert row_ids(walk(api, "admin", "/api/recordings", limit=2, kind="lesson", after=after)) == lessons[4:]
    last = page(api, "admin", "/api/recordings", limit=200)
    assert row_ids([last.json()]) == everything and check_headers(last, "/api/recordings", {"limit": 200}) is None


def test_anonymous_and_bad_credentials_are_refused(api):
    assert api.client.get("/api/recordings").status_code == 401
    assert api.client.post("/api/uploads", json={}).status_code == 401
    bad = api.client.post("/api/auth/login", json={"username": "teacher", "password": "wrong"})
    assert bad.status_code == 401
    error = bad.json()["error"]
    assert (
        error["code"] == "auth.bad_credentials" and "密码" in error["message_zh"] and "password" in error["message_en"]
    )
    unknown = api.client.get("/api/recordings", headers={"Authorization": "Bearer not-a-token"})
    assert unknown.status_code == 401 and unknown.json()["error"]["code"] == "auth.required"


def test_cookie_session_and_logout(api):
    login = api.client.post("/api/auth/login", json={"username": "teacher", "password": "kejian123"})
    assert login.status_code == 200
    cookie = login.cookies.get("kejian_session")
    assert cookie and "httponly" in login.headers["set-cookie"].lower()
    me = api.client.get("/api/auth/me")  # the client keeps the cookie, like a browser
    assert me.status_code == 200 and me.json()["role"] == "teacher"
    cross_site = api.client.post("/api/auth/logout", headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403 and cross_site.json()["error"]["code"] == "auth.cross_site"
    csrf = {"X-CSRF-Token": api.client.cookies.get("kejian_csrf")}  # what the UI echoes from its cookie
    assert api.client.post("/api/auth/logout", headers=csrf).status_code == 204
    api.client.cookies.set("kejian_session", cookie)
    assert api.client.get("/api/auth/me").status_code == 401, "a signed-out session stays dead"


def test_upload_permissions_by_role(api, short_clip):
    _, groups, teachers, _ = _demo(api)
    body = group_session_body(api, short_clip)
    assert api.client.post("/api/uploads", json=body, headers=api.auth("teacher")).status_code == 403
    assert api.client.post("/api/uploads", json=body, headers=api.auth("reviewer")).status_code == 403
    other_group = {**body, "group_id": groups[1].id}
    assert api.client.post("/api/uploads", json=other_group, headers=api.auth("leader")).status_code == 403
    assert api.client.post("/api/uploads", json=other_group, headers=api.auth("schooladmin")).status_code == 201

    colleague = lesson_body(short_clip, teacher_id=teachers["T003"].id)
    assert api.client.post("/api/uploads", json=colleague, headers=api.auth("teacher")).status_code == 403
    assert api.client.post("/api/uploads", json=colleague, headers=api.auth("leader")).status_code == 201
    math = lesson_body(short_clip, teacher_id=teachers["T006"].id)
    assert api.client.post("/api/uploads", json=math, headers=api.auth("leader")).status_code == 403
    forbidden = api.client.post("/api/uploads", json=math, headers=api.auth("teacher")).json()["error"]
    assert forbidden["code"] == "auth.forbidden" and forbidden["message_zh"] and forbidden["message_en"]


def test_only_the_uploader_touches_an_upload(api, short_clip):
    created = api.client.post("/api/uploads", json=lesson_body(short_clip), headers=api.auth("teacher")).json()
    upload_url = f"/api/uploads/{created['upload_id']}"
    for username in ("leader", "schooladmin", "reviewer"):
        headers = api.auth(username)
        assert api.client.get(upload_url, headers=headers).status_code == 403
        assert api.client.put(f"{upload_url}/parts/1", content=b"x", headers=headers).status_code == 403
        assert api.client.post(f"{upload_url}/complete", headers=headers).status_code == 403
        assert api.client.delete(upload_url, headers=headers).status_code == 403
    assert api.client.get(upload_url, headers=api.auth("teacher")).json()["state"] == "open"


def test_retry_is_refused_to_reviewers_and_for_healthy_stages(api):
    recs, _ = _world(api)
    url = f"/api/recordings/{recs['own_lesson']}/stages/probe/retry"
    assert api.client.post(url, headers=api.auth("reviewer")).status_code == 404  # never reached the province
    forwarded = f"/api/recordings/{recs['forwarded_lesson']}/stages/probe/retry"
    assert api.client.post(forwarded, headers=api.auth("reviewer")).status_code == 403  # seen, not theirs to act on
    refused = api.client.post(url, headers=api.auth("teacher"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "job.not_retryable"
