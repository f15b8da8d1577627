"""A phone-sized screen (375x812): the login and the teacher's page fit without sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import login, teacher_page_ready

pytestmark = pytest.mark.e2e
SHOT_PREFIX = "phone-"
PHONE = {"width": 375, "height": 812}


def _fits_the_width(page: Page) -> None:
    """Nothing sticks out sideways: a phone user never has to scroll horizontally."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {PHONE['width']}px screen"


def test_phone_sized_login_and_teacher_page(open_page, shots):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto("/")
    expect(page.get_by_test_id("login-submit")).to_be_visible()
    shots.take(page, "login")
    _fits_the_width(page)
    login(page, "teacher")
    teacher_page_ready(page)
    shots.take(page, "teacher")
    _fits_the_width(page)
