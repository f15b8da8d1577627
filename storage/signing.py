"""HMAC-signed, expiring URLs for objects the app serves itself (the local-disk backend).

S3 presigns its own URLs; with local disk the app is the object server, so it needs the
same property: a link that works without a session for a short time and cannot be forged
or stretched to another key.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import quote, urlencode

MEDIA_ROUTE = "/api/media/"


def _signature(secret: str, key: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()


def signed_query(secret: str, subject: str, expires_s: int, *, now: float | None = None) -> str:
    """``expires=…&signature=…`` authorising ``subject`` (a key or a route path) for a while."""
    expires = int((now or time.time()) + expires_s)
    return f"expires={expires}&signature={_signature(secret, subject, expires)}"


def signed_url(secret: str, key: str, expires_s: int, *, now: float | None = None) -> str:
    return f"{MEDIA_ROUTE}{quote(key)}?{signed_query(secret, key, expires_s, now=now)}"


def download_subject(key: str, filename: str, content_type: str) -> str:
    """What a download link signs: the key and the name and type it is served under.

    Signing the type matters: a link re-typed as ``text/html`` would run a document's bytes as
    a page of this site. The prefix keeps it apart from a plain key's subject.
    """
    return f"download\n{key}\n{filename}\n{content_type}"


def signed_download_url(
    secret: str, key: str, expires_s: int, *, filename: str, content_type: str, now: float | None = None
) -> str:
    """A media URL that serves ``key`` as an attachment named ``filename``, typed ``content_type``."""
    subject = download_subject(key, filename, content_type)
    names = urlencode({"filename": filename, "type": content_type})
    return f"{MEDIA_ROUTE}{quote(key)}?{names}&{signed_query(secret, subject, expires_s, now=now)}"


def verify(
    secret: str, subject: str, expires: int, signature: str, *, max_lifetime_s: float, now: float | None = None
) -> bool:
    """A good signature on a link still live and not set to outlive what this server ever signs.

    The lifetime cap refuses a "never-expiring" link even if its signature holds (a leaked or
    formerly public secret), since no link this server makes lives longer.
    """
    now = now or time.time()
    if not now <= expires <= now + max_lifetime_s or not secret:
        return False
    return hmac.compare_digest(_signature(secret, subject, expires), signature)
