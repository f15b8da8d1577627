"""A multimedia-only school sets up the programme and its teachers of every age choose (issue 17), through the UI:

the school admin imports two teachers from a roster file — one 35, one 55 at the programme year's
start — then, in 学校研修设置, first tries a smart-only offer (refused, naming the 40–49岁 teachers and
why), then declares only 多媒体教学环境 with four A points and saves: setup completes, with a note
that teachers under 40 are recommended hybrid and smart points the school cannot offer (seed 004:
“40岁以下主要在混合学习环境和智慧学习环境中选择”). Each new teacher signs in with the one-time
password, sets their own, and chooses three multimedia points; the 35-year-old is shown the
recommendation, not refused.

The stack is this module's own, so the multimedia-only setup cannot change what the other browser
tests find. Reading ``/api/rules`` for the reference year only looks it up; every step is done in
the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import api_json, login, roster_csv
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "rural-setup-"
OFFER = ("A1", "A2", "A5", "A11")
CHOICE = ("A1", "A2", "A5")  # 学情分析, 教学设计, 学法指导: three dimensions, all multimedia
NEW_PASSWORD = "Rural-school-2026"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "rural-setup") as stack:
        yield stack


def _roster(reference_year: int) -> dict:
    text = roster_csv(("孙青", "R035", reference_year - 35), ("钱老", "R055", reference_year - 55))
    return {"name": "roster.csv", "mimeType": "text/csv", "buffer": text.encode()}


def _import_teachers(admin: Page, reference_year: int) -> dict[str, tuple[str, str]]:
    admin.get_by_test_id("roster-file").set_input_files(_roster(reference_year))
    admin.get_by_test_id("roster-import").click()
    report = admin.get_by_test_id("roster-report")
    expect(report).to_contain_text("孙青")
    accounts = {}
    for name in ("孙青", "钱老"):
        cells = report.locator("tr", has_text=name).locator("td")
        accounts[name] = (cells.nth(1).inner_text().strip(), cells.nth(2).inner_text().strip())
    return accounts


def _set_up_multimedia_only(admin: Page, shots) -> None:
    setup = admin.get_by_test_id("school-setup")
    setup.scroll_into_view_if_needed()
    # A smart-only offer leaves 40–49 (seed 004 “要在多媒体…和混合…中选择”) with nothing: refused, naming them.
    setup.get_by_test_id("setup-env-multimedia").uncheck()
    setup.get_by_test_id("setup-env-hybrid").uncheck()
    setup.get_by_test_id("setup-env-smart").check()
    expect(setup.get_by_test_id("setup-point-A1")).to_be_disabled()
    for code in ("C1", "C3", "C6", "C7"):
        setup.get_by_test_id(f"setup-point-{code}").check()
    setup.get_by_test_id("setup-save").click()
    refusal = setup.get_by_role("alert")
    expect(refusal).to_contain_text("40–49岁教师")
    expect(refusal).to_contain_text("李娜（T002）")
    expect(refusal).to_contain_text("只有 0 个")
    shots.take(admin, "refused")

    setup.get_by_test_id("setup-env-smart").uncheck()
    expect(refusal).to_be_hidden()  # the refusal goes once what it refused is changed
    setup.get_by_test_id("setup-env-multimedia").check()
    for code in OFFER:
        setup.get_by_test_id(f"setup-point-{code}").check()
    expect(setup.get_by_test_id("setup-offered-count")).to_contain_text("4")
    setup.get_by_test_id("setup-save").click()
    expect(setup.get_by_test_id("setup-message")).to_contain_text("设置已保存")
    expect(setup.get_by_test_id("setup-notices")).to_contain_text("40岁以下教师")
    expect(setup.get_by_test_id("setup-notices")).to_contain_text("仍可从已提供的能力点中选择")
    expect(setup.get_by_test_id("setup-env-hybrid")).not_to_be_checked()
    shots.take(admin, "saved")


def _teacher_chooses(page: Page, shots, username: str, password: str, *, recommended_elsewhere: bool) -> None:
    login(page, username, password=password)
    page.get_by_test_id("password-current").fill(password)
    page.get_by_test_id("password-new").fill(NEW_PASSWORD)
    page.get_by_test_id("password-repeat").fill(NEW_PASSWORD)
    page.get_by_test_id("password-submit").click()
    rules = page.get_by_test_id("selection-rules")
    expect(rules).to_be_visible()
    for code in OFFER:
        expect(page.get_by_test_id(f"point-option-{code}")).to_be_enabled()
    for code in CHOICE:
        page.get_by_test_id(f"point-option-{code}").click()
    expect(rules).to_contain_text("已选 3 / 3")
    expect(rules).to_contain_text("选择符合要求")
    if recommended_elsewhere:
        expect(rules).to_contain_text("建议主要在混合学习环境、智慧学习环境中选择")
        expect(page.get_by_test_id("selection-advice")).to_contain_text("此选择仍然有效")
    else:
        expect(rules).to_contain_text("建议主要在多媒体教学环境中选择")
        expect(page.get_by_test_id("selection-advice")).to_have_count(0)
    shots.take(page, f"chosen-{'junior' if recommended_elsewhere else 'senior'}")
    page.get_by_test_id("selection-save").click()
    expect(rules).to_contain_text("确认后即可上传作品")
    page.get_by_test_id("selection-confirm").click()
    confirmed = page.get_by_test_id("selection-confirmed")
    expect(confirmed).to_be_visible()
    for code in CHOICE:
        expect(page.get_by_test_id(f"confirmed-point-{code}")).to_be_visible()


def test_a_multimedia_only_school_with_teachers_of_every_age_starts(open_page, shots) -> None:
    admin = open_page()
    login(admin, "schooladmin")
    reference_year = int(api_json(admin, "/api/rules")["selection"]["age_reference"][:4])
    accounts = _import_teachers(admin, reference_year)
    _set_up_multimedia_only(admin, shots)

    young_user, young_password = accounts["孙青"]
    _teacher_chooses(open_page(), shots, young_user, young_password, recommended_elsewhere=True)
    old_user, old_password = accounts["钱老"]
    _teacher_chooses(open_page(), shots, old_user, old_password, recommended_elsewhere=False)

    admin.reload()
    panel = admin.get_by_test_id("selection-admin")
    for name in ("孙青", "钱老"):
        expect(panel.locator("tr", has_text=name)).to_contain_text("已确认")
    shots.take(admin, "both-chose")
