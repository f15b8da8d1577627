"""The teacher's overall result moving as their leader grades, in the browser (issue 17 item 5):

李娜 has three points (A2 A5 A11) with work handed in → her page says 进行中, naming each point
awaiting its grade → the leader grades two 合格 (still 进行中, one left) and the third 合格 → 合格 →
the leader returns the third, 李娜 resubmits it from her page, the leader grades it 优秀 → 优秀
(the default rule: every point passes and one is 优秀). The leader's member table and the school
admin's counts and 能力点作业通过率 follow.

The starting point (a confirmed selection and three submitted works with probed recordings) is
written into this module's own stack's database before the browser opens, as the API tests'
factories do; every step of the job itself (grading, returning, resubmitting, reading the
result) is done in the browser. Reading ``/api/submissions`` only looks up ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from db.models import PointSelection, Submission, Teacher
from db.session import session_factory, transaction
from tests import factories
from tests.e2e.pages import login, me
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "teacher-result-"
POINTS = ("A2", "A5", "A11")  # 李娜 (born 1980): multimedia, three dimensions, the default evidence


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "teacher-result") as stack:
        yield stack


@pytest.fixture(scope="module")
def work(live_stack: LiveStack) -> dict[str, int]:
    """李娜's confirmed points and a submitted work with a probed recording for each: code → submission id."""
    sessions = session_factory(f"sqlite:///{live_stack.var_dir / 'kejian.sqlite3'}")
    ids = {}
    with transaction(sessions) as s:
        teacher = s.scalar(select(Teacher).where(Teacher.staff_id == "T002"))
        s.add(PointSelection(teacher_id=teacher.id, codes=list(POINTS), status="confirmed"))
        for code in POINTS:
            recording = factories.make_recording(s, teacher=teacher, capability_code=code, duration_s=600.0)
            row = Submission(teacher_id=teacher.id, capability_code=code, state="submitted", item_grades={})
            row.recording_id = recording.id
            s.add(row)
            s.flush()
            ids[code] = row.id
    return ids


def _grade(page: Page, submission_id: int, level: str, score: str) -> None:
    """The leader grades one work at ``level`` on its review page: every step of the grading form is here,
    so a change of the form (criterion-by-criterion levels) is adapted in this one place."""
    page.goto(f"/review/{submission_id}")
    expect(page.get_by_test_id("rubric-form")).to_be_visible()
    page.evaluate(
        """(level) => {
            for (const select of document.querySelectorAll('[data-testid^="rubric-criterion-"]')) {
                if ([...select.options].some((o) => o.value === level)) {
                    select.value = level
                    select.dispatchEvent(new Event('change', { bubbles: true }))
                }
            }
        }""",
        level,
    )
    page.get_by_test_id("score-value").fill(score)
    page.get_by_test_id("score-verdict").select_option(value=level)
    page.get_by_test_id("score-submit").click()
    expect(page.get_by_test_id("submission-state")).to_have_text("评为优秀" if level == "excellent" else "评为合格")


def _return(page: Page, submission_id: int, reason: str) -> None:
    page.goto(f"/review/{submission_id}")
    page.get_by_test_id(f"return-{submission_id}").click()
    page.get_by_test_id(f"return-reason-{submission_id}").fill(reason)
    page.get_by_test_id(f"return-confirm-{submission_id}").click()
    expect(page.get_by_test_id("submission-state")).to_have_text("已退回")


def _teacher_result(page: Page, expected: str, label: str) -> None:
    page.goto("/")
    card = page.get_by_test_id("overall-result")
    expect(card).to_have_attribute("data-result", expected)
    expect(page.get_by_test_id("overall-result-badge")).to_have_text(label)


def test_result_moves_from_in_progress_to_pass_to_excellent(open_page, shots, work) -> None:
    teacher = open_page()
    login(teacher, "teacher")
    _teacher_result(teacher, "in_progress", "进行中")
    missing = teacher.get_by_test_id("overall-result-missing").locator("li")
    expect(missing).to_have_count(3)
    expect(missing.first).to_contain_text("A2：已提交，等待教研组长评定")
    shots.take(teacher, "teacher-in-progress")

    leader = open_page()
    login(leader, "leader")
    _grade(leader, work["A2"], "pass", "75")
    _grade(leader, work["A5"], "pass", "78")
    _teacher_result(teacher, "in_progress", "进行中")
    expect(missing).to_have_count(1)
    expect(missing.first).to_contain_text("A11")
    expect(teacher.get_by_test_id("overall-result-points")).to_contain_text("已合格 2/3 个能力点")

    _grade(leader, work["A11"], "pass", "80")
    _teacher_result(teacher, "pass", "合格")
    expect(teacher.get_by_test_id("overall-result-missing")).to_have_count(0)
    expect(teacher.get_by_test_id("overall-result")).not_to_contain_text("null")
    shots.take(teacher, "teacher-pass")
    leader.goto("/")
    teacher_id = me(teacher)["teacher_id"]
    expect(leader.get_by_test_id(f"result-{teacher_id}")).to_have_attribute("data-result", "pass")
    expect(leader.get_by_test_id("group-pass-rate")).to_contain_text("100.0%（3/3")
    shots.take(leader, "leader-members")

    _return(leader, work["A11"], "请补充课堂中学生使用平板的片段，可评优秀")
    _teacher_result(teacher, "in_progress", "进行中")
    expect(missing.first).to_contain_text("A11：作品已退回")
    teacher.get_by_test_id("submission-A11").get_by_test_id("submission-submit").click()
    expect(teacher.get_by_test_id("submission-A11").get_by_test_id("submission-submit")).to_have_count(0)

    _grade(leader, work["A11"], "excellent", "95")
    _teacher_result(teacher, "excellent", "优秀")
    expect(teacher.get_by_test_id("overall-result-points")).to_contain_text("其中优秀 1 个")
    shots.take(teacher, "teacher-excellent")

    admin = open_page()
    login(admin, "schooladmin")
    results = admin.get_by_test_id("school-results")
    expect(results.get_by_test_id("result-count-excellent")).to_have_attribute("data-n", "1")
    expect(results.get_by_test_id("result-count-in_progress")).to_have_attribute("data-n", "9")
    expect(admin.get_by_test_id("school-pass-rate")).to_contain_text("100.0%")
    expect(results).not_to_contain_text("null")
    results.locator("summary").click()
    expect(results.get_by_test_id(f"result-{teacher_id}")).to_have_attribute("data-result", "excellent")
    shots.take(admin, "school-results")
