"""The province's insights in headless Chromium, through the UI only (issue 18 item 4):

the provincial reviewer's page shows every school's 优秀率 as an Apache ECharts bar chart drawn on
a canvas (not a blank one: the demo school's bar and the dashed 30% line are painted), the share
of schools handed over as the headline, and the calibration table, which switches between 按学校
and 按教研组. The chart follows the window's width and the language.

The stack is this module's own, so the demo school is the only one and has not handed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import login, wait_until_true
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "province-insights-"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Painted pixels (not the white background) and those of the required line's colour (#b3261e).
PAINTED = """() => {
  const canvas = document.querySelector('[data-testid=progress-chart] canvas')
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
  let painted = 0, line = 0
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++
    if (pixels[i] === 0xb3 && pixels[i + 1] === 0x26 && pixels[i + 2] === 0x1e) line++
  }
  return { painted, line, width: canvas.width }
}"""


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "province-insights") as stack:
        yield stack


def _chart_drawn(page: Page) -> dict:
    chart = page.get_by_test_id("progress-chart")
    expect(chart.locator("canvas")).to_be_visible()
    wait_until_true(page, f"({PAINTED})().line > 0")
    return page.evaluate(PAINTED)


def test_the_reviewer_sees_the_progress_chart_and_the_calibration_table(open_page, shots) -> None:
    page = open_page()
    page.set_viewport_size({"width": 1200, "height": 900})
    login(page, "reviewer")
    expect(page.get_by_test_id("progress-handed-share")).to_have_text("已提交省级的学校：0 / 1（0%）")
    chart = page.get_by_test_id("progress-chart")
    expect(chart).to_have_attribute("aria-label", re.compile("0 / 1 所学校已提交省级，要求线 30%"))
    wide = _chart_drawn(page)
    assert wide["painted"] > 1000, wide
    shots.take(page, "wide")

    table = page.get_by_test_id("calibration-table")
    expect(table).to_have_attribute("data-by", "school")
    expect(table.locator("th")).to_have_count(10)
    expect(page.get_by_test_id("calibration-empty")).to_be_visible()  # nothing sampled yet
    page.get_by_test_id("calibration-by-group").click()
    expect(table).to_have_attribute("data-by", "group")
    expect(table.locator("th").nth(1)).to_have_text("教研组")
    expect(page.get_by_test_id("calibration-by-group")).to_have_attribute("aria-pressed", "true")
    page.get_by_test_id("calibration-by-school").click()
    expect(table).to_have_attribute("data-by", "school")

    # The chart follows the window: a phone's width redraws it narrower.
    page.set_viewport_size({"width": 375, "height": 800})
    wait_until_true(page, f"({PAINTED})().width < {wide['width']}")
    assert _chart_drawn(page)["painted"] > 500
    shots.take(page, "phone")


def test_the_insights_speak_english_on_request(open_page) -> None:
    page = open_page()
    login(page, "reviewer")
    page.get_by_test_id("lang-switch").click()
    expect(page.get_by_test_id("progress-handed-share")).to_have_text("Schools handed over to the province: 0 / 1 (0%)")
    expect(page.get_by_test_id("calibration-by-group")).to_have_text("By group")
    expect(page.get_by_test_id("calibration-table").locator("th").first).not_to_have_text(CJK)
    assert _chart_drawn(page)["painted"] > 1000
