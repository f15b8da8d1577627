"""The whole chain from a teacher to the province, through the UI only (issue 18):

李娜 (T002) hands in A1 and her leader 王芳 grades it 优秀 from the queue; 王芳 hands in her own A1,
which the school admin grades from the 待办 card; 王芳 submits the 语文 group. The school forwards
both (each after the confirmation box) and tries 学校提交: refused, naming 数学, which has no 优秀.
The school appoints 杨磊 (T006) 数学教研组长 by a roster file; he signs in with his slip's password,
hands in his own A1, the school grades and forwards it once he submits his group, and the hand-over
goes through; the school downloads its package. The province previews a sampling round twice with
one seed (the same sample), draws it, and downgrades 李娜's work with a reason. The school sees
the downgrade in its history and its counts; 李娜 sees a notification and 省级降等 with the reason.

The stack is this module's own: one 优秀 meets a group's quota without a session recording, and the
school needs 20% of its ten 专任教师 (two works) covering 语文 and 数学. Reading the API only looks
ids and states up; every step is a click.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from api.demo import SCHOOL
from tests.e2e.pages import ROSTER_HEADER, api_json, grade_excellent, hand_in_a1, login
from tests.e2e.stack import LiveStack, own_stack
from tests.e2e.test_06_documents import minimal_pdf

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "school-to-province-"
SETTINGS = {
    "KEJIAN_REVIEW_GROUP_EXCELLENT_PERCENT": "1",
    "KEJIAN_REVIEW_GROUP_SESSIONS_REQUIRED": "0",
    "KEJIAN_REVIEW_SCHOOL_EXCELLENT_PERCENT": "20",
}
POINTS = ("A1", "A2", "A5")
PLAN = "学情分析方案.pdf"
SEED = "2026-秋-抽检-1"
DOWNGRADE_REASON = "课堂实录中未见学生使用信息技术开展学习活动，降为合格。"
NEW_PASSWORD = "Yanglei-2026-math"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "school-to-province", extra_env=SETTINGS) as stack:
        yield stack


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / PLAN
    path.write_bytes(minimal_pdf("Learner analysis plan"))
    return path


def _leader_grades_from_the_queue(leader: Page, work_id: int) -> None:
    leader.goto("/")
    leader.get_by_test_id(f"queue-item-{work_id}").click()
    grade_excellent(leader, "设计完整，技术支持学情分析到位。")


def _school_grades_from_the_desk(admin: Page, work_id: int) -> None:
    admin.goto("/")
    admin.get_by_test_id("school-desk").get_by_test_id(f"desk-grade-{work_id}").click()
    grade_excellent(admin, "组长示范课，设计完整。")


def _leader_submits_the_group(leader: Page) -> None:
    leader.goto("/")
    submit = leader.get_by_test_id("group-submit")
    expect(submit).to_be_enabled()
    submit.click()
    expect(submit).to_be_disabled()


def _school_forwards(admin: Page, work_id: int) -> None:
    admin.goto("/")
    admin.get_by_test_id(f"forward-{work_id}").click()
    admin.get_by_test_id(f"forward-confirm-{work_id}").click()
    expect(admin.get_by_test_id("move-notice")).to_contain_text("学校已推送")


def _hand_over(admin: Page) -> None:
    admin.goto("/")
    card = admin.get_by_test_id("handover-card")
    card.get_by_test_id("handover-submit").click()
    card.get_by_test_id("handover-confirm").click()


def _appoint_a_maths_leader(admin: Page, tmp_path: Path) -> str:
    """Import 杨磊 as 数学教研组长; the slip's one-time password."""
    roster = tmp_path / "数学教研组长.csv"
    roster.write_text(
        "\n".join([ROSTER_HEADER, f"{SCHOOL[0]},{SCHOOL[1]},数学教研组,数学,杨磊,T006,1970,教研组长,是,", ""]),
        encoding="utf-8",
    )
    admin.goto("/")
    admin.get_by_test_id("roster-file").set_input_files(str(roster))
    admin.get_by_test_id("roster-import").click()
    slip = admin.get_by_test_id("account-slips").get_by_test_id("slip-T006")
    expect(slip).to_contain_text("杨磊")
    return slip.get_by_test_id("slip-password").inner_text()


def _first_sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("password-current").fill(password)
    page.get_by_test_id("password-new").fill(NEW_PASSWORD)
    page.get_by_test_id("password-repeat").fill(NEW_PASSWORD)
    page.get_by_test_id("password-submit").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()
    expect(page.get_by_test_id("password-current")).to_be_hidden()


def _preview(reviewer: Page) -> list[str]:
    reviewer.get_by_test_id("round-seed").fill(SEED)
    reviewer.get_by_test_id("round-preview").click()
    preview = reviewer.get_by_test_id("round-preview-result")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(SCHOOL[0])  # the drawn works by name, not by number
    return preview.locator("[data-submission]").evaluate_all("rows => rows.map(r => r.dataset.submission)")


