"""GET /api/auth/session: who is signed in, answered 200 even for nobody (no console error on a cold load)."""

from __future__ import annotations


def test_nobody_signed_in_is_an_answer_not_an_error(api):
    out = api.client.get("/api/auth/session")
    assert out.status_code == 200 and out.json() == {"user": None}


def test_a_cookie_session_names_the_user_until_signed_out(api):
    login = api.client.post("/api/auth/login", json={"username": "teacher", "password": "kejian123"})
    assert login.status_code == 200
    cookie = login.cookies.get("kejian_session")
    alive = api.client.get("/api/auth/session")
    assert alive.status_code == 200 and alive.json()["user"]["role"] == "teacher"
    assert alive.json()["user"]["username"] == "teacher"
    csrf = {"X-CSRF-Token": api.client.cookies.get("kejian_csrf")}  # what the UI echoes from its cookie
    assert api.client.post("/api/auth/logout", headers=csrf).status_code == 204
    api.client.cookies.set("kejian_session", cookie)
    dead = api.client.get("/api/auth/session")
    assert dead.status_code == 200 and dead.json() == {"user": None}, "a signed-out session names nobody"


def test_a_bearer_token_and_a_made_up_one(api):
    token = api.client.post("/api/auth/login", json={"username": "leader", "password": "kejian123"}).json()["token"]
    api.client.cookies.clear()
    mine = api.client.get("/api/auth/session", headers={"Authorization": f"Bearer {token}"})
    assert mine.json()["user"]["role"] == "group_leader"
    forged = api.client.get("/api/auth/session", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 200 and forged.json() == {"user": None}


def test_the_me_route_keeps_its_401_for_nobody(api):
    assert api.client.get("/api/auth/me").status_code == 401
