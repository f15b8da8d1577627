"""Notifications inside the app, through the UI only (issue 18):

李娜 hands in her A1 work; the leader's top bar shows the bell with 1 (also on a phone, still one
row), the bell opens 通知 where her submission is listed unread, and a click marks it read and
opens the review page, the badge gone. The leader grades it 优秀; 李娜's bell shows 1 and
全部标为已读 clears it. Reading the API only looks ids up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import api_json, grade_excellent, hand_in_a1, login
from tests.e2e.stack import LiveStack, own_stack
from tests.e2e.test_05_phone import PHONE, _fits_the_width, _top_bar_is_one_line
from tests.e2e.test_06_documents import minimal_pdf

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "notifications-"
POINTS = ("A1", "A2", "A5")
PLAN = "学情分析方案.pdf"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "notifications") as stack:
        yield stack


def _newest_id(page) -> int:
    return api_json(page, "/api/notifications?limit=1")["items"][0]["id"]


def test_the_bell_counts_opens_the_list_and_marks_read(open_page, shots, lesson_clip, tmp_path) -> None:
    plan = tmp_path / PLAN
    plan.write_bytes(minimal_pdf("Learner analysis plan"))
    teacher = open_page()
    login(teacher, "teacher")
    expect(teacher.get_by_test_id("notifications-bell")).to_be_visible()
    expect(teacher.get_by_test_id("notifications-count")).to_be_hidden()
    work = hand_in_a1(teacher, lesson_clip, plan, points=POINTS, submit_text="提交给教研组长")

    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    login(phone, "leader")
    expect(phone.get_by_test_id("notifications-count")).to_have_text("1")
    _top_bar_is_one_line(phone)
    _fits_the_width(phone)
    shots.take(phone, "phone-bell")

    leader = open_page()
    login(leader, "leader")
    bell = leader.get_by_test_id("notifications-bell")
    expect(leader.get_by_test_id("notifications-count")).to_have_text("1")
    expect(bell).to_have_attribute("aria-label", "通知，1 条未读")
    bell.click()
    expect(leader).to_have_url(re.compile(r"/notifications$"))
    item = leader.get_by_test_id(f"notification-{_newest_id(leader)}")
    expect(item).to_contain_text("李娜")
    expect(item).to_contain_text("北京时间")
    expect(item).to_have_attribute("data-read", "false")
    shots.take(leader, "list")
    item.click()
    expect(leader).to_have_url(re.compile(rf"/review/{work['id']}$"))
    expect(leader.get_by_test_id("notifications-count")).to_be_hidden()
    expect(leader.get_by_test_id("notifications-bell")).to_have_attribute("aria-label", "通知，没有未读")
    grade_excellent(leader, "设计完整。")

    teacher.goto("/")
    expect(teacher.get_by_test_id("notifications-count")).to_have_text("1")
    teacher.get_by_test_id("notifications-bell").click()
    graded = teacher.get_by_test_id(f"notification-{_newest_id(teacher)}")
    expect(graded).to_contain_text("评为优秀")
    expect(graded).to_contain_text("设计完整。")
    teacher.get_by_test_id("notifications-read-all").click()
    expect(graded).to_have_attribute("data-read", "true")
    expect(teacher.get_by_test_id("notifications-count")).to_be_hidden()
    expect(teacher.get_by_test_id("notifications-read-all")).to_be_disabled()
    shots.take(teacher, "all-read")
