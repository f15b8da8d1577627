"""A group session becomes a complete training record, through the UI only (issue 20, item 5; seed 001
§三.3 “点名签到,录好视频,做好报道和提交学习心得…打包上传。否则不认定为完整培训”):

the leader uploads a session listing 李娜 (on camera, with her photo) and herself (no consent to face
identification, so not looked for); it counts, but its record is 不完整: the leader is not signed in,
there is no report and no 心得. She signs herself in by hand (a note is required), writes the report
(too short is refused) and her own 心得 on the session card; 李娜 writes hers on her home page, and
the record is 完整. The school admin sees 完整 in the session list and downloads the package.

The stack is this module's own, with 10-second sessions (KEJIAN_GROUP_SESSION_MIN_DURATION_S).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import analysis_media
from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import api_json, login
from tests.e2e.stack import LiveStack, own_stack
from tests.shared_media import PHOTOS

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "session-records-"
SETTINGS = {"KEJIAN_GROUP_SESSION_MIN_DURATION_S": "10"}
NOTE = "组长本人主持活动，未同意人脸识别，现场点名到场"
REPORT = (
    "语文教研组开展A1学情分析专题研修：组长主持，李娜老师展示课例，"
    "组员围绕信息技术支持的学情分析展开讨论并形成改进意见。"
)
REFLECTION = "通过本次教研活动，我学会了用问卷工具在课前了解学生的已有知识，并据此调整教学设计，收获很大。" * 3


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "session-records", extra_env=SETTINGS) as stack:
        yield stack


def _consent(scope, teacher_id: int) -> None:
    scope.get_by_test_id(f"consent-tick-{teacher_id}").check()
    scope.get_by_test_id(f"consent-agree-{teacher_id}").click()
    expect(scope.get_by_test_id(f"consent-given-{teacher_id}")).to_be_visible()


def _missing(scope, testid: str, *codes_zh: str) -> None:
    for text in codes_zh:
        expect(scope.get_by_test_id(testid)).to_contain_text(text)


def test_a_session_becomes_complete_and_the_school_downloads_its_package(open_page, shots) -> None:
    page = open_page()
    login(page, "leader")
    ids = {t["staff_id"]: t["id"] for t in api_json(page, "/api/teachers")}
    member, leader = ids["T002"], ids["T001"]

    teacher = open_page()
    login(teacher, "teacher")
    _consent(teacher.get_by_test_id("my-photo"), member)
    page.reload()
    roster = page.get_by_test_id("group-roster")
    expect(roster.get_by_test_id(f"consent-given-{member}")).to_be_visible()
    roster.get_by_test_id(f"photo-input-{member}").set_input_files(str(PHOTOS / "obama" / "obama.jpg"))
    expect(roster.get_by_test_id(f"photo-state-{member}")).to_have_attribute(
        "data-photo", "ok", timeout=PROCESSING_TIMEOUT_MS
    )

    for teacher_id in (member, leader):
        page.get_by_test_id(f"participant-{teacher_id}").check()
    page.get_by_test_id("session-upload-input").set_input_files(str(analysis_media.trio_clip()))
    expect(page.get_by_test_id("session-upload-progress")).to_have_attribute("data-percent", "100", timeout=60_000)
    card = page.locator("article.card.session").first
    for stage in ("probe", "analyze", "transcode"):
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    expect(card.get_by_test_id("session-standing")).to_have_attribute("data-counts", "true")

    record = page.locator("section.session-record").first
    expect(record.get_by_test_id("record-complete")).to_have_attribute("data-complete", "false")
    _missing(record, "record-missing", "未签到：王芳", "活动报道", "王芳、李娜")
    expect(record.get_by_test_id(f"sign-in-{member}")).to_have_attribute("data-source", "seen")
    shots.take(page, "record-incomplete")

    # 点名签到: the leader signs herself in by hand; a note is required.
    record.get_by_test_id(f"add-sign-in-{leader}").click()
    expect(record.get_by_role("alert").first).to_contain_text("补签须注明情况")
    record.get_by_test_id(f"sign-in-note-{leader}").fill(NOTE)
    record.get_by_test_id(f"add-sign-in-{leader}").click()
    expect(record.get_by_test_id(f"sign-in-{leader}")).to_have_attribute("data-source", "manual")
    expect(record.get_by_test_id(f"sign-in-{leader}")).to_contain_text(NOTE)

    # 做好报道: too short is refused with the minimum; then the report stands.
    record.get_by_test_id("record-report-text").fill("开展了活动")
    record.get_by_test_id("record-report-save").click()
    expect(record.get_by_role("alert").first).to_contain_text("活动报道至少 50 字")
    record.get_by_test_id("record-report-text").fill(REPORT)
    record.get_by_test_id("record-report-save").click()
    expect(record.get_by_test_id("record-report-by")).to_contain_text("北京时间")

    # 提交学习心得: the leader, a participant herself, writes hers on the card.
    record.get_by_test_id("reflection-text").fill("组长心得：" + REFLECTION)
    record.get_by_test_id("reflection-save").click()
    expect(record.get_by_test_id(f"reflection-status-{leader}")).to_have_attribute("data-written", "true")
    _missing(record, "record-missing", "李娜")
    expect(record.get_by_test_id(f"reflection-status-{member}")).to_have_attribute("data-written", "false")

    # … and 李娜 writes hers on her own home page.
    teacher.reload()
    mine = teacher.get_by_test_id("my-sessions").locator("article.session-record").first
    expect(mine).to_have_attribute("data-written", "false")
    mine.get_by_test_id("reflection-text").fill(REFLECTION)
    mine.get_by_test_id("reflection-save").click()
    expect(mine).to_have_attribute("data-written", "true")
    expect(mine).to_have_attribute("data-complete", "true")
    expect(mine.get_by_test_id("my-reflection-saved")).to_contain_text("北京时间")
    shots.take(teacher, "teacher-wrote-reflection")

    page.reload()
    record = page.locator("section.session-record").first
    expect(record.get_by_test_id("record-complete")).to_have_attribute("data-complete", "true")
    shots.take(page, "record-complete")

    # The school admin sees 完整 and downloads the package.
    admin = open_page()
    login(admin, "schooladmin")
    sessions = admin.get_by_test_id("school-sessions")
    expect(sessions.locator("[data-complete=true]")).to_have_count(1)
    with admin.expect_download() as download:
        sessions.locator("a[data-testid^=record-package-]").first.click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "完整 complete" in archive.read("说明 README.txt").decode()
    assert "签到表 Sign-in sheet.xlsx" in archive.namelist() and "学习心得 Reflections.docx" in archive.namelist()
    assert download.value.suggested_filename.endswith(".zip")
    shots.take(admin, "school-sees-complete")
    # Only the school downloads: the leader's page offers no package.
    expect(page.locator("a[data-testid^=record-package-]")).to_have_count(0)
