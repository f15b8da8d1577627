"""Download names: the real name in RFC 5987 form, a plain ASCII one beside it, nothing injected."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from storage.disposition import attachment


@pytest.mark.parametrize(
    "filename, fallback",
    [
        ("教学设计.pdf", "document.pdf"),
        ("课件 v2.pptx", "v2.pptx"),
        ("report final.docx", "report final.docx"),
        ("Élève.pdf", "Eleve.pdf"),
        ('a"b\\c;%.pdf', "abc.pdf"),
        ("", "document"),
    ],
)
def test_the_name_survives_and_the_fallback_is_plain_ascii(filename, fallback):
    header = attachment(filename)
    assert header.isascii()
    plain, encoded = header.split("; ")[1:]
    assert plain == f'filename="{fallback}"'
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == (filename or "document")


def test_line_breaks_cannot_start_another_header():
    header = attachment("x.pdf\r\nSet-Cookie: session=stolen")
    assert "\r" not in header and "\n" not in header
    assert header.count(";") == 2  # the name's own ';' and ':' are quoted away
