"""A group session that counts, through the UI only (issue 16):

the leader adds reference photos for two members from the group roster, uploads a session with
three participants — one of them without a photo, shown as “no photo”, not as absent — adds that
photo from the session card, and the card updates without a new upload: the person is seen. The
second participant never appears; the leader accepts the session with a reason, it counts toward
the group, and the school admin finds the acceptance flagged and in the audit log.

The stack is this module's own, with 10-second sessions (KEJIAN_GROUP_SESSION_MIN_DURATION_S), so
a 16-second clip made from the shared photos is a valid session. Reading ``/api/teachers`` for ids
only looks things up; every step is done in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests import analysis_media
from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import api_json, login
from tests.e2e.stack import LiveStack, own_stack
from tests.shared_media import PHOTOS

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "session-judgement-"
SETTINGS = {"KEJIAN_GROUP_SESSION_MIN_DURATION_S": "10"}
STAGES = ("probe", "analyze", "transcode")
REASON = "陈老师全程在场但坐在镜头外，已核对签到表和现场照片"


@pytest.fixture(scope="module")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    with own_stack(tmp_path_factory, e2e_artifacts, "session-judgement", extra_env=SETTINGS) as stack:
        yield stack


def _ids(page: Page) -> dict[str, int]:
    return {t["staff_id"]: t["id"] for t in api_json(page, "/api/teachers")}


def _add_photo(scope, teacher_id: int, photo: Path) -> None:
    scope.get_by_test_id(f"photo-input-{teacher_id}").set_input_files(str(photo))
    expect(scope.get_by_test_id(f"photo-state-{teacher_id}")).to_have_attribute(
        "data-photo", "ok", timeout=PROCESSING_TIMEOUT_MS
    )


def _presence(card, teacher_id: int, state: str, timeout: int | None = None) -> None:
    expect(card.get_by_test_id(f"participant-evidence-{teacher_id}")).to_have_attribute(
        "data-presence", state, **({"timeout": timeout} if timeout else {})
    )


def test_leader_makes_a_session_count_from_the_ui(open_page, shots) -> None:
    page = open_page()
    login(page, "leader")
    ids = _ids(page)
    seen, absent, no_photo = ids["T002"], ids["T003"], ids["T004"]  # 李娜 (Obama), never there, Kit Harington

    roster = page.get_by_test_id("group-roster")
    expect(roster).to_be_visible()
    _add_photo(roster, seen, PHOTOS / "obama" / "obama.jpg")
    _add_photo(roster, absent, PHOTOS / "biden" / "biden.jpg")
    expect(page.get_by_test_id(f"participant-photo-{no_photo}")).to_have_attribute("data-photo", "none")
    shots.take(page, "roster-photos")

    for teacher_id in (seen, absent, no_photo):
        page.get_by_test_id(f"participant-{teacher_id}").check()
    page.get_by_test_id("session-upload-input").set_input_files(str(analysis_media.trio_clip()))
    expect(page.get_by_test_id("session-upload-progress")).to_have_attribute("data-percent", "100", timeout=60_000)
    cards = page.locator("article.card.session")
    expect(cards).to_have_count(1)
    card = cards.first
    for stage in STAGES:
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    _presence(card, seen, "seen", PROCESSING_TIMEOUT_MS)
    _presence(card, absent, "not_seen")
    _presence(card, no_photo, "no_reference")  # its own state: not “absent”
    expect(card.get_by_test_id(f"presence-{no_photo}")).to_contain_text("缺少参考照片")
    standing = card.get_by_test_id("session-standing")
    expect(standing).to_have_attribute("data-state", "checks_failed")
    expect(standing).to_contain_text("暂不计入")
    expect(page.get_by_test_id("quota-bar")).to_contain_text("教研活动视频 0 / 1")
    expect(card.get_by_test_id("analysis-unknown-count")).to_have_text("2")  # Kit Harington, and the signer
    shots.take(page, "session-no-photo")

    # The missing photo, added from the session card: the card updates, no new upload.
    card.get_by_test_id(f"add-photo-{no_photo}").click()
    card.get_by_test_id(f"photo-input-{no_photo}").set_input_files(str(PHOTOS / "kit_harington" / "john1.jpeg"))
    _presence(cards.first, no_photo, "seen", PROCESSING_TIMEOUT_MS)
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_test_id("stage-identify")).to_have_attribute("data-state", "done", timeout=PROCESSING_TIMEOUT_MS)
    _presence(card, absent, "not_seen")
    expect(card.get_by_test_id("analysis-unknown-count")).to_have_text("1")  # only the signer now
    expect(card.get_by_test_id("session-standing")).to_have_attribute("data-state", "checks_failed")
    shots.take(page, "session-photo-added")

    # The leader's judgement: a reason is required, then the session counts.
    card.get_by_test_id("accept-session").click()
    expect(card.get_by_role("alert")).to_contain_text("请填写理由")
    card.get_by_test_id("accept-reason").fill(REASON)
    card.get_by_test_id("accept-session").click()
    card = cards.first
    expect(card.get_by_test_id("session-standing")).to_have_attribute("data-state", "counts_accepted")
    expect(card.get_by_test_id("session-acceptance")).to_contain_text(REASON)
    expect(page.get_by_test_id("quota-bar")).to_contain_text("教研活动视频 1 / 1")
    shots.take(page, "session-accepted")

    admin = open_page()
    login(admin, "schooladmin")
    expect(admin.get_by_test_id("school-sessions").locator("[data-flagged=true]")).to_have_count(1)
    audit = admin.get_by_test_id("audit-log")
    entry = audit.locator("tr[data-action=accept]")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(REASON)
    expect(entry).to_contain_text("leader")
    shots.take(admin, "school-admin-sees-acceptance")
