"""Usernames for imported accounts: the 工号 when free, else school-qualified, always the same."""

from __future__ import annotations

from itertools import islice

import pytest

from domain.usernames import USERNAME_MAX_LENGTH, choose_username, fit, username_candidates


def test_candidates_in_order():
    assert list(islice(username_candidates("T001", "XH-001"), 4)) == [
        "T001",
        "XH-001-T001",
        "XH-001-T001-2",
        "XH-001-T001-3",
    ]


@pytest.mark.parametrize(
    "taken, expected",
    [
        (set(), "T001"),  # the 工号 is free: it is the username, as before
        ({"T001"}, "XH-001-T001"),  # another school's T001 has it
        ({"T001", "XH-001-T001"}, "XH-001-T001-2"),  # even the qualified name is someone's
        ({"T001", "XH-001-T001", "XH-001-T001-2"}, "XH-001-T001-3"),
    ],
)
def test_choose_the_first_free_candidate(taken, expected):
    assert choose_username("T001", "XH-001", taken=taken.__contains__) == expected


def test_the_choice_is_deterministic():
    taken = {"T001"}.__contains__
    assert {choose_username("T001", "XH-001", taken=taken) for _ in range(5)} == {"XH-001-T001"}


def test_long_names_fit_the_column_and_stay_distinct():
    code, staff = "S" * 40, "T" * 40
    qualified = choose_username(staff, code, taken={staff}.__contains__)
    assert len(qualified) == USERNAME_MAX_LENGTH and qualified.startswith("S" * 20) and "~" in qualified
    other = choose_username(staff, "R" + "S" * 39, taken={staff}.__contains__)
    assert other != qualified and len(other) == USERNAME_MAX_LENGTH
    assert fit(qualified) == qualified and fit("T001") == "T001"
    assert fit(f"{code}-{staff}") == qualified, "the same long name always gives the same short one"
