"""Keyset cursors: a list's position (the last row's full sort key) as an opaque, signed token.

A list that grows pages by the key of the last row seen (``WHERE key < :after``), not by how many
rows to skip: a deep page costs what the first does, and a row added at the head while someone
pages does not shift, skip or repeat the rows after it. The token carries the list's name and
that key, signed with the server's secret, so a cursor edited by hand, cut short, or taken from
another list is refused (``BadCursor``) instead of silently starting somewhere else.

    token = base64url(JSON [list name, key…]) "." base64url(HMAC-SHA256(secret, payload)[:12])

Keys are tuples of ``int``, ``str`` and timezone-aware ``datetime`` (sent as ISO 8601).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import datetime

KeyPart = int | str | datetime
MAX_TOKEN = 512  # characters: a key of a timestamp and a 36-character id is about 110
_MAC_BYTES = 12
_MAX_TEXT = 64  # the longest id a key holds (recordings: 36)


class BadCursor(ValueError):
    """The token is not a position this server gave out for this list."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise BadCursor("not base64url") from exc


def _mac(secret: str, payload: bytes) -> bytes:
    return hmac.new(secret.encode(), b"keyset\n" + payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _dump(part: KeyPart) -> int | str:
    if isinstance(part, datetime):
        if part.tzinfo is None:
            raise ValueError("naive datetime in a cursor key")
        return part.isoformat()
    return part


def encode(secret: str, name: str, key: tuple[KeyPart, ...]) -> str:
    """The token for the position after the row whose sort key is ``key`` in list ``name``."""
    payload = json.dumps([name, *map(_dump, key)], ensure_ascii=False, separators=(",", ":")).encode()
    return f"{_b64(payload)}.{_b64(_mac(secret, payload))}"


def _load(value: object, kind: type) -> KeyPart:
    if kind is int and type(value) is int:
        return value
    if kind is str and isinstance(value, str) and len(value) <= _MAX_TEXT:
        return value
    if kind is datetime and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise BadCursor(f"not a {kind.__name__}")


def decode(secret: str, name: str, token: str, shape: tuple[type, ...]) -> tuple[KeyPart, ...]:
    """The key ``encode`` put in ``token`` for list ``name``, its parts of the types ``shape``."""
    if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise BadCursor("not a cursor")
    body, mac = token.split(".")
    payload = _unb64(body)
    if not hmac.compare_digest(_unb64(mac), _mac(secret, payload)):
        raise BadCursor("signature does not match")
    try:
        parts = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadCursor("not JSON") from exc
    if not isinstance(parts, list) or len(parts) != len(shape) + 1 or parts[0] != name:
        raise BadCursor("a cursor of another list")
    return tuple(_load(value, kind) for value, kind in zip(parts[1:], shape, strict=True))
