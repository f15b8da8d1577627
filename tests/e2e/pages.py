"""Steps every browser test shares, written against the UI's data-testid contract."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from api.demo import DEMO_PASSWORD, SCHOOL
from tests.e2e.browser import PROCESSING_TIMEOUT_MS, UI_TIMEOUT_MS

STAGES = ("probe", "analyze", "transcode")


def login(page: Page, username: str, *, password: str = DEMO_PASSWORD, path: str = "/") -> None:
    """Sign in through the login form and wait until the app shows who is signed in."""
    page.goto(path)
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def api_json(page: Page, path: str) -> object:
    """GET an API path with the page's own session cookie (what the signed-in user may see).

    A GET is safe to send again, so a connection the server closed as it was reused is retried once.
    """
    try:
        response = page.request.get(path)
    except PlaywrightError as exc:
        if "ECONNRESET" not in str(exc):
            raise
        response = page.request.get(path)
    assert response.ok, f"GET {path} → {response.status}: {response.text()[:500]}"
    return response.json()


def wait_until_true(page: Page, expression: str, arg: object = None, *, timeout: float = UI_TIMEOUT_MS) -> None:
    """``page.wait_for_function`` that works under the app's CSP: the condition is polled from here.

    wait_for_function compiles its predicate inside the page with eval, which the policy (no
    'unsafe-eval') refuses; ``page.evaluate`` goes over the DevTools protocol, which it does not govern.
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout:.0f} ms: {expression}")
        page.wait_for_timeout(100)


def write_headers(page: Page) -> dict[str, str]:
    """What a write through ``page.request`` needs beside the session cookie: the anti-forgery token.

    The UI's own writes carry it (and the browser's Origin); a test's shortcut sends no Origin.
    """
    token = next((c["value"] for c in page.context.cookies() if c["name"] == "kejian_csrf"), "")
    return {"X-CSRF-Token": token}


def me(page: Page) -> dict:
    return api_json(page, "/api/auth/me")  # type: ignore[return-value]


def ensure_points_confirmed(page: Page, codes: tuple[str, ...]) -> None:
    """Confirm ``codes`` through the API unless a selection is already confirmed.

    For tests that start past the choosing step (the scenario chooses through the UI).
    """
    teacher_id = me(page)["teacher_id"]
    path = f"/api/teachers/{teacher_id}/selection"
    if api_json(page, path)["status"] == "confirmed":
        return
    saved = page.request.put(path, data={"codes": list(codes)}, headers=write_headers(page))
    assert saved.ok, saved.text()
    version = {"version": saved.json()["version"]}
    confirmed = page.request.post(f"{path}/confirm", data=version, headers=write_headers(page))
    assert confirmed.ok, confirmed.text()


def teacher_page_ready(page: Page) -> None:
    """Wait until the teacher's page has drawn its content (the chooser or the point cards)."""
    expect(page.get_by_test_id("page-title")).to_be_visible()
    content = page.locator("[data-testid=selection-rules], [data-testid^='submission-'] h3")
    expect(content.first).to_be_visible()


ROSTER_HEADER = "学校,学校编码,教研组,学科,姓名,工号,出生年份,角色,专任,参考照片"


def roster_csv(*teachers: tuple[str, str, int]) -> str:
    """A roster file's text: each (name, 工号, birth year) a full-time 教师 of the demo school's 语文教研组."""
    rows = [
        f"{SCHOOL[0]},{SCHOOL[1]},语文教研组,语文,{name},{staff_id},{born},教师,是,"
        for name, staff_id, born in teachers
    ]
    return "\n".join([ROSTER_HEADER, *rows, ""])


def hand_in_a1(page: Page, clip: Path, plan: Path, *, points: tuple[str, ...], submit_text: str) -> dict:
    """Choose ``points`` on 我的能力点, upload A1's lesson and its 学情分析方案, and press 提交.

    ``submit_text`` is what the button says: whom the work goes to (the leader, or the school admin
    for a leader's own work). Returns the submission as its author reads it.
    """
    page.goto("/my-points")
    expect(page.get_by_test_id("selection-rules")).to_be_visible()
    for code in points:
        page.get_by_test_id(f"point-option-{code}").click()
    page.get_by_test_id("selection-save").click()
    page.get_by_test_id("selection-confirm").click()
    card = page.get_by_test_id("submission-A1")
    card.get_by_test_id("upload-input").set_input_files(str(clip))
    expect(card.get_by_test_id("upload-progress")).to_have_attribute("data-percent", "100", timeout=60_000)
    for stage in STAGES:
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    card.get_by_test_id("document-input").set_input_files(str(plan))
    card = page.get_by_test_id("submission-A1")
    expect(card.get_by_test_id(f"requirement-{plan.stem}")).to_have_attribute("data-state", "satisfied")
    submit = card.get_by_test_id("submission-submit")
    expect(submit).to_have_text(submit_text)
    submit.click()
    expect(card.get_by_test_id("submission-submit")).to_have_count(0)
    mine = me(page)["teacher_id"]
    (work,) = [
        s for s in api_json(page, "/api/submissions") if s["capability_code"] == "A1" and s["teacher_id"] == mine
    ]
    assert work["state"] == "submitted", work
    return work


def grade_excellent(page: Page, comment: str) -> None:
    """On an open review page: every criterion 优秀, a score of 95, a comment, and 提交评分."""
    criteria = page.locator("[data-testid^='rubric-criterion-']")
    expect(criteria.first).to_be_visible()
    for n in range(criteria.count()):
        criteria.nth(n).select_option(label="优秀")
    page.get_by_test_id("score-value").fill("95")
    expect(page.get_by_test_id("score-verdict").locator("option:checked")).to_have_text("优秀")
    page.get_by_test_id("score-comment").fill(comment)
    page.get_by_test_id("score-submit").click()
    expect(page.get_by_test_id("score-submit")).to_have_count(0)