def test_teacher_to_province_and_back(open_page, shots, lesson_clip, plan, tmp_path) -> None:
    teacher = open_page()
    login(teacher, "teacher")
    lina = hand_in_a1(teacher, lesson_clip, plan, points=POINTS, submit_text="提交给教研组长")

    leader = open_page()
    login(leader, "leader")
    _leader_grades_from_the_queue(leader, lina["id"])
    wangfang = hand_in_a1(leader, lesson_clip, plan, points=POINTS, submit_text="提交给学校管理员")

    admin = open_page()
    login(admin, "schooladmin")
    _school_grades_from_the_desk(admin, wangfang["id"])
    _leader_submits_the_group(leader)
    admin.goto("/")  # each group card says where its hand-over stands (from the school's groups)
    expect(admin.get_by_test_id(f"group-card-{lina['group_id']}")).to_contain_text("已提交给学校")
    for work in (lina, wangfang):
        _school_forwards(admin, work["id"])

    # 学校提交 is refused while a subject taught by the school has no 优秀 handed over.
    _hand_over(admin)
    missing = admin.get_by_test_id("handover-missing")
    expect(missing).to_contain_text("数学")
    expect(admin.get_by_test_id("handover-refusal")).to_contain_text("数学")
    expect(admin.get_by_test_id("handover-state")).to_have_attribute("data-state", "open")
    shots.take(admin, "handover-refused")

    password = _appoint_a_maths_leader(admin, tmp_path)
    maths = open_page()
    _first_sign_in(maths, "T006", password)
    yanglei = hand_in_a1(maths, lesson_clip, plan, points=POINTS, submit_text="提交给学校管理员")
    _school_grades_from_the_desk(admin, yanglei["id"])
    _leader_submits_the_group(maths)
    _school_forwards(admin, yanglei["id"])
    _hand_over(admin)
    state = admin.get_by_test_id("handover-state")
    expect(state).to_have_attribute("data-state", "handed_over")
    expect(state).to_contain_text("北京时间")
    expect(admin.get_by_test_id("handover-missing")).to_have_count(0)
    shots.take(admin, "handed-over")
    with admin.expect_download() as download:
        admin.get_by_test_id("handover-package").click()
    package = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    workbook_name = next(n for n in package.namelist() if n.endswith(".xlsx"))
    rows = [r for ws in load_workbook(io.BytesIO(package.read(workbook_name))).worksheets for r in ws.values]
    names = {cell for row in rows for cell in row if isinstance(cell, str)}
    assert {"李娜", "王芳", "杨磊"} <= names, names
    assert any(n.endswith(PLAN) for n in package.namelist()), package.namelist()

    reviewer = open_page()
    login(reviewer, "reviewer")
    reviewer.get_by_test_id("province-filter-school").select_option(label=SCHOOL[0])
    for work in (lina, wangfang, yanglei):
        row = reviewer.get_by_test_id(f"province-row-{work['id']}")
        expect(row).to_contain_text(SCHOOL[0])
    reviewer.get_by_test_id("round-percent").fill("50")
    first = _preview(reviewer)
    again = _preview(reviewer)
    assert first == again and len(first) == 2, (first, again)  # ceil(50% of 3), the same for the same seed
    shots.take(reviewer, "round-preview")
    reviewer.get_by_test_id("round-draw").click()
    reviewer.get_by_test_id("round-confirm").click()
    result = reviewer.get_by_test_id("round-result")
    expect(result).to_contain_text(SEED)
    drawn = result.locator("[data-submission]").evaluate_all("rows => rows.map(r => r.dataset.submission)")
    assert sorted(drawn) == sorted(first), (drawn, first)
    # The table reloads in place after a draw: act on its rows once they show the round.
    expect(reviewer.get_by_test_id("province-works").locator("[data-testid^='flag-round-']")).to_have_count(2)

    row = reviewer.get_by_test_id(f"province-row-{lina['id']}")
    row.get_by_test_id(f"downgrade-{lina['id']}").click()
    reviewer.get_by_test_id("downgrade-reason").fill(DOWNGRADE_REASON)
    reviewer.get_by_test_id("downgrade-confirm").click()
    expect(reviewer.get_by_test_id(f"province-row-{lina['id']}")).to_contain_text("省级降等")
    shots.take(reviewer, "downgraded")
    assert api_json(reviewer, f"/api/submissions/{lina['id']}")["state"] == "downgraded"

    admin.goto("/")
    admin.get_by_test_id("history-action").select_option("downgrade")
    history = admin.get_by_test_id("school-history")
    entry = history.locator(f"tr[data-action=downgrade][data-submission='{lina['id']}']")
    expect(entry).to_contain_text(DOWNGRADE_REASON)
    expect(admin.get_by_test_id("school-quota")).to_contain_text("2")
    shots.take(admin, "school-sees-downgrade")

    teacher.goto("/")
    count = teacher.get_by_test_id("notifications-count")
    expect(count).to_be_visible()
    teacher.get_by_test_id("notifications-bell").click()
    expect(teacher.locator("[data-testid^='notification-']").filter(has_text="降")).not_to_have_count(0)
    teacher.goto("/my-points")
    card = teacher.get_by_test_id("submission-A1")
    expect(card).to_contain_text("省级降等")
    expect(card).to_contain_text(DOWNGRADE_REASON)
    shots.take(teacher, "teacher-told")
