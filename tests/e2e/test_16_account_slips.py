"""Account slips and the school admin's password reset, against the module's own stack:

the school admin imports a roster row for 刘洋 (T004) through the roster card and sees his
printable slip; then resets 李娜's (T002, `teacher`) password from the 教师选点 table, confirms
the question, and gets her slip; printing shows only the slips. 李娜's open session is ended,
her old password fails, and the slip's password, typed in lower case, signs her in to the
forced password change, after which she reaches her page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from api.demo import DEMO_PASSWORD, SCHOOL
from tests.e2e.pages import api_json, login, me, roster_csv
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "account-slips-"
SLIP_PASSWORD = re.compile(r"^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$")
NEW_PASSWORD = "Lina-2026-own-choice"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "account-slips") as stack:
        yield stack


def _roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(roster_csv(("刘洋", "T004", 1995)), encoding="utf-8")
    return path


def _print_calls(page: Page) -> int:
    return page.evaluate("window.__prints")


def _the_import_shows_a_slip(admin: Page, shots, tmp_path: Path) -> None:
    admin.get_by_test_id("roster-file").set_input_files(str(_roster_file(tmp_path)))
    admin.get_by_test_id("roster-import").click()
    slips = admin.get_by_test_id("account-slips")
    slip = slips.get_by_test_id("slip-T004")
    expect(slip).to_contain_text("刘洋")
    expect(slip).to_contain_text(SCHOOL[0])
    expect(slip).to_contain_text("首次登录须修改密码")
    expect(slip.get_by_test_id("slip-password")).to_have_text(SLIP_PASSWORD)
    slip.scroll_into_view_if_needed()
    shots.take(admin, "import")


def _the_admin_resets_lina(admin: Page, shots, teacher_id: int) -> str:
    row = admin.get_by_test_id(f"selection-row-{teacher_id}")
    questions: list[str] = []

    def accept(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    admin.once("dialog", accept)
    row.get_by_test_id(f"reset-password-{teacher_id}").click()
    slip = admin.get_by_test_id("selection-admin").get_by_test_id("slip-teacher")
    expect(slip).to_contain_text("李娜")
    expect(slip).to_contain_text("T002")
    expect(slip).to_contain_text("首次登录须修改密码")
    assert questions and "李娜" in questions[0] and "T002" in questions[0], questions
    password = slip.get_by_test_id("slip-password").inner_text()
    assert SLIP_PASSWORD.match(password), password
    shots.take(admin, "reset")
    admin.get_by_test_id("selection-admin").get_by_test_id("print-slips").click()
    assert _print_calls(admin) == 1
    admin.emulate_media(media="print")
    paper = admin.get_by_test_id("slip-print")
    expect(paper.get_by_test_id("slip-teacher")).to_be_visible()
    expect(paper.get_by_test_id("slip-password")).to_have_text(password)
    expect(paper.get_by_test_id("slip-T004")).to_have_count(0)  # paper gets the set whose button was pressed
    expect(admin.get_by_test_id("selection-admin")).to_be_hidden()  # nothing else is printed
    expect(admin.get_by_test_id("roster-file")).to_be_hidden()
    assert admin.evaluate("document.documentElement.scrollHeight") < 1200, "one page, not the admin page's length"
    shots.take(admin, "printed")
    admin.emulate_media(media="screen")
    return password


def _lina_signs_in_with_the_slip(teacher: Page, shots, password: str) -> None:
    teacher.goto("/")
    teacher.get_by_test_id("login-username").fill("teacher")
    teacher.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    teacher.get_by_test_id("login-submit").click()
    expect(teacher.get_by_test_id("login-error")).to_be_visible()  # the old password is gone
    teacher.get_by_test_id("login-password").fill(password.lower())
    teacher.get_by_test_id("login-submit").click()
    expect(teacher.get_by_test_id("password-current")).to_be_visible()  # must change it first
    teacher.get_by_test_id("password-current").fill(password)
    teacher.get_by_test_id("password-new").fill(NEW_PASSWORD)
    teacher.get_by_test_id("password-repeat").fill(NEW_PASSWORD)
    teacher.get_by_test_id("password-submit").click()
    expect(teacher.get_by_test_id("password-current")).to_be_hidden()
    assert me(teacher)["must_change_password"] is False
    shots.take(teacher, "changed")


def test_slips_after_an_import_and_a_reset(open_page, shots, tmp_path):
    earlier = open_page()
    login(earlier, "teacher")  # 李娜 signed in somewhere before the reset
    admin = open_page()
    admin.add_init_script("window.__prints = 0; window.print = () => { window.__prints += 1 }")
    login(admin, "schooladmin")
    teacher_id = next(t["id"] for t in api_json(admin, "/api/teachers") if t["staff_id"] == "T002")
    _the_import_shows_a_slip(admin, shots, tmp_path)
    password = _the_admin_resets_lina(admin, shots, teacher_id)
    assert earlier.request.get("/api/auth/me").status == 401, "her earlier session was ended"
    entries = api_json(admin, "/api/admin/audit?entity_type=user")
    assert any(e["action"] == "password_reset" for e in entries), entries
    assert all(password not in (e["reason"] or "") for e in entries)
    _lina_signs_in_with_the_slip(open_page(), shots, password)
