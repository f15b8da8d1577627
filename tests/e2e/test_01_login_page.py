"""The login page: served at /, Chinese by default, a wrong password explained, a right one let in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import login, me, teacher_page_ready

pytestmark = pytest.mark.e2e
SHOT_PREFIX = "login-"


def test_login_page_refuses_a_wrong_password_and_lets_the_teacher_in(open_page, shots):
    page = open_page()
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_test_id("login-submit")).to_be_visible()
    # Opening the site signed out asks who is signed in without a failed request (no red 401).
    assert console_errors == [], console_errors
    shots.take(page, "page")

    page.get_by_test_id("login-username").fill("teacher")
    page.get_by_test_id("login-password").fill("not-the-password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    shots.take(page, "wrong-password")

    login(page, "teacher")
    expect(page.get_by_test_id("current-user")).to_contain_text("李娜")
    assert me(page)["username"] == "teacher"
    teacher_page_ready(page)
    shots.take(page, "signed-in")

    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-submit")).to_be_visible()
    assert page.request.get("/api/auth/me").status == 401
