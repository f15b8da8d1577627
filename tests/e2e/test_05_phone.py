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


def _top_bar_is_one_line(page: Page) -> None:
    """The top bar keeps brand, name and buttons on one row and nothing in it sticks out."""
    rows = page.evaluate(
        """() => {
            const bar = document.querySelector('.topbar');
            const items = [...bar.querySelectorAll('.brand, .account > *')].filter((e) => e.offsetParent !== null);
            const mids = items.map((e) => Math.round(e.getBoundingClientRect().top + e.offsetHeight / 2));
            const outside = items.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).length;
            return { spread: Math.max(...mids) - Math.min(...mids), outside, wider: bar.scrollWidth - bar.clientWidth };
        }"""
    )
    assert rows["spread"] <= 4 and rows["outside"] == 0 and rows["wider"] == 0, rows


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
    _top_bar_is_one_line(page)
    page.get_by_test_id("lang-switch").click()  # English words are longer: still one line
    expect(page.get_by_test_id("logout")).to_have_text("Sign out")
    shots.take(page, "teacher-english")
    _top_bar_is_one_line(page)
    _fits_the_width(page)
