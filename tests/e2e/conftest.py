"""Browser-test fixtures: the live stack, Debian's Chromium, pages per user, screenshots.

Everything a run leaves behind (screenshots, the stack's logs, the browser console) goes
to tests/.artifacts/e2e/, emptied when the session's first browser test starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import PROJECT_ROOT
from tests import media_factory
from tests.e2e.browser import LAUNCH_ARGS, UI_TIMEOUT_MS, chromium_path
from tests.e2e.screenshots import Shots, watch
from tests.e2e.stack import LiveStack, start_stack
from tests.plugins.db import REQUIRE_SERVICES

# KEJIAN_TEST_E2E_ARTIFACTS moves them, e.g. for two runs at once in one checkout.
ARTIFACTS = Path(os.environ.get("KEJIAN_TEST_E2E_ARTIFACTS", PROJECT_ROOT / "tests" / ".artifacts" / "e2e"))
UI_DIST = PROJECT_ROOT / "review_ui" / "dist"
_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def e2e_artifacts() -> Path:
    """The artifacts folder, emptied once per session so every file in it is from this run."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    (ARTIFACTS / "logs").mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="package")
def ui_bundle() -> Path:
    """The built UI every stack serves; without it the browser tests fail, saying how to build it."""
    if not (UI_DIST / "index.html").exists():
        pytest.fail(f"the UI bundle is missing ({UI_DIST}/index.html): build it with `make ui`", pytrace=False)
    return UI_DIST


# Package scope: one stack and one browser for all of tests/e2e, stopped as soon as the
# browser tests are done rather than idling through the rest of the suite. A module that needs
# other settings overrides ``live_stack`` with a stack of its own (test_08_custom_rules.py).
@pytest.fixture(scope="package")
def live_stack(ui_bundle: Path, e2e_artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    stack = start_stack(tmp_path_factory.mktemp("e2e-var"), e2e_artifacts / "logs")
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="package")
def browser(e2e_artifacts: Path):
    """Debian's Chromium, headless; missing it fails under KEJIAN_TEST_REQUIRE_SERVICES=1."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not installed (apt-get install chromium, or set KEJIAN_TEST_CHROMIUM)"
        if REQUIRE_SERVICES:
            pytest.fail(f"{message}; required because KEJIAN_TEST_REQUIRE_SERVICES=1", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)  # auto-waiting assertions, patient on a busy machine
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture
def open_page(
    request: pytest.FixtureRequest, browser, live_stack: LiveStack, e2e_artifacts: Path
) -> Iterator[Callable]:
    """``open_page(viewport=..., locale=...)``: a page in a fresh context (its own cookies and storage).

    Console messages and page errors go to logs/console-<test>.log; if the test fails, each
    page still open is saved as FAILED-<test>-<n>.png.
    """
    contexts = []
    console = open(e2e_artifacts / "logs" / f"console-{request.node.name}.log", "a", encoding="utf-8")

    def factory(*, viewport: dict | None = None, locale: str = "zh-CN", **options):
        context = browser.new_context(
            base_url=live_stack.base_url,
            viewport=viewport or {"width": 1280, "height": 800},
            locale=locale,
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(UI_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch(page)
        tag = f"page{len(contexts)}"
        page.on("console", lambda msg: console.write(f"[{tag}] {msg.type}: {msg.text}\n"))
        page.on("pageerror", lambda error: console.write(f"[{tag}] pageerror: {error}\n"))
        return page

    yield factory
    if request.node.stash.get(_FAILED, False):
        for n, context in enumerate(contexts, 1):
            for page in context.pages:
                if not page.is_closed():
                    page.screenshot(path=e2e_artifacts / f"FAILED-{request.node.name}-{n}.png", full_page=True)
    for context in contexts:
        context.close()
    console.close()


@pytest.fixture
def shots(request: pytest.FixtureRequest, e2e_artifacts: Path) -> Shots:
    """Numbered screenshots; a test's module may set ``SHOT_PREFIX`` (the scenario uses none)."""
    return Shots(e2e_artifacts, prefix=getattr(request.module, "SHOT_PREFIX", ""))


@pytest.fixture(scope="session")
def lesson_clip() -> Path:
    """30 s, 640x360, 15 fps, H.264 + AAC: a short lesson recording every browser plays."""
    return media_factory.make_clip(30, width=640, height=360, fps=15)
