"""A large school's hours and results cards, through the UI (issue 21: the province's largest school took
2.1 s and 1.4 s to list whole on every visit): the school admin imports a roster of 60 more teachers;
the hours card lists the first 50, behind first, with 更多 for the rest, under the school's counted
completion as of a Beijing time; the results card shows the counted results as of then and its
teachers 50 at a time. With 55 of the new teachers' works graded 优秀, the desk lists the 50 waiting
longest and 更多 brings the other five.

The stack is this module's own, started with ``KEJIAN_SCHOOL_LIVE_TEACHERS=20`` so the demo
school with its new teachers is "a large school", and the roster import cannot change what the
other browser tests find.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from db.base import utcnow
from db.models import Submission, Teacher
from db.session import session_factory, transaction
from tests.e2e.pages import login, roster_csv
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "school-hours-pages-"
NEW_TEACHERS = 60
DEMO_TEACHERS = 10
EXCELLENT = 55
PAGE = 50  # review_ui/src/hours/school_hours.js, review_ui/src/admin/school_results.js


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    extra = {"KEJIAN_SCHOOL_LIVE_TEACHERS": "20"}
    with own_stack(tmp_path_factory, e2e_artifacts, "school-hours-pages", extra_env=extra) as stack:
        yield stack


def _import_roster(admin: Page) -> None:
    teachers = [(f"新教师{n:02d}", f"P{n:03d}", 1985) for n in range(NEW_TEACHERS)]
    text = roster_csv(*teachers)
    admin.get_by_test_id("roster-file").set_input_files(
        {"name": "roster.csv", "mimeType": "text/csv", "buffer": text.encode()}
    )
    admin.get_by_test_id("roster-import").click()
    expect(admin.get_by_test_id("roster-report")).to_contain_text("新教师59")


def _reload_until_counted(admin: Page, within_s: float = 60) -> None:
    """Reload, as the card says to (完成人数正在统计，稍后刷新即可看到), until the totals are counted:
    the count runs in a process of its own after the answer (``api.hours.recount_aside``)."""
    deadline = time.monotonic() + within_s
    while True:
        admin.reload()
        summary = admin.get_by_test_id("school-hours").get_by_test_id("hours-summary")
        expect(summary).to_contain_text("共 ")  # the card has its answer
        if "正在统计" not in summary.inner_text():
            return
        assert time.monotonic() < deadline, f"still counting after {within_s} s"
        admin.wait_for_timeout(1_000)


def test_a_large_schools_hours_card_pages_with_more_under_counted_totals(open_page, shots):
    admin = open_page()
    login(admin, "schooladmin")
    _import_roster(admin)  # the page reloads its cards: the school, now "large", is counted after that
    _reload_until_counted(admin)

    card = admin.get_by_test_id("school-hours")
    total = NEW_TEACHERS + DEMO_TEACHERS
    expect(card.get_by_test_id("hours-summary")).to_contain_text(f"共 {total} 人，已完成 0 人，未完成 {total} 人")
    expect(card.get_by_test_id("hours-as-of")).to_contain_text("北京时间")
    rows = card.locator("[data-testid^='hours-row-']")
    expect(rows).to_have_count(PAGE)
    expect(card.get_by_test_id("hours-row-P000")).to_be_visible()  # by 工号: P… before T…
    expect(card.get_by_test_id("hours-row-T010")).to_have_count(0)
    expect(card.get_by_test_id("hours-reminders-partial")).to_contain_text(f"已列出的 {PAGE} 位")
    shots.take(admin, "first-page")

    card.get_by_test_id("hours-more").click()
    expect(rows).to_have_count(total)
    expect(card.get_by_test_id("hours-more")).to_be_hidden()
    expect(card.get_by_test_id("hours-row-T010")).to_be_visible()
    expect(card.get_by_test_id("hours-reminders-partial")).to_have_count(0)
    assert len(card.get_by_test_id("hours-reminders").input_value().splitlines()) == total
    shots.take(admin, "all-pages")

    results = admin.get_by_test_id("school-results")
    expect(results.get_by_test_id("result-count-in_progress")).to_have_attribute("data-n", str(total))
    expect(results.get_by_test_id("result-as-of")).to_contain_text("北京时间")
    results.locator("summary").click()
    listed = results.locator("[data-testid^='result-row-']")
    expect(listed).to_have_count(PAGE)
    results.get_by_test_id("result-more").click()
    expect(listed).to_have_count(total)
    expect(results.get_by_test_id("result-more")).to_be_hidden()
    shots.take(admin, "results")


def test_the_desk_lists_the_longest_waiting_fifty_with_more_for_the_rest(open_page, live_stack, shots):
    waiting = _graded_excellent(live_stack, EXCELLENT)  # the new teachers' work, graded by their leader
    admin = open_page()
    login(admin, "schooladmin")
    forward = admin.get_by_test_id("school-desk").get_by_test_id("desk-to-forward")
    expect(forward).to_contain_text(f"（{EXCELLENT}）")
    rows = forward.locator("[data-testid^='desk-forward-']")
    expect(rows).to_have_count(PAGE)
    expect(forward.get_by_test_id(f"desk-forward-{waiting[PAGE - 1]}")).to_be_visible()
    expect(forward.get_by_test_id(f"desk-forward-{waiting[PAGE]}")).to_have_count(0)
    forward.get_by_test_id("desk-to-forward-more").click()
    expect(rows).to_have_count(EXCELLENT)
    expect(forward.get_by_test_id("desk-to-forward-more")).to_be_hidden()
    shots.take(admin, "desk")


def _graded_excellent(stack: LiveStack, count: int) -> list[int]:
    """``count`` 优秀 A1 works of the imported teachers, in the order they wait (each a second after the last)."""
    sessions = session_factory(f"sqlite:///{stack.var_dir / 'kejian.sqlite3'}")
    start = utcnow() - timedelta(days=1)
    with transaction(sessions) as s:
        teachers = s.scalars(select(Teacher).where(Teacher.staff_id.like("P%")).order_by(Teacher.staff_id)).all()
        assert len(teachers) >= count, "the roster import of the test above adds the P… teachers"
        works = []
        for n, teacher in enumerate(teachers[:count]):
            at = start + timedelta(seconds=n)
            works.append(
                Submission(
                    teacher_id=teacher.id,
                    capability_code="A1",
                    state="scored_excellent",
                    item_grades={},
                    created_at=at,
                    updated_at=at,
                )
            )
        s.add_all(works)
        s.flush()
        return [w.id for w in works]
