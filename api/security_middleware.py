"""Two guards around every request: refuse forged cross-site writes, and send the security headers.

A write (POST, PUT, PATCH, DELETE) that a browser sends with our session cookie must prove it
comes from our own pages: an Origin (or Referer) naming this host, or the anti-forgery token
(``api.auth.csrf``). A foreign or ``null`` origin is refused even with no cookie, which covers
sign-in (a cross-site form must not sign a victim into the attacker's account). Requests with a
bearer token (scripts, tests) carry no ambient credential and pass.

Every response gets a Content-Security-Policy without inline script, frame protection,
``nosniff`` and a same-origin Referrer-Policy (signed links never leak to other sites). These
are plain ASGI middlewares so streamed uploads and file responses pass through untouched.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.csrf import HEADER, token_matches
from api.errors import error_body
from config import Settings
from domain import reasons, security_reasons

_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Swagger UI and ReDoc load from a CDN with an inline bootstrap script; those pages show no user data.
_DOCS_PATHS = ("/docs", "/redoc")
_DOCS_CDN = "https://cdn.jsdelivr.net"


def _same_origin(source: str, host: str) -> bool:
    return bool(host) and urlsplit(source).netloc == host


def _cookie(headers: Headers, name: str) -> str | None:
    cookies = SimpleCookie()
    try:
        cookies.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header: treat as none
        return None
    morsel = cookies.get(name)
    return morsel.value if morsel else None


def csrf_refusal(scope: Scope, settings: Settings):
    """The reason to refuse this request as a possible forgery, or None to let it through."""
    if scope["method"] not in _UNSAFE:
        return None
    headers = Headers(scope=scope)
    if headers.get("authorization", "").lower().startswith("bearer "):
        return None
    source = headers.get("origin") or headers.get("referer")
    if source:
        return None if _same_origin(source, headers.get("host", "")) else reasons.CSRF_REJECTED
    session = _cookie(headers, settings.session_cookie_name)
    if session and not token_matches(settings.secret_key, session, headers.get(HEADER, "")):
        return security_reasons.CSRF_TOKEN_MISSING
    return None


class CsrfGuard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reason = csrf_refusal(scope, self.settings)
            if reason is not None:
                response = JSONResponse(error_body(reason), status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def content_security_policy(settings: Settings) -> str:
    """The app's CSP: own scripts only; blob: for hls.js's worker and media; S3 when it serves media."""
    s3 = ""
    if settings.storage_backend == "s3":
        endpoint = settings.s3_public_endpoint or settings.s3_endpoint
        s3 = " " + (endpoint if "://" in endpoint else ("https://" if settings.s3_secure else "http://") + endpoint)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",  # chart tooltips style their markup; no <style> injection
            f"img-src 'self' data: blob:{s3}",
            f"media-src 'self' blob:{s3}",
            f"connect-src 'self'{s3}",
            "worker-src 'self' blob:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


_DOCS_POLICY = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; style-src 'self' {_DOCS_CDN}; "
    "img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.policy = content_security_policy(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = _DOCS_POLICY if scope["path"] in _DOCS_PATHS else self.policy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_security(app, settings: Settings) -> None:
    """Headers outermost (so refusals get them too), the CSRF guard inside."""
    app.add_middleware(CsrfGuard, settings=settings)
    app.add_middleware(SecurityHeaders, settings=settings)
