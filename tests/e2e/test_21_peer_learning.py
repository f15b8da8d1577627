"""Pushed peer videos watched and commented, in the browser (issue 20 items 1-3 and 9).

The school admin presses 推送观摩视频 (and again: nothing new); 李娜 finds three 数学 lessons on
her 待观看 list; on the first she plays a moment and drags the playhead to the end: that does not
count, not even after a reload; she watches it through (this stack counts a view at 60 %), the
comment form opens, a rating and a comment complete it. She does the same for the other two. The
author reads her comment on his page; the 语文 leader sees her three views and comments.

The 学时 ledger (issue 20 item 4) rides along: 李娜's three points have passed, so she has practice
hours, but her ledger card says they are held while three pushed reviews are pending (seed 001);
once she has watched and commented all three they count; the school admin then imports the
platform's CSV of her online hours through the import card, and her ledger reads 已完成.

The starting point (three 数学 teachers' lessons, uploaded and processed by the stack's worker,
handed in as submissions; an account for one author) is arranged before the browser opens, through
the upload API and this module's own database, as test_13 does; every step under test is the UI.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from api.auth.passwords import hash_password
from api.demo import DEMO_PASSWORD
from db.models import PointSelection, Submission, Teacher, User
from db.session import session_factory, transaction
from tests import media_factory
from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import login, wait_until_true
from tests.e2e.stack import LiveStack, own_stack

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "peer-"

CLIP_S = 8
AUTHORS = ("T006", "T007", "T008")  # 杨磊, 赵敏, 黄强 of 数学; 李娜 (T002) is 语文
COMMENT = "课件演示与学生活动衔接自然，建议小结时让学生用平板提交答案，及时反馈。"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    settings = {"KEJIAN_PEER_COUNT_FRACTION": "0.6", "KEJIAN_PEER_MAX_RATE": "2", "KEJIAN_PEER_COMMENT_MIN_CHARS": "15"}
    # Her 3 points × 7 h + 3 views + 3 comments = 27 practice hours, so the reviews decide the part.
    settings["KEJIAN_HOURS_PER_POINT_PASSED"] = "7"
    with own_stack(tmp_path_factory, e2e_artifacts, "peer", extra_env=settings) as stack:
        yield stack


def _processed_lessons(stack: LiveStack) -> dict[str, str]:
    """Each author's A2 lesson uploaded by the school admin and played-ready: staff id → recording id."""
    with httpx.Client(base_url=stack.base_url, timeout=60) as client:
        token = client.post("/api/auth/login", json={"username": "schooladmin", "password": DEMO_PASSWORD}).json()
        auth = {"Authorization": f"Bearer {token['token']}"}
        teachers = {t["staff_id"]: t["id"] for t in client.get("/api/teachers", headers=auth).json()}
        clip = media_factory.make_clip(CLIP_S)
        recordings = {}
        for staff in AUTHORS:
            params = {
                "kind": "lesson",
                "filename": f"{staff}.mp4",
                "teacher_id": teachers[staff],
                "capability_code": "A2",
            }
            r = client.post(
                "/api/uploads/direct",
                params=params,
                content=clip.read_bytes(),
                headers={**auth, "Content-Type": "video/mp4"},
            )
            assert r.status_code == 201, r.text
            recordings[staff] = r.json()["recording_id"]
        deadline = time.monotonic() + PROCESSING_TIMEOUT_MS / 1000
        for staff, recording_id in recordings.items():
            while client.get(f"/api/recordings/{recording_id}/playback", headers=auth).status_code != 200:
                assert time.monotonic() < deadline, f"{staff}'s lesson was not transcoded in time"
                time.sleep(1)
    return recordings


