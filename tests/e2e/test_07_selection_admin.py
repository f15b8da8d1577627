"""The school admin's 教师选点 panel, against the live stack:

after the deadline the school admin chooses three points for 刘洋 (T004, who chose nothing) and
confirms them; then changes one point of that confirmed selection, is refused without a reason
(in Chinese), and succeeds with one; 刘洋, signing in, sees the confirmed selection.

No other browser test touches T004. The selection window is moved into the past for this test
only (through the school-setup route) and put back afterwards, so the tests after it still
find it open.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import api_json, login, me, roster_csv, write_headers

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "selection-admin-"
STAFF_ID = "T004"  # 刘洋, born 1995: under 40, so hybrid (B) points
FIRST = ("B1", "B2", "B4")
DROPPED, ADDED = "B4", "B9"
CHANGED = ("B1", "B2", "B9")  # still three dimensions: 学情分析, 教学设计, 学业评价
REASON = "教师调岗，改为学业评价方向"
NEW_PASSWORD = "Liuyang-2024-new"


def _roster_row() -> bytes:
    """刘洋 exactly as the demo has him: the import only adds his account (one-time password)."""
    return roster_csv(("刘洋", STAFF_ID, 1995)).encode()


def _account_for_t004(admin: Page) -> tuple[str, str]:
    response = admin.request.post(
        "/api/admin/roster/import?format=csv",
        data=_roster_row(),
        headers={"Content-Type": "text/csv", **write_headers(admin)},
    )
    assert response.status == 201, response.text()
    (account,) = response.json()["new_accounts"]
    return account["username"], account["initial_password"]


def _set_window(admin: Page, school_id: int, setup: dict, opens_on: str, closes_on: str) -> None:
    body = {"environments": setup["environments"], "offered_codes": setup["offered_codes"]}
    response = admin.request.put(
        f"/api/schools/{school_id}/setup",
        data={**body, "opens_on": opens_on, "closes_on": closes_on},
        headers=write_headers(admin),
    )
    assert response.ok, response.text()


def _choose(editor, codes) -> None:
    for code in codes:
        editor.get_by_test_id(f"point-option-{code}").click()


def _admin_chooses_and_confirms(admin: Page, shots, teacher_id: int) -> None:
    panel = admin.get_by_test_id("selection-admin")
    row = panel.get_by_test_id(f"selection-row-{teacher_id}")
    expect(panel.get_by_test_id("selection-window")).to_contain_text("截止")
    expect(row).to_contain_text("未选")
    expect(row).to_have_class("unconfirmed")
    panel.scroll_into_view_if_needed()
    shots.take(admin, "panel")
    row.get_by_test_id(f"selection-edit-{teacher_id}").click()
    rules = panel.get_by_test_id("selection-rules")
    expect(rules).to_contain_text("教师的年龄段")
    _choose(panel, FIRST)
    expect(rules).to_contain_text("已选 3 / 3")
    expect(rules).to_contain_text("选择符合要求")
    shots.take(admin, "chosen")
    panel.get_by_test_id("selection-save").click()
    expect(rules).to_contain_text("请代教师确认")
    expect(panel.get_by_test_id("selection-final-note")).to_contain_text("确认后该教师不可自行修改")
    panel.get_by_test_id("selection-confirm").click()
    expect(row).to_contain_text("已确认")
    expect(row).to_contain_text("、".join(FIRST))
    expect(row).not_to_have_class("unconfirmed")
    shots.take(admin, "confirmed")


def _admin_changes_with_a_reason(admin: Page, shots, teacher_id: int) -> None:
    panel = admin.get_by_test_id("selection-admin")
    row = panel.get_by_test_id(f"selection-row-{teacher_id}")
    row.get_by_test_id(f"selection-edit-{teacher_id}").click()
    reason = panel.get_by_test_id("selection-reason")
    expect(reason).to_be_visible()
    expect(panel.get_by_test_id("selection-confirm")).to_be_hidden()
    panel.get_by_test_id(f"point-option-{DROPPED}").click()
    panel.get_by_test_id(f"point-option-{ADDED}").click()
    expect(panel.get_by_test_id("selection-rules")).to_contain_text("填写原因后保存变更")
    expect(panel.get_by_test_id("selection-final-note")).to_have_count(0)  # the change is confirmed as saved
    expect(panel.get_by_test_id("selection-drop-warning")).to_be_hidden()  # 刘洋 has no work for B4
    panel.get_by_test_id("selection-save").click()
    refusal = panel.get_by_role("alert")
    # The API's selection.approval_reason_missing, in Chinese, once.
    expect(refusal).to_have_text("批准改选须填写理由。")
    expect(row).to_contain_text("、".join(FIRST))
    shots.take(admin, "refused-without-reason")
    reason.fill(REASON)
    panel.get_by_test_id("selection-save").click()
    expect(row).to_contain_text("、".join(CHANGED))
    expect(row).to_contain_text("已确认")
    expect(panel).to_contain_text("已确认 刘洋 的选点")
    shots.take(admin, "changed")
    stored = api_json(admin, f"/api/teachers/{teacher_id}/selection")
    assert (stored["status"], stored["codes"]) == ("confirmed", list(CHANGED))
    entries = api_json(admin, f"/api/admin/audit?entity_type=selection&entity_id={teacher_id}")
    assert [(e["action"], e["reason"]) for e in entries][:3] == [
        ("change", REASON),
        ("confirm", None),
        ("select", None),
    ]


def _teacher_sees_it(teacher: Page, shots, username: str, password: str) -> None:
    login(teacher, username, password=password)
    changed = teacher.request.post(
        "/api/auth/password",
        data={"current_password": password, "new_password": NEW_PASSWORD},
        headers=write_headers(teacher),
    )
    assert changed.status == 204, changed.text()
    teacher.goto("/")
    chips = teacher.locator(".selection.confirmed .chip")
    expect(chips).to_have_count(3)
    for code in CHANGED:
        expect(teacher.locator(".selection.confirmed")).to_contain_text(code)
    for code in CHANGED:
        expect(teacher.get_by_test_id(f"submission-{code}")).to_be_visible()
    shots.take(teacher, "teacher")


def test_the_school_admin_chooses_and_changes_a_teachers_points(open_page, shots):
    admin = open_page()
    login(admin, "schooladmin")
    school_id = me(admin)["school_id"]
    teachers = api_json(admin, f"/api/schools/{school_id}/selections")["teachers"]
    teacher_id = next(t["teacher_id"] for t in teachers if t["staff_id"] == STAFF_ID)
    username, password = _account_for_t004(admin)
    setup = api_json(admin, f"/api/schools/{school_id}/setup")
    today = date.fromisoformat(api_json(admin, f"/api/schools/{school_id}/selections")["today"])
    _set_window(admin, school_id, setup, str(today - timedelta(days=8)), str(today - timedelta(days=1)))
    try:
        admin.reload()
        expect(admin.get_by_test_id("selection-admin")).to_be_visible()
        _admin_chooses_and_confirms(admin, shots, teacher_id)
        _admin_changes_with_a_reason(admin, shots, teacher_id)
    finally:
        _set_window(admin, school_id, setup, setup["opens_on"], setup["closes_on"])
    _teacher_sees_it(open_page(), shots, username, password)
