"""Keyset cursors: a key survives the round trip exactly; anything not signed for this list is refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from domain import keyset

SECRET = "s" * 48
MOMENT = datetime(2026, 12, 6, 9, 30, 1, 123456, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize(
    "shape, key",
    [((int,), (42,)), ((datetime, str), (MOMENT, "6508fb14-00c0-4129-ac59-3a7c107524aa")), ((str,), ("课鉴",))],
)
def test_a_key_comes_back_exactly(shape, key):
    token = keyset.encode(SECRET, "recordings", key)
    assert token.isascii() and len(token) <= keyset.MAX_TOKEN
    assert keyset.decode(SECRET, "recordings", token, shape) == key
    assert keyset.decode(SECRET, "recordings", token, shape)[0].__class__ is key[0].__class__


def test_a_naive_time_is_never_put_in_a_cursor():
    with pytest.raises(ValueError):
        keyset.encode(SECRET, "recordings", (datetime(2026, 1, 1), "x"))


def test_anything_this_server_did_not_sign_for_this_list_is_refused():
    token = keyset.encode(SECRET, "audit", (7,))
    refused = [
        ("another secret", keyset.encode("t" * 48, "audit", (7,)), "audit", (int,)),
        ("another list", token, "submissions", (int,)),
        ("another shape", token, "audit", (int, str)),
        ("a text for a number", keyset.encode(SECRET, "audit", ("7",)), "audit", (int,)),
        ("a flag for a number", keyset.encode(SECRET, "audit", (True,)), "audit", (int,)),
        ("not a time", keyset.encode(SECRET, "audit", ("yesterday",)), "audit", (datetime,)),
        ("a time without its zone", keyset.encode(SECRET, "audit", ("2026-01-01T00:00:00",)), "audit", (datetime,)),
        ("cut short", token[:-1], "audit", (int,)),
        ("no signature", token.split(".")[0], "audit", (int,)),
        ("not base64", "@@@.@@@", "audit", (int,)),
        ("too long", "a" * (keyset.MAX_TOKEN + 1), "audit", (int,)),
    ]
    for why, bad, name, shape in refused:
        with pytest.raises(keyset.BadCursor):
            keyset.decode(SECRET, name, bad, shape)
            pytest.fail(why)
