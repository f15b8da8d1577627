"""POST /api/auth/password: bilingual refusals, other sessions signed out, the forced first change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.demo import DEMO_PASSWORD
from db.models import User
from tests.api.review.admin.roster_files import post_roster, xlsx_bytes

NEW = "correct-horse-battery"


def _login(h, username: str, password: str):
    response = h.client.post("/api/auth/login", json={"username": username, "password": password})
    h.client.cookies.clear()  # bearer tokens only, as the harness does
    return response


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _change(h, token: str, current: str, new: str):
    body = {"current_password": current, "new_password": new}
    return h.client.post("/api/auth/password", json=body, headers=_bearer(token))


def test_change_signs_out_every_other_session(api):
    mine = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    elsewhere = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    someone_else = _login(api, "leader", DEMO_PASSWORD).json()["token"]
    response = _change(api, mine, DEMO_PASSWORD, NEW)
    assert response.status_code == 204, response.text
    assert api.client.get("/api/auth/me", headers=_bearer(mine)).status_code == 200, "this session stays"
    assert api.client.get("/api/auth/me", headers=_bearer(elsewhere)).status_code == 401
    assert api.client.get("/api/auth/me", headers=_bearer(someone_else)).status_code == 200
    assert _login(api, "teacher", DEMO_PASSWORD).status_code == 401
    assert _login(api, "teacher", NEW).status_code == 200
    with api.transaction() as s:
        assert s.scalar(select(User.password_hash).where(User.username == "teacher")).startswith(
            "$argon2id$v=19$m=65536"
        )


@pytest.mark.parametrize(
    "current, new, status, code, violations",
    [
        ("wrong-password", NEW, 403, "auth.wrong_current_password", []),
        ("wrong-password", "x", 403, "auth.wrong_current_password", []),  # the current one is checked first
        (DEMO_PASSWORD, "short", 422, "auth.password_invalid", ["password.too_short"]),
        (DEMO_PASSWORD, "1111111111", 422, "auth.password_invalid", ["password.too_weak"]),
        (DEMO_PASSWORD, "TEACHER", 422, "auth.password_invalid", ["password.too_short", "password.too_weak"]),
        (DEMO_PASSWORD, DEMO_PASSWORD, 422, "auth.password_invalid", ["password.too_short", "password.unchanged"]),
    ],
)
def test_refusals_are_bilingual_and_change_nothing(api, current, new, status, code, violations):
    token = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    other = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    response = _change(api, token, current, new)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]
    assert [v["code"] for v in error.get("violations", [])] == violations
    assert all(v["message_zh"] and v["message_en"] for v in error.get("violations", []))
    assert _login(api, "teacher", DEMO_PASSWORD).status_code == 200, "the password is unchanged"
    assert api.client.get("/api/auth/me", headers=_bearer(other)).status_code == 200, "nobody was signed out"


def test_the_minimum_length_is_configurable(api):
    api.app.state.context.settings.password_min_length = 30
    token = _login(api, "teacher", DEMO_PASSWORD).json()["token"]
    response = _change(api, token, DEMO_PASSWORD, NEW)
    assert response.status_code == 422
    [violation] = response.json()["error"]["violations"]
    assert violation["code"] == "password.too_short" and "30" in violation["message_zh"]


def test_signing_in_is_required(api):
    response = api.client.post("/api/auth/password", json={"current_password": "a", "new_password": NEW})
    assert response.status_code == 401 and response.json()["error"]["code"] == "auth.required"


def test_an_imported_account_must_change_its_one_time_password_first(api):
    row = ["甲小学", "AA-01", None, "数学", "甲一", "K100", 1985, None, None, None]
    [account] = post_roster(api, "admin", xlsx_bytes([row])).json()["new_accounts"]
    one_time = account["initial_password"]
    with api.transaction() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "K100"))
        assert stored.startswith("$argon2id$v=19$m=4096,t=1,p=1$"), "the light profile for a random secret"
    token = _login(api, "K100", one_time).json()["token"]
    with api.transaction() as s:
        rehashed = s.scalar(select(User.password_hash).where(User.username == "K100"))
        assert rehashed.startswith("$argon2id$v=19$m=65536"), "signing in brings the hash to full strength"
    me = api.client.get("/api/auth/me", headers=_bearer(token))
    assert me.status_code == 200 and me.json()["must_change_password"] is True
    blocked = api.client.get("/api/submissions", headers=_bearer(token))
    assert blocked.status_code == 403 and blocked.json()["error"]["code"] == "auth.password_change_required"
    refused = _change(api, token, one_time, one_time)
    assert [v["code"] for v in refused.json()["error"]["violations"]] == ["password.unchanged"]
    assert _change(api, token, one_time, NEW).status_code == 204
    assert api.client.get("/api/auth/me", headers=_bearer(token)).json()["must_change_password"] is False
    assert api.client.get("/api/submissions", headers=_bearer(token)).status_code == 200
    assert _login(api, "K100", one_time).status_code == 401 and _login(api, "K100", NEW).status_code == 200
