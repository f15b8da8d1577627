"""What a new password must be: long enough, not guessable from nothing, and new."""

from __future__ import annotations

import pytest

from config import Settings
from domain.password_rules import check_new_password


@pytest.mark.parametrize(
    "new, username, same, codes",
    [
        ("correct-horse-battery", "T001", False, []),
        ("短而无效", "T001", False, ["password.too_short"]),
        ("1111111111", "T001", False, ["password.too_weak"]),  # long, but 1 distinct character
        ("abababababab", "T001", False, ["password.too_weak"]),
        ("xh-001-t001", "XH-001-T001", False, ["password.too_weak"]),  # the username, any case
        ("kejian-initial-pw", "T001", True, ["password.unchanged"]),
        ("aaa", "aaa", True, ["password.too_short", "password.too_weak", "password.unchanged"]),
    ],
)
def test_every_rule_is_reported(new, username, same, codes):
    found = check_new_password(new, username=username, same_as_current=same, min_length=10)
    assert [r.code for r in found] == codes
    assert all(r.zh and r.en for r in found)


def test_the_minimum_is_the_setting():
    assert Settings().password_min_length == 10
    assert check_new_password("abcdefgh", username="u", same_as_current=False, min_length=8) == ()
    [short] = check_new_password("abcdefgh", username="u", same_as_current=False, min_length=12)
    assert "12" in short.zh and "8" in short.en
