"""Serve the web UI that ``make ui`` builds into ``review_ui/dist``.

The UI is a single-page app that owns its own paths (``/``, ``/review/12``…), so a GET that
no route answers and that is not an API path gets ``index.html``. Bundled files are under
``/ui/assets/``. API paths keep answering JSON 404s, in the bilingual error shape. When the
bundle has not been built, pages answer with a bilingual note saying how to build it.
Nothing is fetched from a CDN: schools are often offline or behind filters.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import error_body, http_error
from api.ui_assets import BundleAssets
from domain import reasons

ASSETS_PREFIX = "/ui/assets"
_NOT_PAGES = ("/api/", "/ui/")
_PAGE_METHODS = frozenset({"GET", "HEAD"})

MISSING_BUNDLE_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>课鉴 Kejian: 界面未构建 / UI not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
code{background:#f2f2f2;padding:0 .3em}</style></head>
<body>
<h1>网页界面尚未构建</h1>
<p>服务已启动，但找不到网页界面的文件（<code>{dist}</code>）。请在项目目录运行 <code>make ui</code>
（<code>make run</code> 会自动构建），然后刷新本页。接口仍可使用：<a href="/docs">/docs</a>。</p>
<h1 lang="en">The web UI has not been built</h1>
<p lang="en">The server is running, but the UI bundle is missing (<code>{dist}</code>). Run
<code>make ui</code> in the project folder (<code>make run</code> builds it too), then reload this page.
The API still works: <a href="/docs">/docs</a>.</p>
</body></html>
"""


def _is_page_request(request: Request) -> bool:
    path = request.url.path
    return request.method in _PAGE_METHODS and path != "/api" and not path.startswith(_NOT_PAGES)


def page_response(dist: Path) -> Response:
    """``index.html`` (never cached, so a rebuilt bundle is picked up), or the how-to-build note."""
    index = dist / "index.html"
    if not index.is_file():
        return HTMLResponse(MISSING_BUNDLE_HTML.replace("{dist}", str(dist)), status_code=503)
    return FileResponse(index, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})


def install_ui(app: FastAPI, dist: Path) -> None:
    """Serve the assets and answer unrouted page paths with the app shell."""
    app.mount(ASSETS_PREFIX, BundleAssets(directory=dist / "assets", check_dir=False), name="ui-assets")

    @app.exception_handler(StarletteHTTPException)
    async def _unrouted(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code != 404:
            return http_error(exc, request.method)
        if _is_page_request(request):
            return page_response(dist)
        if request.url.path.startswith("/api"):
            reason = reasons.NOT_FOUND.format(what="接口 " + request.url.path, what_en="API path " + request.url.path)
            return JSONResponse(error_body(reason), status_code=404)
        return http_error(exc, request.method)
