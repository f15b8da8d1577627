"""The whole review in a browser, against the live stack:

a teacher chooses three points and uploads a lesson → the worker probes, analyses and
transcodes it → the group leader plays it, comments at a time code and grades it 优秀 → the
group's quota bar moves → the school admin downloads the school's workbook with the verdict.

Every page is saved as a numbered screenshot in tests/.artifacts/e2e/.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import api_json, login, me, wait_until_true
from tests.e2e.test_06_documents import minimal_pdf

pytestmark = pytest.mark.e2e

POINTS = ("A1", "A2", "A5")  # 李娜 (born 1980): 40–49 band, three of the four dimensions
UPLOAD_POINT = "A1"
STAGES = ("probe", "analyze", "transcode")
COMMENT = "板书清晰，提问有效"
CORRECTION = "，小组讨论时间充足"
SEEK_AWAY_S = 25.0


def _choose_points(page: Page, shots) -> None:
    rules = page.get_by_test_id("selection-rules")
    expect(rules).to_be_visible()
    shots.take(page, "teacher-selection")
    for code in POINTS:
        page.get_by_test_id(f"point-option-{code}").click()
    shots.take(page, "teacher-points-chosen")
    page.get_by_test_id("selection-save").click()
    # Confirming is final for the teacher, and the page says so beside the button.
    expect(page.get_by_test_id("selection-final-note")).to_have_text("确认后不可自行修改，如需变更须由学校管理员批准。")
    page.get_by_test_id("selection-confirm").click()
    for code in POINTS:
        expect(page.get_by_test_id(f"submission-{code}")).to_be_visible()
    teacher_id = me(page)["teacher_id"]
    selection = api_json(page, f"/api/teachers/{teacher_id}/selection")
    assert selection["status"] == "confirmed" and sorted(selection["codes"]) == sorted(POINTS)
    shots.take(page, "teacher-confirmed")


def _upload_and_submit(page: Page, shots, clip, plan) -> dict:
    card = page.get_by_test_id(f"submission-{UPLOAD_POINT}")
    card.get_by_test_id("upload-input").set_input_files(clip)
    expect(card.get_by_test_id("upload-progress")).to_have_attribute("data-percent", "100", timeout=60_000)
    expect(card.get_by_test_id("stage-probe")).to_be_visible()  # the card now shows the recording
    shots.take(page, "teacher-uploaded")
    for stage in STAGES:
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    shots.take(page, "teacher-processed")
    # A1 asks for its 学情分析方案 too (CATALOG.md §3, S1: 缺一不可); 提交 waits for it.
    expect(card.get_by_test_id("submission-submit")).to_be_disabled()
    card.get_by_test_id("document-input").set_input_files(plan)
    card = page.get_by_test_id(f"submission-{UPLOAD_POINT}")
    expect(card.get_by_test_id("requirement-学情分析方案")).to_have_attribute("data-state", "satisfied")
    card.get_by_test_id("submission-submit").click()
    expect(card.get_by_test_id("submission-submit")).to_have_count(0)
    submission = _own_submission(page)
    assert submission["state"] == "submitted" and submission["recording_id"]
    shots.take(page, "teacher-submitted")
    return submission


def _own_submission(page: Page) -> dict:
    found = [s for s in api_json(page, "/api/submissions") if s["capability_code"] == UPLOAD_POINT]
    assert len(found) == 1, found
    return found[0]


def _player_time(page: Page) -> float:
    return page.get_by_test_id("player").evaluate("v => v.currentTime")


def _comment_at_the_playhead(page: Page, shots, recording_id: str) -> float:
    player = page.get_by_test_id("player")
    expect(player).to_be_visible()
    player.evaluate("v => v.play()")
    wait_until_true(
        page,
        "() => { const v = document.querySelector('[data-testid=player]'); return v && v.currentTime >= 2; }",
        timeout=60_000,
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # "c" is ignored while typing
    page.keyboard.press("c")
    text = page.get_by_test_id("comment-text")
    expect(text).to_be_focused()
    assert player.evaluate("v => v.paused")
    paused_at = _player_time(page)
    prefilled = text.input_value()
    assert re.search(r"\d+:\d{2}", prefilled), f"comment box not pre-filled with the time: {prefilled!r}"
    text.press("End")
    text.press_sequentially(COMMENT)
    shots.take(page, "leader-comment-typed")
    page.get_by_test_id("comment-add").click()

    item = page.get_by_test_id("comment-item").filter(has_text=COMMENT)
    expect(item).to_have_count(1)
    at_s = float(item.get_attribute("data-at-s"))
    assert at_s >= 2 and abs(at_s - paused_at) < 1.5, (at_s, paused_at)
    stored = [c for c in api_json(page, f"/api/recordings/{recording_id}/comments") if COMMENT in c["text"]]
    assert len(stored) == 1 and abs(stored[0]["at_s"] - at_s) < 0.01, stored

    player.evaluate(f"v => {{ v.pause(); v.currentTime = {SEEK_AWAY_S}; }}")
    wait_until_true(
        page, f"() => Math.abs(document.querySelector('[data-testid=player]').currentTime - {SEEK_AWAY_S}) < 0.5"
    )
    item.click()
    wait_until_true(
        page,
        f"() => Math.abs(document.querySelector('[data-testid=player]').currentTime - {at_s}) < 0.5",
        timeout=10_000,
    )
    shots.take(page, "leader-commented")
    _correct_own_comment(page, recording_id, stored[0]["id"])
    return at_s


def _correct_own_comment(page: Page, recording_id: str, comment_id: int) -> None:
    """The comment names its author; the author corrects it in place (the teacher later reads the new text)."""
    me = api_json(page, "/api/auth/me")
    item = page.get_by_test_id("comment-item").filter(has_text=COMMENT)
    expect(page.get_by_test_id("comment-key-hint")).to_be_visible()  # a desktop browser has a keyboard
    expect(item.get_by_test_id("comment-author")).to_contain_text(f"{me['display_name']} · 教研组长")
    item.get_by_test_id(f"comment-edit-{comment_id}").click()
    page.get_by_test_id(f"comment-edit-text-{comment_id}").fill(COMMENT + CORRECTION)
    page.get_by_test_id(f"comment-save-{comment_id}").click()
    expect(page.get_by_test_id("comment-item").filter(has_text=CORRECTION)).to_contain_text("已修改")
    stored = [c for c in api_json(page, f"/api/recordings/{recording_id}/comments") if c["id"] == comment_id]
    assert stored[0]["text"] == COMMENT + CORRECTION, stored


def _grade_excellent(page: Page, shots) -> None:
    expect(page.get_by_test_id("pass-line")).to_contain_text("60")  # 40–49 band (seed 004)
    criteria = page.locator("[data-testid^='rubric-criterion-']")
    expect(criteria.first).to_be_visible()
    for n in range(criteria.count()):
        criteria.nth(n).select_option(label="优秀")
    expect(page.get_by_test_id("derived-verdict")).to_have_attribute("data-level", "excellent")
    page.get_by_test_id("score-value").fill("95")
    # Criteria and score agree, so the form proposes the verdict itself (rubric_form's update).
    expect(page.get_by_test_id("score-verdict").locator("option:checked")).to_have_text("优秀")
    page.get_by_test_id("score-comment").fill("导入自然，学情分析数据翔实。")
    shots.take(page, "leader-rubric-filled")
    page.get_by_test_id("score-submit").click()


def _quota_excellent(page: Page) -> int:
    return int(page.get_by_test_id("quota-bar").get_attribute("data-excellent"))


def test_teacher_uploads_leader_grades_quota_moves_admin_exports(
    open_page, shots, lesson_clip, e2e_artifacts, tmp_path
):
    recording = tmp_path / f"课堂实录-{UPLOAD_POINT}.mp4"  # the name a teacher's file would have
    shutil.copyfile(lesson_clip, recording)
    teacher = open_page()
    teacher.goto("/")
    shots.take(teacher, "login")
    login(teacher, "teacher")
    _choose_points(teacher, shots)
    plan = tmp_path / "学情分析方案.pdf"
    plan.write_bytes(minimal_pdf("Learner analysis plan"))
    submission = _upload_and_submit(teacher, shots, recording, plan)

    leader = open_page()
    login(leader, "leader")
    quota = leader.get_by_test_id("quota-bar")
    expect(quota).to_have_attribute("data-needed", re.compile(r"^\d+$"))
    excellent_before = _quota_excellent(leader)
    queue_item = leader.get_by_test_id(f"queue-item-{submission['id']}")
    expect(queue_item).to_contain_text("李娜")
    shots.take(leader, "leader-queue")
    queue_item.click()
    expect(leader.get_by_test_id("player")).to_be_visible()
    expect(leader.get_by_test_id("score-submit")).to_be_visible()
    shots.take(leader, "leader-review")
    commented_at = _comment_at_the_playhead(leader, shots, submission["recording_id"])
    _grade_excellent(leader, shots)
    expect(leader.get_by_test_id("quota-bar")).to_have_attribute("data-excellent", str(excellent_before + 1))
    # Grading redraws the page with a new player; the leader keeps their place in the video.
    expect(leader.get_by_test_id("score-submit")).to_have_count(0)
    wait_until_true(
        leader,
        "at => { const v = document.querySelector('[data-testid=player]');"
        " return v && v.readyState >= 1 && Math.abs(v.currentTime - at) < 0.5; }",
        arg=commented_at,
        timeout=10_000,
    )
    expect(leader.get_by_test_id("quota-bar")).to_contain_text(f"优秀 {excellent_before + 1}")
    shots.take(leader, "leader-graded")
    assert api_json(leader, f"/api/submissions/{submission['id']}")["state"] == "scored_excellent"

    teacher.reload()
    card = teacher.get_by_test_id(f"submission-{UPLOAD_POINT}")
    expect(card.get_by_test_id("verdict")).to_contain_text("优秀")
    expect(card.get_by_test_id("comments")).to_contain_text(COMMENT)
    shots.take(teacher, "teacher-verdict")

    admin = open_page()
    login(admin, "schooladmin")
    expect(admin.get_by_test_id(f"group-card-{submission['group_id']}")).to_contain_text(f"优秀 {excellent_before + 1}")
    # One 优秀 of the two the group needs: the work can be returned but not yet forwarded.
    expect(admin.get_by_test_id(f"forward-held-{submission['id']}")).to_be_visible()
    expect(admin.get_by_test_id(f"forward-{submission['id']}")).to_have_count(0)
    shots.take(admin, "admin-home")
    with admin.expect_download() as download:
        admin.get_by_test_id("export-school").click()
    saved = e2e_artifacts / "school-export.xlsx"
    download.value.save_as(saved)
    rows = _details_rows(saved.read_bytes())
    mine = [r for r in rows if r.get("姓名 Name") == "李娜" and r.get("能力点 Point") == UPLOAD_POINT]
    assert len(mine) == 1, rows
    assert "优秀" in str(mine[0]["作品状态 State"]) and str(mine[0]["计入优秀 Counts as excellent"]).startswith("是")


def _details_rows(xlsx: bytes) -> list[dict]:
    """The “明细 Details” sheet as dicts keyed by its header row."""
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True)["明细 Details"]
    header, *body = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row)) for row in body]
