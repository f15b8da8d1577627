"""Auth hardening in headless Chromium (issue 19 item 4): the app works under its own security headers,
and a page of another site can neither sign a visitor in nor show the app in a frame.

Under the Content-Security-Policy (no inline script, blob: only for hls.js) the login page, the
province's ECharts canvas and signing out (a cookie-authenticated write through the CSRF guard)
work with no policy violation in the console. A write without Origin (a script holding the
page's cookie) needs the anti-forgery token the page was given.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import login, wait_until_true, write_headers
from tests.e2e.stack import LiveStack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "auth-hardening-"
EVIL = "http://evil.test"
FORGED_LOGIN = """<!doctype html><html><body>
<form id="forged" method="post" action="{base}/api/auth/login" enctype="text/plain">
<input name='{{"username":"teacher","password":"kejian123","x":"' value='"}}'>
<button id="go" type="submit">go</button></form>
<iframe id="framed" src="{base}/" width="600" height="400"></iframe>
</body></html>"""


def test_the_app_runs_under_its_policy_and_its_writes_pass_the_guard(open_page, shots) -> None:
    page = open_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    first = page.goto("/")
    assert first is not None
    headers = first.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"

    login(page, "reviewer")  # the province's page draws its ECharts bar chart on a canvas
    expect(page.get_by_test_id("progress-chart").locator("canvas")).to_be_visible()
    wait_until_true(page, "document.querySelector('[data-testid=progress-chart] canvas').width > 0")
    shots.take(page, "chart-under-csp")

    refused = page.request.post("/api/auth/logout")  # the page's cookie, no Origin, no token
    assert refused.status == 403 and refused.json()["error"]["code"] == "auth.csrf_missing"
    page.get_by_test_id("logout").click()  # the UI's own write
    expect(page.get_by_test_id("login-submit")).to_be_visible()
    assert page.request.get("/api/auth/me").status == 401, "signed out through the guard"

    login(page, "teacher")
    assert page.request.post("/api/auth/logout", headers=write_headers(page)).status == 204
    assert violations == [], violations


def test_another_site_can_neither_sign_in_nor_frame_the_app(open_page, live_stack: LiveStack, shots) -> None:
    page = open_page()
    html = FORGED_LOGIN.format(base=live_stack.base_url)
    page.route(f"{EVIL}/**", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(f"{EVIL}/", wait_until="load")  # load waits for the frame too
    framed = page.frame_locator("#framed")
    expect(framed.get_by_test_id("login-submit")).to_have_count(0)  # refused: frame-ancestors 'none'
    shots.take(page, "framing-refused")

    with page.expect_response(f"{live_stack.base_url}/api/auth/login") as answer:
        page.click("#go")
    assert answer.value.status == 403
    assert not [c for c in page.context.cookies() if c["name"] == "kejian_session"], "no session was given"
