"""The ``Content-Disposition`` of a download, so a file keeps its name on the user's disk.

Teachers name their files in Chinese (``教学设计.pdf``). HTTP headers are Latin-1, so the real
name travels percent-encoded as RFC 5987 / RFC 6266 ``filename*``, which every current browser
reads, and an ASCII ``filename`` beside it serves the rare client that does not.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote

_NOT_IN_QUOTES = re.compile(r'[^\x20-\x7e]|["\\%;]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_IN_QUOTES.sub("", plain)


def _ascii_fallback(filename: str) -> str:
    """The name without what a quoted ASCII header value cannot hold (``教学设计.pdf`` → ``document.pdf``)."""
    stem, ext = posixpath.splitext(filename)
    return f"{_ascii(stem).strip(' ._-') or 'document'}{_ascii(ext)}"


def attachment(filename: str) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''percent-encoded`` for ``filename``."""
    name = _CONTROL.sub("", filename).strip() or "document"
    return f"attachment; filename=\"{_ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
