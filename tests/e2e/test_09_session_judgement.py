"""A group session that counts, through the UI only (issue 16):

a member's photo waits for that teacher's own consent to face identification (issue 19): the
roster says so, the teacher ticks 同意 on their own page, the leader consents on her own row. The
leader adds the member's photo, uploads a session with three participants — herself without a
photo, shown as “no photo”, not as absent, and a member who never consented, shown as
“未同意人脸识别”, not looked for — adds her photo from the session card, and the card updates
without a new upload: she is identified, and never there. The leader accepts the session with a
reason, it counts toward the group, and the school admin finds the acceptance flagged and in the
audit log.

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


def _consent(scope, teacher_id: int) -> None:
    """The teacher themself reads the notice, ticks 同意 and agrees (PIPL: a separate consent)."""
    scope.get_by_test_id(f"consent-tick-{teacher_id}").check()
    scope.get_by_test_id(f"consent-agree-{teacher_id}").click()
    expect(scope.get_by_test_id(f"consent-given-{teacher_id}")).to_be_visible()


def test_leader_makes_a_session_count_from_the_ui(open_page, shots) -> None:
    page = open_page()
    login(page, "leader")
    ids = _ids(page)
    # 李娜 (Obama on camera), the leader 王芳 herself (never there), 刘洋 (never consented to face identification)
    seen, absent, no_consent = ids["T002"], ids["T001"], ids["T004"]

    roster = page.get_by_test_id("group-roster")
    expect(roster).to_be_visible()
    # Nobody's photo is added before that teacher consented: the roster says so instead of an upload button.
    expect(roster.get_by_test_id(f"consent-missing-{seen}")).to_contain_text("尚未同意人脸识别")
    expect(roster.get_by_test_id(f"consent-missing-{no_consent}")).to_be_visible()
    expect(roster.get_by_test_id(f"photo-control-{no_consent}").locator("label.photo-pick").first).to_be_hidden()
    _consent(roster, absent)  # the leader's own row: her consent is hers to give
    member = open_page()
    login(member, "teacher")
    card = member.get_by_test_id("my-photo")
    expect(card.get_by_test_id(f"consent-{seen}")).to_contain_text("用途")
    _consent(card, seen)
    shots.take(member, "teacher-consents")
    page.reload()
    roster = page.get_by_test_id("group-roster")
    expect(roster.get_by_test_id(f"consent-given-{seen}")).to_be_visible()
    _add_photo(roster, seen, PHOTOS / "obama" / "obama.jpg")
    expect(page.get_by_test_id(f"participant-photo-{absent}")).to_have_attribute("data-photo", "none")
    shots.take(page, "roster-photos")

    for teacher_id in (seen, absent, no_consent):
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
    _presence(card, absent, "no_reference")  # its own state: not “absent”
    expect(card.get_by_test_id(f"presence-{absent}")).to_contain_text("缺少参考照片")
    _presence(card, no_consent, "no_consent")  # not looked for, and not failed as absent either
    expect(card.get_by_test_id(f"presence-{no_consent}")).to_contain_text("未同意人脸识别")
    standing = card.get_by_test_id("session-standing")
    expect(standing).to_have_attribute("data-state", "checks_failed")
    expect(standing).to_contain_text("暂不计入")
    expect(page.get_by_test_id("quota-bar")).to_contain_text("教研活动视频 0 / 1")
    expect(card.get_by_test_id("analysis-unknown-count")).to_have_text("2")  # Kit Harington, and the signer
    shots.take(page, "session-no-photo")

    # The missing photo, added from the session card: the card updates, no new upload.
    card.get_by_test_id(f"add-photo-{absent}").click()
    card.get_by_test_id(f"photo-input-{absent}").set_input_files(str(PHOTOS / "biden" / "biden.jpg"))
    _presence(cards.first, absent, "not_seen", PROCESSING_TIMEOUT_MS)
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_test_id("stage-identify")).to_have_attribute("data-state", "done", timeout=PROCESSING_TIMEOUT_MS)
    _presence(card, seen, "seen")
    _presence(card, no_consent, "no_consent")
    expect(card.get_by_test_id("analysis-unknown-count")).to_have_text("2")
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

    # A destructive button acts on its second click only: the leader deletes the session …
    card = cards.first
    remove = card.get_by_test_id("session-delete")
    remove.click()
    expect(remove).to_have_attribute("data-armed", "true")
    expect(cards).to_have_count(1)  # one click deleted nothing
    remove.click()
    expect(cards).to_have_count(0)
    expect(page.get_by_test_id("quota-bar")).to_contain_text("教研活动视频 0 / 1")

    # … and the member withdraws consent, which deletes her photo (PIPL: on request).
    member.reload()
    card = member.get_by_test_id("my-photo")
    expect(card.get_by_test_id(f"photo-state-{seen}")).to_have_attribute("data-photo", "ok")
    withdraw = card.get_by_test_id(f"consent-withdraw-{seen}")
    withdraw.click()
    expect(withdraw).to_contain_text("确认")
    expect(card.get_by_test_id(f"consent-given-{seen}")).to_be_visible()
    withdraw.click()
    expect(card.get_by_test_id(f"consent-tick-{seen}")).to_be_visible()
    expect(card.get_by_test_id(f"photo-state-{seen}")).to_have_attribute("data-photo", "none")
    shots.take(member, "teacher-withdrew-consent")
