"""Chinese first, English on request, remembered across reloads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import login, teacher_page_ready

pytestmark = pytest.mark.e2e
SHOT_PREFIX = "lang-"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _has_chinese(page: Page, testid: str) -> bool:
    return bool(CJK.search(page.get_by_test_id(testid).inner_text()))


def test_english_switch_changes_the_language_and_survives_a_reload(open_page, shots):
    page = open_page()
    page.goto("/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-CN")
    assert _has_chinese(page, "login-submit")

    page.get_by_test_id("lang-switch").click()
    expect(html).to_have_attribute("lang", re.compile(r"^en"))
    expect(page.get_by_test_id("login-submit")).not_to_have_text(CJK)
    shots.take(page, "login-en")

    page.reload()
    expect(html).to_have_attribute("lang", re.compile(r"^en"))
    expect(page.get_by_test_id("login-submit")).not_to_have_text(CJK)
    login(page, "teacher")
    expect(page.get_by_test_id("page-title")).not_to_have_text(CJK)
    teacher_page_ready(page)
    # Point names follow the language too (ours, since the catalogue names points in Chinese).
    expect(
        page.get_by_text("A1 Technology-supported learner analysis")
        .or_(page.get_by_text("Technology-supported learner analysis"))
        .first
    ).to_be_visible()
    shots.take(page, "teacher-en")

    page.get_by_test_id("lang-switch").click()
    expect(html).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_test_id("page-title")).to_have_text(CJK)
    page.reload()
    expect(html).to_have_attribute("lang", "zh-CN")
    teacher_page_ready(page)
    expect(page.get_by_text("技术支持的学情分析").first).to_be_visible()
    shots.take(page, "teacher-zh")


def test_lang_query_parameter_opens_the_app_in_english(open_page):
    page = open_page()
    page.goto("/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^en"))
    expect(page.get_by_test_id("login-submit")).not_to_have_text(CJK)
