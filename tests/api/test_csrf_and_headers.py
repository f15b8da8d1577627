"""Forged cross-site writes are refused, scripts with bearer tokens are not; every response has the security headers."""

from __future__ import annotations

import pytest

from api.auth.csrf import csrf_token
from api.demo import DEMO_PASSWORD

SAME_ORIGIN = "http://testserver"  # the test client's Host
EVIL = "https://evil.example"
UPLOAD = {"kind": "lesson", "filename": "a.mp4", "size": 10, "content_type": "video/mp4"}


def _cookie_login(h) -> str:
    """Sign in the way a browser does; the client keeps the session and anti-forgery cookies."""
    response = h.client.post("/api/auth/login", json={"username": "teacher", "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def _refused(response, code: str) -> None:
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]


def test_a_cookie_write_without_origin_or_token_is_refused(api):
    _cookie_login(api)
    _refused(api.client.post("/api/auth/logout"), "auth.csrf_missing")
    _refused(api.client.post("/api/auth/logout", headers={"X-CSRF-Token": "made-up"}), "auth.csrf_missing")
    _refused(api.client.post("/api/uploads", json=UPLOAD), "auth.csrf_missing")
    _refused(api.client.delete("/api/uploads/1"), "auth.csrf_missing")
    assert api.client.get("/api/auth/me").status_code == 200, "reads need no token"


@pytest.mark.parametrize("header", ["Origin", "Referer"])
def test_a_foreign_origin_is_refused_even_with_the_token(api, header):
    _cookie_login(api)
    source = EVIL if header == "Origin" else EVIL + "/page"
    headers = {header: source, "X-CSRF-Token": api.client.cookies.get("kejian_csrf")}
    _refused(api.client.post("/api/auth/logout", headers=headers), "auth.cross_site")
    _refused(api.client.post("/api/auth/logout", headers={"Origin": "null"}), "auth.cross_site")


@pytest.mark.parametrize("headers", [{"Origin": SAME_ORIGIN}, {"Referer": SAME_ORIGIN + "/review/1"}])
def test_our_own_pages_write_by_origin(api, headers):
    _cookie_login(api)
    assert api.client.post("/api/auth/logout", headers=headers).status_code == 204


def test_our_own_pages_write_by_token(api):
    token = _cookie_login(api)
    echoed = api.client.cookies.get("kejian_csrf")
    assert echoed == csrf_token(api.settings.secret_key, token), "the cookie is bound to this session"
    assert api.client.post("/api/auth/logout", headers={"X-CSRF-Token": echoed}).status_code == 204


def test_another_sessions_token_does_not_fit(api):
    other = _cookie_login(api)
    stolen = api.client.cookies.get("kejian_csrf")
    api.client.cookies.clear()
    _cookie_login(api)
    assert stolen == csrf_token(api.settings.secret_key, other)
    _refused(api.client.post("/api/auth/logout", headers={"X-CSRF-Token": stolen}), "auth.csrf_missing")


def test_the_session_probe_hands_out_the_token(api):
    token = _cookie_login(api)
    api.client.cookies.delete("kejian_csrf")  # a session older than the anti-forgery cookie
    out = api.client.get("/api/auth/session")
    assert out.json()["user"]["username"] == "teacher"
    assert out.cookies.get("kejian_csrf") == csrf_token(api.settings.secret_key, token)
    assert "samesite=strict" in out.headers["set-cookie"].lower()


def test_bearer_tokens_are_not_affected(api):
    headers = api.auth("teacher")
    assert api.client.post("/api/uploads", json=UPLOAD, headers=headers).status_code != 403
    assert api.client.post("/api/auth/logout", headers=headers).status_code == 204


def test_a_cross_site_sign_in_is_refused(api):
    body = {"username": "teacher", "password": DEMO_PASSWORD}
    forged = api.client.post("/api/auth/login", json=body, headers={"Origin": EVIL})
    _refused(forged, "auth.cross_site")
    assert "kejian_session" not in forged.cookies
    assert api.client.post("/api/auth/login", json=body, headers={"Origin": SAME_ORIGIN}).status_code == 200
    api.client.cookies.clear()
    assert api.client.post("/api/auth/login", json=body).status_code == 200, "scripts send no Origin"


@pytest.mark.parametrize("path", ["/", "/review/3", "/api/auth/session", "/api/recordings", "/api/nowhere", "/healthz"])
def test_every_response_has_the_security_headers(api, path):
    response = api.client.get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'", "no inline script"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "blob:" in directives["worker-src"] and "blob:" in directives["media-src"], "hls.js"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_refusals_carry_the_headers_too(api):
    _cookie_login(api)
    response = api.client.post("/api/auth/logout")
    assert response.status_code == 403 and response.headers["X-Frame-Options"] == "DENY"


def test_the_policy_admits_the_s3_server_that_serves_media(api_any_store):
    policy = api_any_store.client.get("/").headers["Content-Security-Policy"]
    settings = api_any_store.settings
    if settings.storage_backend == "s3":
        origin = "http://" + (settings.s3_public_endpoint or settings.s3_endpoint)
        for directive in ("media-src", "img-src", "connect-src"):
            assert origin in next(d for d in policy.split(";") if d.strip().startswith(directive))
    else:
        assert "http://" not in policy
