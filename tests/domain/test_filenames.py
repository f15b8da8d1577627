"""clean_filename: what a client-given name becomes before it is stored or shown."""

from __future__ import annotations

import unicodedata

import pytest

from domain.filenames import MAX_LENGTH, clean_filename


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("lesson.mp4", "lesson.mp4"),
        ("公开课 第一节.mp4", "公开课 第一节.mp4"),
        ("les\x00son.mp4", "lesson.mp4"),  # NUL: PostgreSQL refuses it in text
        ("lesson\r\nSet-Cookie: x.mp4", "lessonSet-Cookie: x.mp4"),  # CR/LF: forged log lines, headers
        ("\x1b[31mred\x1b[0m.mp4", "[31mred[0m.mp4"),  # ESC: terminal escapes lose their ESC
        ("lesson\u202egpj.mp4", "lessongpj.mp4"),  # RIGHT-TO-LEFT OVERRIDE
        ("a\u2066b\u2067c\u2068d\u2069.mp4", "abcd.mp4"),  # bidi isolates U+2066–U+2069
        ("a\u200bb\u200cc\u200dd\ufeff.mp4", "abcd.mp4"),  # zero-width space/joiners, BOM
        ("\u202a\u202b\u202c\u202d\u200e\u200fx.mp4", "x.mp4"),  # embeddings, marks
        ("e\u0301cole.mp4", "\u00e9cole.mp4"),  # combining sequence → NFC
        ("Å.mp4".replace("Å", "A\u030a"), "\u00c5.mp4"),
        ("a\u00a0\u3000 b.mp4", "a b.mp4"),  # other spaces read as one space
        ("  padded.mp4  ", "padded.mp4"),
        ("C:\\Users\\x\\lesson.mp4", "lesson.mp4"),  # a path: the last part is the name
        ("../../etc/passwd", "passwd"),
        ("\ue000private.mp4", "private.mp4"),  # private use
        ("trailing.mp4...", "trailing.mp4"),
    ],
)
def test_cleaning(raw, expected):
    assert clean_filename(raw) == expected


@pytest.mark.parametrize("raw", ["", None, "\x00\x01\x02", "\u202e\u2066\u200b", "\r\n\t", "..", "/", "   "])
def test_a_name_with_nothing_printable_left_becomes_the_fallback(raw):
    assert clean_filename(raw, fallback="document.pdf") == "document.pdf"


def test_length_is_capped_keeping_the_extension():
    name = clean_filename("长" * 400 + ".mp4")
    assert len(name) == MAX_LENGTH
    assert name.endswith("长.mp4")


def test_the_cap_never_splits_a_base_character_from_its_combining_marks():
    # "q" + COMBINING DOT BELOW has no precomposed form: NFC keeps two code points.
    raw = "q\u0323" * 200 + ".mp4"
    name = clean_filename(raw, limit=101)
    assert len(name) <= 101
    stem = name.removesuffix(".mp4")
    assert not unicodedata.category(stem[0]).startswith("M")
    assert stem.endswith("q\u0323")
    assert stem == "q\u0323" * (len(stem) // 2)


def test_a_cap_without_an_extension_cuts_on_a_boundary():
    name = clean_filename("x" + "q\u0323" * 300, limit=50)
    assert len(name) <= 50 and not unicodedata.category(name[-1]).startswith("M") or name.endswith("q\u0323")
    assert not name.endswith("q")


def test_cleaning_is_idempotent():
    for raw in ["les\x00son\u202e.mp4", "e\u0301\u200b.mp4", "长" * 300 + ".mov"]:
        once = clean_filename(raw)
        assert clean_filename(once) == once
