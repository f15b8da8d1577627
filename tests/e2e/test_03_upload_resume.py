"""A page reload in the middle of an upload: choosing the same file again sends only the parts
the server is missing, into the same server-side upload, and the recording is processed.

Every part after the first fails in the browser (the network "drops") until the page is
reloaded, so the reload is sure to land mid-upload with exactly one part stored; nothing
here depends on how fast the machine is.
"""

from __future__ import annotations

import math
import re
import shutil

import pytest
from playwright.sync_api import Page, Request, Route, expect

from tests import media_factory
from tests.e2e.browser import PROCESSING_TIMEOUT_MS
from tests.e2e.pages import api_json, ensure_points_confirmed, login

pytestmark = pytest.mark.e2e
SHOT_PREFIX = "resume-"
POINTS = ("A1", "A2", "A5")
UPLOAD_POINT = "A2"  # the scenario uses A1; this test works alone too
PART_URL = re.compile(r"/api/uploads/([^/?]+)/parts/(\d+)")
# Noise keeps x264 from compressing the clip below several 8 MiB parts (the server's part size).
NOISY = ["-vf", "noise=alls=60:allf=t", "-b:v", "6M", "-maxrate", "6M", "-bufsize", "2M"]


def _part_number(request: Request) -> int | None:
    found = PART_URL.search(request.url)
    return int(found.group(2)) if found and request.method == "PUT" else None


def _opens_upload(request: Request) -> bool:
    return request.method == "POST" and request.url.endswith("/api/uploads")


def _created_upload(page: Page, input_locator, path) -> dict:
    with page.expect_response(lambda r: _opens_upload(r.request)) as created:
        with page.expect_request(lambda r: _part_number(r) == 2):
            input_locator.set_input_files(path)
    return created.value.json()


def test_a_reload_mid_upload_resumes_with_the_missing_parts_only(open_page, shots, tmp_path):
    clip = tmp_path / "课堂实录-A2.mp4"
    shutil.copyfile(media_factory.make_clip(30, width=640, height=360, fps=15, extra_args=NOISY), clip)
    page = open_page()
    login(page, "teacher")
    ensure_points_confirmed(page, POINTS)
    page.reload()

    sent: list[int] = []  # part numbers PUT, over both page loads
    created: list[str] = []  # uploads opened (POST /api/uploads)
    page.context.on("request", lambda r: sent.append(n) if (n := _part_number(r)) is not None else None)
    page.context.on("request", lambda r: created.append(r.url) if _opens_upload(r) else None)

    def drop_later_parts(route: Route) -> None:
        if _part_number(route.request) == 1:
            route.continue_()
        else:
            route.abort("internetdisconnected")  # never reaches the server; Uppy retries in vain

    page.route(PART_URL, drop_later_parts)
    card = page.get_by_test_id(f"submission-{UPLOAD_POINT}")
    upload = _created_upload(page, card.get_by_test_id("upload-input"), clip)
    assert upload["part_count"] >= 2, upload
    expect(card.get_by_test_id("upload-progress")).not_to_have_attribute("data-percent", "0")
    shots.take(page, "stalled")

    page.reload()  # while parts still fail, so no retry can slip through first
    page.unroute_all(behavior="wait")
    status = api_json(page, f"/api/uploads/{upload['upload_id']}")
    assert [p["number"] for p in status["stored_parts"]] == [1], status
    card = page.get_by_test_id(f"submission-{UPLOAD_POINT}")
    stored_percent = math.floor(status["bytes_stored"] / status["size"] * 100)
    expect(card.get_by_test_id("upload-progress")).to_have_attribute("data-percent", str(stored_percent))
    shots.take(page, "after-reload")

    card.get_by_test_id("upload-input").set_input_files(clip)
    for stage in ("probe", "analyze", "transcode"):
        expect(card.get_by_test_id(f"stage-{stage}")).to_have_attribute(
            "data-state", "done", timeout=PROCESSING_TIMEOUT_MS
        )
    shots.take(page, "resumed-done")

    assert len(created) == 1, f"a fresh upload was opened instead of resuming: {created}"
    assert sent.count(1) == 1, f"part 1 was sent again: {sent}"
    assert sorted(set(sent)) == list(range(1, upload["part_count"] + 1)), sent
    assert api_json(page, f"/api/uploads/{upload['upload_id']}")["state"] == "completed"
    mine = [s for s in api_json(page, "/api/submissions") if s["capability_code"] == UPLOAD_POINT]
    assert [s["recording_id"] for s in mine] == [upload["recording_id"]], mine
