"""The app serves the built UI: index.html for page paths, assets under /ui/assets, a bilingual
how-to-build page while the bundle is missing, and JSON 404s for API paths either way."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from storage import build_store
from tests.harness import make_settings

INDEX = "<!doctype html><title>课鉴</title><div id=app></div>"
SCRIPT = "console.log('kejian')"


def _client(tmp_path: Path, dist: Path) -> TestClient:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'ui.sqlite3'}").model_copy(update={"ui_dist_dir": dist})
    return TestClient(create_app(settings, store=build_store(settings), send_task=lambda _message: None))


@pytest.fixture
def built(tmp_path: Path) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    (dist / "assets" / "app-1234.js").write_text(SCRIPT, encoding="utf-8")
    (dist / "assets" / "app-1234.js.gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (dist / "assets" / "styles-1234.css").write_text("body{}", encoding="utf-8")  # no .gz twin
    return _client(tmp_path, dist)


@pytest.fixture
def unbuilt(tmp_path: Path) -> TestClient:
    return _client(tmp_path, tmp_path / "no-dist")


@pytest.mark.parametrize("path", ["/", "/review/12", "/admin?lang=en", "/province/forwarded/3"])
def test_every_page_path_gets_the_app_shell_uncached(built, path):
    response = built.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


def test_bundled_assets_are_served_cached_for_good_and_a_missing_one_is_a_404(built):
    asset = built.get("/ui/assets/app-1234.js", headers={"Accept-Encoding": "identity"})
    assert asset.status_code == 200 and asset.text == SCRIPT
    assert "content-encoding" not in asset.headers
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert built.get("/ui/assets/missing.js").status_code == 404
    assert "kejian" not in built.get("/ui/assets/missing.js").text


@pytest.mark.parametrize("client_name", ["built", "unbuilt"])
@pytest.mark.parametrize("path", ["/api/nothing-here", "/api", "/api/recordings/x/no-such-thing/deeper"])
def test_unknown_api_paths_answer_a_bilingual_json_404(request, client_name, path):
    response = request.getfixturevalue(client_name).get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert path.split("?")[0] in error["message_en"] and error["message_zh"]


def test_api_routes_and_their_own_refusals_are_untouched(built):
    assert built.get("/healthz").status_code == 200
    refused = built.get("/api/auth/me")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "auth.required"
    assert built.post("/api/nothing-here").status_code == 404
    assert built.post("/api/auth/me").status_code == 405  # a real route, the wrong method


def test_without_a_bundle_pages_explain_how_to_build_it_in_both_languages(unbuilt, tmp_path):
    response = unbuilt.get("/")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "make ui" in response.text and "网页界面尚未构建" in response.text and "has not been built" in response.text
    assert str(tmp_path / "no-dist") in response.text
    assert "Traceback" not in response.text
    assert unbuilt.get("/ui/assets/app.js").status_code == 404


def test_a_bundle_built_after_start_is_served_without_a_restart(unbuilt, tmp_path):
    assert unbuilt.get("/teacher").status_code == 503
    dist = tmp_path / "no-dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    (dist / "assets" / "late.js").write_text("1", encoding="utf-8")
    assert unbuilt.get("/teacher").text == INDEX
    assert unbuilt.get("/ui/assets/late.js").text == "1"


def test_a_browser_that_accepts_gzip_gets_the_compressed_twin(built):
    raw = built.get("/ui/assets/app-1234.js", headers={"Accept-Encoding": "gzip, deflate"}, follow_redirects=False)
    assert raw.status_code == 200
    assert raw.headers["content-encoding"] == "gzip" and raw.headers["vary"] == "Accept-Encoding"
    assert raw.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert raw.text == SCRIPT  # the client decompressed it: the bytes were the gzip twin
    assert int(raw.headers["content-length"]) == len(gzip.compress(SCRIPT.encode()))
    plain = built.get("/ui/assets/styles-1234.css", headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == 200 and plain.text == "body{}" and "content-encoding" not in plain.headers