@pytest.fixture(scope="module")
def peer_world(live_stack: LiveStack) -> dict[str, int]:
    """The three lessons handed in (state submitted) and an account for 杨磊: staff id → submission id."""
    recordings = _processed_lessons(live_stack)
    sessions = session_factory(f"sqlite:///{live_stack.var_dir / 'kejian.sqlite3'}")
    works = {}
    with transaction(sessions) as s:
        for staff, recording_id in recordings.items():
            teacher = s.scalar(select(Teacher).where(Teacher.staff_id == staff))
            s.add(PointSelection(teacher_id=teacher.id, codes=["A2", "A5", "A11"], status="confirmed"))
            work = Submission(teacher_id=teacher.id, capability_code="A2", state="submitted", item_grades={})
            work.recording_id = recording_id
            s.add(work)
            s.flush()
            works[staff] = work.id
        li = s.scalar(select(Teacher).where(Teacher.staff_id == "T002"))  # her points passed (no lesson to push)
        s.add(PointSelection(teacher_id=li.id, codes=["A1", "A2", "B4"], status="confirmed"))
        for code in ("A1", "A2", "B4"):
            s.add(Submission(teacher_id=li.id, capability_code=code, state="scored_pass", item_grades={}))
        yang = s.scalar(select(Teacher).where(Teacher.staff_id == "T006"))
        s.add(
            User(
                username="yanglei",
                password_hash=hash_password(DEMO_PASSWORD),
                display_name="杨磊",
                role="teacher",
                school_id=yang.school_id,
                teacher_id=yang.id,
                group_id=yang.group_id,
            )
        )
    return works


def _share(page: Page) -> float:
    return float(page.get_by_test_id("peer-progress").get_attribute("data-share") or 0)


def _play_until(page: Page, at_s: float) -> None:
    page.get_by_test_id("player").evaluate("v => v.play()")
    wait_until_true(
        page,
        "(at) => { const v = document.querySelector('[data-testid=player]'); return v && v.currentTime >= at; }",
        at_s,
        timeout=60_000,
    )


def _skip_to_the_end(page: Page) -> None:
    """Play a moment, then drag the playhead to the end and let it finish."""
    player = page.get_by_test_id("player")
    expect(player).to_be_visible()
    wait_until_true(page, "() => document.querySelector('[data-testid=player]').readyState >= 1")
    _play_until(page, 0.5)
    player.evaluate(f"v => {{ v.currentTime = {CLIP_S - 0.4}; v.play() }}")
    wait_until_true(page, "() => document.querySelector('[data-testid=player]').ended", timeout=30_000)


def _watch_through(page: Page) -> None:
    player = page.get_by_test_id("player")
    player.evaluate("v => { v.currentTime = 0 }")
    _play_until(page, CLIP_S - 0.3)
    expect(page.get_by_test_id("peer-counted")).to_be_visible(timeout=30_000)


def _comment(page: Page, rating: str) -> None:
    page.get_by_test_id("peer-rating").select_option(label=rating)
    page.get_by_test_id("peer-text").fill("很好")
    page.get_by_test_id("peer-submit").click()
    expect(page.get_by_test_id("peer-problem")).to_contain_text("至少 15 字")
    page.get_by_test_id("peer-text").fill(COMMENT)
    page.get_by_test_id("peer-submit").click()
    expect(page.get_by_test_id("peer-saved")).to_be_visible()
    expect(page.get_by_test_id("peer-comment")).to_have_attribute("data-done", "true")


