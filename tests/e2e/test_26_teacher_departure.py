"""A teacher leaves the school (离校), through the school admin's page only, against the module's own stack.

李娜 (T002, `teacher`) is signed in and has given her consent to face identification on her own
page. The school admin presses 登记离校 on her row of 教师参考照片 and a second time to confirm:
the page says her accounts are closed and her face data deleted, her row reads 已离校 with the day
in Beijing time, and the roster's photo count no longer counts her. 李娜's open page is signed out
and her password now meets 此账号已停用 (said only to the right password). The admin then presses
撤销离校 twice (a mistake): she signs in again, and her consent is gone (deleted data stays
deleted), so her page asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from api.demo import DEMO_PASSWORD
from tests.e2e.pages import login, me
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "teacher-departure-"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "teacher-departure") as stack:
        yield stack


def _lina_consents(teacher: Page, teacher_id: int) -> None:
    """李娜 herself reads the notice, ticks 同意 and agrees on her photo card."""
    card = teacher.get_by_test_id("my-photo")
    card.get_by_test_id(f"consent-tick-{teacher_id}").check()
    card.get_by_test_id(f"consent-agree-{teacher_id}").click()
    expect(card.get_by_test_id(f"consent-given-{teacher_id}")).to_be_visible()


def _lina_row(admin: Page):
    photos = admin.get_by_test_id("school-photos")
    expect(photos).to_be_visible()
    row = photos.locator("tr", has_text="李娜（T002）")
    expect(row).to_have_count(1)
    return photos, row


def test_a_teacher_leaves_and_a_mistake_is_undone(open_page, shots):
    teacher = open_page()
    login(teacher, "teacher")
    lina = me(teacher)["teacher_id"]
    _lina_consents(teacher, lina)

    admin = open_page()
    login(admin, "schooladmin")
    photos, row = _lina_row(admin)
    summary = photos.get_by_test_id("school-photo-summary")
    expect(summary).to_contain_text("/ 10")
    button = row.get_by_role("button", name="登记离校")
    button.click()
    expect(row.get_by_role("button", name=re.compile("再点一次"))).to_be_visible()  # armed, nothing done yet
    shots.take(admin, "armed")
    row.get_by_role("button", name=re.compile("再点一次")).click()
    note = photos.get_by_test_id("departure-note")
    expect(note).to_contain_text("已登记 李娜 离校")
    expect(note).to_contain_text("账号已停用")
    _photos, row = _lina_row(admin)
    expect(row).to_contain_text(re.compile(r"已离校（\d{4}-\d{2}-\d{2}）"))
    expect(row.get_by_role("button", name="管理照片")).to_have_count(0)
    expect(summary).to_contain_text("/ 9")
    shots.take(admin, "left")

    assert teacher.request.get("/api/auth/me").status == 401, "her open session was ended"
    again = open_page()
    again.goto("/")
    again.get_by_test_id("login-username").fill("teacher")
    again.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    again.get_by_test_id("login-submit").click()
    expect(again.get_by_test_id("login-error")).to_contain_text("此账号已停用")
    shots.take(again, "refused")

    row.get_by_role("button", name="撤销离校").click()
    row.get_by_role("button", name="再点一次确认撤销").click()
    expect(note).to_contain_text("已撤销 李娜 的离校登记")
    _photos, row = _lina_row(admin)
    expect(row.get_by_role("button", name="登记离校")).to_be_visible()
    expect(summary).to_contain_text("/ 10")
    shots.take(admin, "undone")

    back = open_page()
    login(back, "teacher")
    card = back.get_by_test_id("my-photo")
    expect(card.get_by_test_id(f"consent-tick-{lina}")).to_be_visible()  # asked again
    expect(card.get_by_test_id(f"consent-given-{lina}")).to_have_count(0)
    shots.take(back, "consent-again")
