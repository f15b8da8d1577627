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
from playwright.sync_api import Page, expect

from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import api_json, login
from tests.e2e.stack import LiveStack, own_stack
from tests.e2e.test_06_documents import minimal_pdf

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "school-desk-"
SETTINGS = {"KEJIAN_REVIEW_GROUP_EXCELLENT_PERCENT": "1", "KEJIAN_REVIEW_GROUP_SESSIONS_REQUIRED": "0"}
POINTS = ("A1", "A2", "A5")
STAGES = ("probe", "analyze", "transcode")
PLAN = "学情分析方案.pdf"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "school-desk", extra_env=SETTINGS) as stack:
        yield stack


def _leader_hands_in_own_work(page: Page, clip: Path, plan: Path) -> dict:
    page.goto("/my-points")
    expect(page.get_by_test_id("selection-rules")).to_be_visible()
    for code in POINTS:
        page.get_by_test_id(f"point-option-{code}").click()
    page.get_by_test_id("selection-save").click()
    page.get_by_test_id("selection-confirm").click()
    card = page.get_by_test_id("submission-A1")
    card.get_by_test_id("upload-input").set_input_files(str(clip))
    expect(card.get_by_test_id("upload-progress")).to_have_attribute("data-percent", "100", timeout=60_000)
    for stage in STAGES:
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    card.get_by_test_id("document-input").set_input_files(str(plan))
    card = page.get_by_test_id("submission-A1")
    expect(card.get_by_test_id("requirement-学情分析方案")).to_have_attribute("data-state", "satisfied")
    submit = card.get_by_test_id("submission-submit")
    expect(submit).to_have_text("提交给学校管理员")
    submit.click()
    expect(card.get_by_test_id("submission-submit")).to_have_count(0)
    (work,) = [s for s in api_json(page, "/api/submissions") if s["capability_code"] == "A1"]
    assert work["state"] == "submitted" and work["grader_role"] == "school_admin"
    return work


def _grade_excellent(page: Page) -> None:
    criteria = page.locator("[data-testid^='rubric-criterion-']")
    expect(criteria.first).to_be_visible()
    for n in range(criteria.count()):
        criteria.nth(n).select_option(label="优秀")
    page.get_by_test_id("score-value").fill("95")
    expect(page.get_by_test_id("score-verdict").locator("option:checked")).to_have_text("优秀")
    page.get_by_test_id("score-comment").fill("组长示范课，设计完整。")
    page.get_by_test_id("score-submit").click()
    expect(page.get_by_test_id("score-submit")).to_have_count(0)


def test_school_admin_grades_a_leaders_work_from_the_desk_and_forwards_with_confirmation(
    open_page, shots, lesson_clip, tmp_path
) -> None:
    plan = tmp_path / PLAN
    plan.write_bytes(minimal_pdf("Learner analysis plan"))
    leader = open_page()
    login(leader, "leader")
    work = _leader_hands_in_own_work(leader, lesson_clip, plan)
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
    _grade_excellent(admin)
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
