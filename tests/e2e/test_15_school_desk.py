"""The school admin's desk, through the UI only (issue 18):

the group leader hands in their own A1 work from 我的能力点 — the button says 提交给学校管理员 —
and it does not sit in their own 待评审 queue. The school admin finds it in the 待办 card, opens
it from there and grades it 优秀; it moves to the to-forward list. Forwarding first shows what the
province will receive (the teacher, the point, the recording, the document) and runs only on
确认推送; a notice names the work and its new state, and the history lists the forward.

The stack is this module's own: one 优秀 meets the group's quota and no session recording is
required (KEJIAN_REVIEW_GROUP_EXCELLENT_PERCENT, KEJIAN_REVIEW_GROUP_SESSIONS_REQUIRED), so the
forward is allowed without a whole group's work. Reading the API only looks ids up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import api_json, grade_excellent, hand_in_a1, login
from tests.e2e.stack import LiveStack, own_stack
from tests.e2e.test_06_documents import minimal_pdf

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "school-desk-"
SETTINGS = {"KEJIAN_REVIEW_GROUP_EXCELLENT_PERCENT": "1", "KEJIAN_REVIEW_GROUP_SESSIONS_REQUIRED": "0"}
POINTS = ("A1", "A2", "A5")
PLAN = "学情分析方案.pdf"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "school-desk", extra_env=SETTINGS) as stack:
        yield stack


def test_school_admin_grades_a_leaders_work_from_the_desk_and_forwards_with_confirmation(
    open_page, shots, lesson_clip, tmp_path
) -> None:
    plan = tmp_path / PLAN
    plan.write_bytes(minimal_pdf("Learner analysis plan"))
    leader = open_page()
    login(leader, "leader")
    work = hand_in_a1(leader, lesson_clip, plan, points=POINTS, submit_text="提交给学校管理员")
    assert work["grader_role"] == "school_admin"
    shots.take(leader, "leader-handed-in")
    leader.goto("/")
    expect(leader.get_by_test_id("quota-bar")).to_be_visible()
    expect(leader.get_by_test_id(f"queue-item-{work['id']}")).to_have_count(0)

    admin = open_page()
    login(admin, "schooladmin")
    desk = admin.get_by_test_id("school-desk")
    expect(desk.get_by_test_id("desk-leaders-work")).to_contain_text("（1）")
    shots.take(admin, "desk")
    desk.get_by_test_id(f"desk-grade-{work['id']}").click()
    grade_excellent(admin, "组长示范课，设计完整。")
    admin.goto("/")
    desk = admin.get_by_test_id("school-desk")
    expect(desk.get_by_test_id("desk-leaders-work")).to_contain_text("（0）")
    expect(desk.get_by_test_id(f"desk-forward-{work['id']}")).to_be_visible()

    admin.get_by_test_id(f"forward-{work['id']}").click()
    package = admin.get_by_test_id(f"forward-package-{work['id']}")
    expect(package).to_contain_text("王芳")
    expect(package).to_contain_text("课堂实录视频")
    expect(package).to_contain_text(PLAN)
    assert api_json(admin, f"/api/submissions/{work['id']}")["state"] == "scored_excellent", "nothing before 确认"
    shots.take(admin, "forward-confirm")
    admin.get_by_test_id(f"forward-confirm-{work['id']}").click()
    notice = admin.get_by_test_id("move-notice")
    expect(notice).to_contain_text("已推送")
    expect(notice).to_contain_text("王芳")
    expect(notice).to_contain_text("学校已推送")
    history = admin.get_by_test_id("school-history")
    expect(history.locator(f"tr[data-action=forward][data-submission='{work['id']}']")).to_be_visible()
    expect(admin.get_by_test_id(f"desk-forward-{work['id']}")).to_have_count(0)
    admin.get_by_test_id("history-action").select_option("return")
    expect(history.locator("tbody tr")).to_have_count(0)
    shots.take(admin, "forwarded")
    assert api_json(admin, f"/api/submissions/{work['id']}")["state"] == "forwarded"
