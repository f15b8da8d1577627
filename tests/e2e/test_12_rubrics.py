"""A rubric edited by the school admin and used by the leader, in the browser (issue 17 item 4):

the school admin opens A2's rubric (version 0, the spec's general criteria), adds a criterion
(学生参与, with its 优秀 / 合格 / 不合格 descriptions) and saves → version 1 → the leader opens
李娜's A2 work, sees the added criterion with its three descriptions, grades criterion by
criterion and reads the derived verdict and why, live (5 优秀 + 1 合格 → 合格: 优秀 needs every
one), with her age band's pass line; the grade is given → the work shows the rubric it was
graded under → the admin edits again (version 2, the criterion removed) → the graded work still
shows version 1 with the criterion and its level.

The starting point (a confirmed selection and a submitted A2 work with a probed recording) is
written into this module's own stack's database before the browser opens, as the API tests'
factories do; every step of the job (editing, grading, reading) is done in the browser.
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
from tests.e2e.pages import api_json, login
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "rubrics-"
POINTS = ("A2", "A5", "A11")  # 李娜 (born 1980): 40–49 band, pass line 60
ADDED = {
    "title_zh": "学生参与",
    "excellent_zh": "学生全员积极参与，能熟练使用技术完成任务",
    "pass_zh": "学生能够参与，技术使用基本顺畅",
    "fail_zh": "学生未参与，或技术无法正常使用",
}


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "rubrics") as stack:
        yield stack


@pytest.fixture(scope="module")
def work_id(live_stack: LiveStack) -> int:
    """李娜's confirmed points and her submitted A2 work with a probed recording."""
    sessions = session_factory(f"sqlite:///{live_stack.var_dir / 'kejian.sqlite3'}")
    with transaction(sessions) as s:
        teacher = s.scalar(select(Teacher).where(Teacher.staff_id == "T002"))
        s.add(PointSelection(teacher_id=teacher.id, codes=list(POINTS), status="confirmed"))
        recording = factories.make_recording(s, teacher=teacher, capability_code="A2", duration_s=600.0)
        row = Submission(teacher_id=teacher.id, capability_code="A2", state="submitted", item_grades={})
        row.recording_id = recording.id
        s.add(row)
        s.flush()
        return row.id


def _open_a2_rubric(admin: Page) -> None:
    admin.goto("/")
    editor = admin.get_by_test_id("rubric-editor")
    expect(editor).to_be_visible()
    admin.get_by_test_id("rubric-point").select_option(value="A2")


def _admin_adds_a_criterion(admin: Page, shots) -> None:
    _open_a2_rubric(admin)
    version = admin.get_by_test_id("rubric-edit-version")
    expect(version).to_have_attribute("data-version", "0")
    expect(version).to_contain_text("第 0 版")
    expect(admin.locator("[data-testid^='rubric-edit-criterion-']")).to_have_count(5)
    admin.get_by_test_id("rubric-edit-add").click()
    for field, text in ADDED.items():
        admin.get_by_test_id(f"rubric-edit-5-{field}").fill(text)
    shots.take(admin, "admin-criterion-added")
    admin.get_by_test_id("rubric-edit-save").click()
    expect(admin.get_by_test_id("rubric-edit-saved")).to_contain_text("已保存为第 1 版")
    expect(version).to_have_attribute("data-version", "1")
    expect(admin.get_by_test_id("rubric-edit-5-title_zh")).to_have_value("学生参与")
    shots.take(admin, "admin-saved-v1")


def _leader_grades_by_criteria(leader: Page, work: int, shots) -> None:
    leader.goto(f"/review/{work}")
    form = leader.get_by_test_id("rubric-form")
    expect(form).to_be_visible()
    expect(leader.get_by_test_id("rubric-version")).to_have_attribute("data-version", "1")
    expect(leader.get_by_test_id("pass-line")).to_contain_text("60")  # 40–49 band (seed 004)
    added = leader.get_by_test_id("criterion-c6")
    for text in ADDED.values():
        expect(added).to_contain_text(text)
    derived = leader.get_by_test_id("derived-verdict")
    expect(derived).to_contain_text("还有 6 项标准未评定")
    for key in ("c1", "c2", "c3", "c4", "c5"):
        leader.get_by_test_id(f"rubric-criterion-{key}").select_option(label="优秀")
    expect(derived).to_contain_text("还有 1 项标准未评定")
    leader.get_by_test_id("rubric-criterion-c6").select_option(label="合格")
    expect(derived).to_have_attribute("data-level", "pass")
    expect(leader.get_by_test_id("derived-why")).to_contain_text(
        "能力点：6 项标准中 5 项优秀、1 项合格 → 合格：优秀需每项均为优秀"
    )
    expect(leader.get_by_test_id("score-verdict").locator("option:checked")).to_have_text("合格")
    leader.get_by_test_id("score-value").fill("75")
    expect(leader.get_by_test_id("score-gives")).to_contain_text("分数 75 → 合格")
    shots.take(leader, "leader-criteria-graded")
    leader.get_by_test_id("score-submit").click()
    expect(leader.get_by_test_id("submission-state")).to_have_text("评为合格")
    graded = leader.get_by_test_id("graded-rubric")
    expect(graded).to_have_attribute("data-version", "1")
    expect(leader.get_by_test_id("graded-criterion-c6")).to_contain_text("学生参与")
    expect(leader.get_by_test_id("graded-criterion-c6")).to_contain_text("评定：合格")
    shots.take(leader, "leader-graded-under-v1")


def test_admin_edits_a_rubric_and_the_leader_grades_by_it(open_page, shots, work_id) -> None:
    admin = open_page()
    login(admin, "schooladmin")
    work = admin.get_by_test_id("school-work")  # nothing graded yet, and no stray "null" under it
    expect(work).to_contain_text("暂无已评审的作品。")
    expect(work).not_to_contain_text("null")
    _admin_adds_a_criterion(admin, shots)

    leader = open_page()
    login(leader, "leader")
    _leader_grades_by_criteria(leader, work_id, shots)
    grades = api_json(leader, f"/api/submissions/{work_id}")["item_grades"]
    assert grades["rubric_version"] == 1 and grades["criteria"]["c6"] == "pass", grades

    # The admin edits again: the graded work keeps the version it was graded under.
    _open_a2_rubric(admin)
    expect(admin.get_by_test_id("rubric-edit-version")).to_have_attribute("data-version", "1")
    admin.get_by_test_id("rubric-edit-5-summary").click()  # saved criteria are collapsed to their title
    expect(admin.get_by_test_id("rubric-edit-5-summary")).to_contain_text("学生参与")
    admin.get_by_test_id("rubric-edit-5-remove").click()
    expect(admin.locator("[data-testid^='rubric-edit-criterion-']")).to_have_count(5)
    admin.get_by_test_id("rubric-edit-save").click()
    expect(admin.get_by_test_id("rubric-edit-saved")).to_contain_text("已保存为第 2 版")
    shots.take(admin, "admin-saved-v2")

    leader.reload()
    expect(leader.get_by_test_id("graded-rubric")).to_have_attribute("data-version", "1")
    expect(leader.get_by_test_id("graded-version")).to_contain_text("按第 1 版评价标准评定")
    expect(leader.get_by_test_id("graded-criterion-c6")).to_contain_text("学生参与")
    shots.take(leader, "leader-still-v1")