def _fits_a_phone(page: Page) -> None:
    """The watch page with its player and comment form needs no sideways scrolling on a phone."""
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 812})
    try:
        wait_until_true(page, "() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        page.set_viewport_size(size)


def test_pushed_peer_videos_count_when_watched_and_commented(open_page, peer_world, shots):
    admin = open_page()
    login(admin, "schooladmin")
    admin.get_by_test_id("peer-push").click()
    expect(admin.get_by_test_id("peer-push-result")).to_have_attribute("data-created", "27")
    admin.get_by_test_id("peer-push").click()  # again: everyone already has theirs
    expect(admin.get_by_test_id("peer-push-result")).to_have_attribute("data-created", "0")
    shots.take(admin, "school-push")

    page = open_page()
    login(page, "teacher")
    items = page.locator("[data-testid^='peer-item-']")
    expect(items).to_have_count(3)
    expect(page.locator("[data-testid^='peer-item-'][data-status='todo']")).to_have_count(3)
    assert {int(items.nth(n).get_attribute("data-submission")) for n in range(3)} == set(peer_world.values())
    first = items.first.get_attribute("data-testid").removeprefix("peer-item-")
    shots.take(page, "teacher-todo")

    # Her practice hours are earned but held until the pushed reviews are done (seed 001).
    ledger = page.get_by_test_id("hours-ledger")
    expect(ledger.get_by_test_id("hours-held")).to_contain_text("21 学时暂不计入：还有 3 个系统推送的同伴视频")
    expect(ledger.get_by_test_id("hours-practice")).to_contain_text("0 / 25")

    # Skipping to the end does not count, and a reload keeps what was played, not more.
    page.get_by_test_id(f"peer-open-{first}").click()
    _skip_to_the_end(page)
    wait_until_true(page, "() => Number(document.querySelector('[data-testid=peer-progress]').dataset.share) > 0")
    assert _share(page) < 40
    expect(page.get_by_test_id("peer-comment-locked")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("peer-progress")).to_have_attribute("data-counted", "false")
    assert 0 < _share(page) < 40
    shots.take(page, "skipped-not-counted")

    ratings = ["良好", "优秀", "合格"]
    for n in range(3):
        if n:
            page.get_by_test_id("peer-back").click()
            page.locator("[data-testid^='peer-item-'][data-status='todo'] a").first.click()
            expect(page.get_by_test_id("player")).to_be_visible()
        _watch_through(page)
        _comment(page, ratings[n])
        if not n:
            shots.take(page, "commented")
            _fits_a_phone(page)
    page.get_by_test_id("peer-back").click()
    expect(page.locator("[data-testid^='peer-item-'][data-status='done']")).to_have_count(3)
    shots.take(page, "teacher-done")
    page.reload()
    ledger = page.get_by_test_id("hours-ledger")
    expect(ledger.get_by_test_id("hours-practice")).to_contain_text("27 / 25")
    expect(ledger.get_by_test_id("hours-held")).to_have_count(0)
    expect(ledger).to_have_attribute("data-complete", "false")  # no online hours yet
    expect(ledger.get_by_test_id("hours-missing")).to_contain_text("线上学习 0/25 学时")

    # The school imports the platform's export of online hours (GB18030, as Excel saves it); the ledger completes.
    export = "工号,姓名,课程名称,学时,类型\r\nT002,李娜,信息技术支持的学情分析,25,网络研修\r\n".encode("gb18030")
    admin.get_by_test_id("hours-file").set_input_files({"name": "hours.csv", "mimeType": "text/csv", "buffer": export})
    admin.get_by_test_id("hours-import").click()
    expect(admin.get_by_test_id("hours-import-report")).to_contain_text("新增 1")
    expect(admin.get_by_test_id("hours-row-T002")).to_have_attribute("data-complete", "true")
    page.reload()
    ledger = page.get_by_test_id("hours-ledger")
    expect(ledger.get_by_test_id("hours-online")).to_contain_text("25 / 25")
    expect(ledger).to_have_attribute("data-complete", "true")
    expect(ledger.get_by_test_id("hours-complete")).to_have_text("已完成")

    author = open_page()
    login(author, "yanglei")
    feedback = author.get_by_test_id(f"peer-feedback-{peer_world['T006']}")
    expect(feedback).to_contain_text(COMMENT)
    expect(feedback).to_contain_text("李娜")

    leader = open_page()
    login(leader, "leader")
    row = leader.get_by_test_id("peer-group").locator("tr", has_text="李娜")
    expect(row.locator("[data-col=counted_views]")).to_have_text("3")
    expect(row.locator("[data-col=comments]")).to_have_text("3")
    expect(row.locator("[data-col=pending]")).to_have_text("0")
    shots.take(leader, "leader-participation")
