"""Steps every browser test shares, written against the UI's data-testid contract."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from api.demo import DEMO_PASSWORD, SCHOOL


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
    saved = page.request.put(path, data={"codes": list(codes)})
    assert saved.ok, saved.text()
    confirmed = page.request.post(f"{path}/confirm", data={"version": saved.json()["version"]})
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
