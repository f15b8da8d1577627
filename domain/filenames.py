"""Cleaning a file name a client gave us, before it is stored or shown anywhere.

A name travels to the database (PostgreSQL refuses NUL in text), to log lines (CR/LF forge
entries), to terminals (ESC sequences) and to pages, where a right-to-left override turns
``lesson\\u202egpj.mp4`` into what reads as "lesson4pm.jpg". So every client-given name is
normalised to NFC, loses every control, format (bidi overrides and isolates, zero-width
characters, BOM), separator-other-than-space and unassigned/private code point (CR, LF and
tab are controls: removed), has its whitespace runs folded to one space, and is capped at
:data:`MAX_LENGTH` characters on a character boundary, keeping the extension where it fits.
A name with nothing left becomes the caller's fallback. The result is the only name kept:
shown to people and put in downloads, never used as a storage key.
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 255
_MAX_EXTENSION = 16
# Unicode categories that never belong in a name: controls (Cc), format characters (Cf:
# bidi overrides/isolates, zero-width, BOM, soft hyphen), line/paragraph separators (Zl/Zp),
# surrogates (Cs), private use (Co) and unassigned (Cn).
_DROPPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _keep(char: str) -> bool:
    return unicodedata.category(char) not in _DROPPED


def _cut(text: str, limit: int) -> str:
    """``text[:limit]`` moved back so no base character loses its combining marks."""
    end = min(limit, len(text))
    while 0 < end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end -= 1
    return text[:end]


def _cap(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= _MAX_EXTENSION:
        return _cut(stem, limit - len(ext) - 1).rstrip(" .") + "." + ext
    return _cut(name, limit).rstrip(" .")


def clean_filename(raw: str | None, *, fallback: str = "file", limit: int = MAX_LENGTH) -> str:
    """The displayable, storable form of ``raw`` (``fallback`` when nothing printable is left).

    Folder parts (``a/b``, ``a\\b``) are dropped: a name is a name, never a path.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if _keep(c))
    # Any space separator (NBSP, ideographic space…) reads as a space; runs fold to one.
    text = " ".join(text.split())
    # Removing a character can bring a base and its combining mark together: normalise again.
    text = unicodedata.normalize("NFC", text).rstrip(".").strip()
    text = _cap(text, limit)
    return text or fallback
