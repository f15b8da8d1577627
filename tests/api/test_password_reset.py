"""POST /api/teachers/{id}/password-reset: a school admin gives a teacher a new one-time password."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from api.demo import DEMO_PASSWORD
from db.models import User
from domain.one_time_passwords import ALPHABET
from tests import factories
from tests.review_factories import audit_trail, demo

SLIP = re.compile(rf"^[{ALPHABET}]{{5}}(-[{ALPHABET}]{{5}}){{4}}$")
NEW = "correct-horse-battery"


def _login(h, username: str, password: str):
    response = h.client.post("/api/auth/login", json={"username": username, "password": password})
    h.client.cookies.clear()  # bearer tokens only
    return response


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _reset(h, username: str, teacher_id: int):
    return h.client.post(f"/api/teachers/{teacher_id}/password-reset", headers=h.auth(username))


def test_the_school_admin_resets_a_teachers_password(api):
    ids = demo(api)
    teacher_id = ids.teachers["T002"]  # 李娜, the `teacher` account
    laptop = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    phone = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    leader = _login(api, "leader", DEMO_PASSWORD).json()["token"]

    response = _reset(api, "schooladmin", teacher_id)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    slip = response.json()
    assert SLIP.match(slip["one_time_password"]), slip
    assert {k: slip[k] for k in ("teacher_id", "school_code", "staff_id", "username", "role", "sessions_ended")} == {
        "teacher_id": teacher_id,
        "school_code": "DEMO-001",
        "staff_id": "T002",
        "username": "teacher",
        "role": "teacher",
        "sessions_ended": 2,
    }
    assert slip["name"] and slip["school_name"]

    for token in (laptop, phone):
        assert api.client.get("/api/auth/me", headers=_bearer(token)).status_code == 401, "every session ended"
    assert api.client.get("/api/auth/me", headers=_bearer(leader)).status_code == 200, "nobody else's"
    assert _login(api, "teacher", DEMO_PASSWORD).status_code == 401, "the old password no longer works"
    signed_in = _login(api, "teacher", slip["one_time_password"])
    assert signed_in.status_code == 200 and signed_in.json()["user"]["must_change_password"] is True
    token = signed_in.json()["token"]
    blocked = api.client.get("/api/submissions", headers=_bearer(token))
    assert blocked.status_code == 403 and blocked.json()["error"]["code"] == "auth.password_change_required"
    body = {"current_password": slip["one_time_password"], "new_password": NEW}
    assert api.client.post("/api/auth/password", json=body, headers=_bearer(token)).status_code == 204
    assert _login(api, "teacher", NEW).status_code == 200

    [(action, _, _, actor_id, reason)] = audit_trail(api, "user", ids.users["teacher"])
    assert (action, actor_id) == ("password_reset", ids.users["schooladmin"])
    assert json.loads(reason) == {"teacher_id": teacher_id, "username": "teacher", "sessions_ended": 2}
    assert slip["one_time_password"] not in reason, "the audit log never holds the password"


def test_each_reset_gives_a_new_password_and_ends_the_last_ones(api):
    ids = demo(api)
    first = _reset(api, "admin", ids.teachers["T001"]).json()  # the admin may reset any school's teacher
    second = _reset(api, "admin", ids.teachers["T001"]).json()
    assert first["username"] == "leader" and first["role"] == "group_leader"
    assert first["one_time_password"] != second["one_time_password"]
    assert _login(api, "leader", first["one_time_password"]).status_code == 401
    assert _login(api, "leader", second["one_time_password"]).status_code == 200


def test_a_slip_typed_in_lower_case_or_without_hyphens_signs_in(api):
    ids = demo(api)
    password = _reset(api, "schooladmin", ids.teachers["T002"]).json()["one_time_password"]
    assert _login(api, "teacher", password.lower()).status_code == 200
    assert _login(api, "teacher", password.replace("-", " ")).status_code == 200
    assert _login(api, "teacher", password.replace("-", "")[:-1]).status_code == 401
    token = _login(api, "teacher", password).json()["token"]
    same = {"current_password": password.lower(), "new_password": password}
    refused = api.client.post("/api/auth/password", json=same, headers=_bearer(token))
    assert [v["code"] for v in refused.json()["error"]["violations"]] == ["password.unchanged"]
    body = {"current_password": password.replace("-", "").lower(), "new_password": NEW}
    assert api.client.post("/api/auth/password", json=body, headers=_bearer(token)).status_code == 204
    assert _login(api, "teacher", password.lower()).status_code == 401, "only until it is changed"


@pytest.mark.parametrize("username", ["teacher", "leader", "reviewer"])
def test_other_roles_are_refused_whatever_the_id(api, username):
    ids = demo(api)
    for teacher_id in (ids.teachers["T003"], 999_999):
        response = _reset(api, username, teacher_id)
        assert response.status_code == 403, response.text
        error = response.json()["error"]
        assert error["message_zh"] and error["message_en"]
    assert _login(api, "teacher", DEMO_PASSWORD).status_code == 200, "nothing changed"


def test_another_schools_admin_sees_no_such_teacher(api):
    ids = demo(api)
    with api.transaction() as s:
        other = factories.make_school(s)
        stranger = factories.make_user(s, "school_admin", school=other).username
    for teacher_id in (ids.teachers["T002"], 999_999):
        response = _reset(api, stranger, teacher_id)
        assert response.status_code == 404, response.text
        assert response.json()["error"]["message_zh"] and response.json()["error"]["message_en"]
    assert _login(api, "teacher", DEMO_PASSWORD).status_code == 200, "nothing changed"
    assert audit_trail(api, "user", ids.users["teacher"]) == []


def test_a_teacher_without_an_account_or_with_a_staff_account(api):
    ids = demo(api)
    response = _reset(api, "schooladmin", ids.teachers["T003"])  # no account in the demo
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "account.reset_no_account"
    with api.transaction() as s:
        teacher = s.get(factories.Teacher, ids.teachers["T004"])
        factories.make_user(s, "school_admin", teacher=teacher, username="staff-admin")
    response = _reset(api, "schooladmin", ids.teachers["T004"])
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "account.reset_not_teacher" and "school_admin" in error["message_en"]
    with api.transaction() as s:
        assert s.scalar(select(User.must_change_password).where(User.username == "staff-admin")) is False
