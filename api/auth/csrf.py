"""Anti-forgery tokens: an HMAC of the session token, handed to the page in a readable cookie.

The session cookie is HttpOnly, so a page cannot read it; the CSRF cookie next to it can be
read by our own scripts only (same origin) and echoed in ``X-CSRF-Token``. A forged request
from another site carries the session cookie but cannot know this value, and a cookie planted
by a neighbouring site is useless without the server's secret (it must match the session).
"""

from __future__ import annotations

import hashlib
import hmac

from starlette.responses import Response

from config import Settings

HEADER = "x-csrf-token"


def csrf_token(secret: str, session_token: str) -> str:
    """The anti-forgery value bound to one session."""
    return hmac.new(secret.encode(), b"csrf\n" + session_token.encode(), hashlib.sha256).hexdigest()


def token_matches(secret: str, session_token: str, given: str) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(secret, session_token), given)


def set_csrf_cookie(response: Response, settings: Settings, session_token: str) -> None:
    """Give the page the token for ``session_token`` (readable by script, never sent cross-site)."""
    response.set_cookie(
        settings.csrf_cookie_name,
        csrf_token(settings.secret_key, session_token),
        max_age=settings.session_ttl_s,
        httponly=False,
        samesite="strict",
        secure=settings.cookie_secure,
    )
