"""Rules come from the server: on a stack started with four points and two dimensions
(KEJIAN_REVIEW_POINTS_PER_TEACHER=4, KEJIAN_REVIEW_MIN_DIMENSIONS=2), the teacher's chooser says
so, enables Confirm at the fourth point and confirms four points, all through the UI.

The chosen points cover only two dimensions, which the default rules (three) would refuse. This
module starts a stack of its own (overriding ``live_stack`` for its tests only), so every other
browser test keeps the default rules; it is stopped when the module ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import api_json, login, me, teacher_page_ready
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "custom-rules-"
CUSTOM_RULES = {"KEJIAN_REVIEW_POINTS_PER_TEACHER": "4", "KEJIAN_REVIEW_MIN_DIMENSIONS": "2"}
# 李娜 (born 1980): the 40–49 band chooses multimedia (A) and hybrid (B) points. Two dimensions
# only: 学情分析 (A1, B1) and 教学设计 (A2, B2).
POINTS = ("A1", "B1", "A2", "B2")


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    """This module's own stack with CUSTOM_RULES; its logs go to logs/custom-rules/."""
    with own_stack(tmp_path_factory, e2e_artifacts, "custom-rules", extra_env=CUSTOM_RULES) as stack:
        yield stack


def test_teacher_confirms_as_many_points_as_the_server_asks(open_page, shots) -> None:
    page = open_page()
    login(page, "teacher")
    served = api_json(page, "/api/rules")["selection"]
    assert (served["points_per_teacher"], served["min_dimensions"]) == (4, 2), "the stack ignored CUSTOM_RULES"
    teacher_page_ready(page)
    lead = page.get_by_test_id("selection-lead")
    expect(lead).to_contain_text("请选择 4 个微能力点")
    expect(lead).to_contain_text("中的 2 个维度")
    rules = page.get_by_test_id("selection-rules")
    expect(rules).to_contain_text("已选 0 / 4 个")
    expect(rules).to_contain_text("（至少 2 个）")
    expect(rules).to_contain_text("还需选择 4 个。")
    shots.take(page, "teacher-selection")

    for n, code in enumerate(POINTS, 1):
        page.get_by_test_id(f"point-option-{code}").click()
        expect(page.get_by_test_id(f"point-option-{code}")).to_have_attribute("aria-pressed", "true")
        expect(rules).to_contain_text(f"已选 {n} / 4 个")
        if n < len(POINTS):
            expect(rules).to_contain_text(f"还需选择 {len(POINTS) - n} 个。")
            expect(page.get_by_test_id("selection-confirm")).to_be_disabled()
    expect(rules).to_contain_text("已覆盖 2 个维度（至少 2 个）")
    expect(rules).to_contain_text("选择符合要求，请保存。")  # the server's preview finds nothing wrong
    shots.take(page, "teacher-four-points-chosen")

    page.get_by_test_id("selection-save").click()
    confirm = page.get_by_test_id("selection-confirm")
    expect(confirm).to_be_enabled()
    shots.take(page, "teacher-saved")
    confirm.click()

    expect(page.get_by_test_id("selection-confirmed")).to_be_visible()
    for code in POINTS:
        expect(page.get_by_test_id(f"confirmed-point-{code}")).to_be_visible()
        expect(page.get_by_test_id(f"submission-{code}")).to_be_visible()
    _assert_confirmed(page)
    shots.take(page, "teacher-confirmed")


def _assert_confirmed(page: Page) -> None:
    selection = api_json(page, f"/api/teachers/{me(page)['teacher_id']}/selection")
    assert selection["status"] == "confirmed" and sorted(selection["codes"]) == sorted(POINTS)
