"""The text of an uploaded CSV, as Chinese schools' spreadsheets save it."""

from __future__ import annotations

from api.errors import UnsupportedMedia
from domain.reasons import Reason


def decode_csv(data: bytes, unreadable: Reason) -> str:
    """UTF-8 (with or without a BOM), else GB18030: Excel on Chinese Windows saves CSV in GBK.

    Text holding NUL bytes is no CSV (a binary file under a .csv name): refused as ``unreadable``.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnsupportedMedia(unreadable)
