"""Readable one-time passwords: no lookalikes, at least 112 bits, five groups of five."""

from __future__ import annotations

import re
from itertools import cycle

import pytest

from domain.one_time_passwords import (
    ALPHABET,
    GROUP_SIZE,
    GROUPS,
    LOOKALIKES,
    MIN_BITS,
    entropy_bits,
    readable_password,
    typed_as_printed,
)

SHAPE = re.compile(rf"^[{ALPHABET}]{{5}}(-[{ALPHABET}]{{5}}){{4}}$")


@pytest.mark.parametrize("lookalikes", LOOKALIKES, ids=lambda s: "".join(sorted(s)))
def test_the_alphabet_keeps_at_most_one_of_each_lookalike_set(lookalikes):
    assert len(lookalikes & set(ALPHABET)) <= 1


@pytest.mark.parametrize("absent", list("0O1Il2Z5S8BGVQ"))
def test_the_usual_lookalikes_are_absent(absent):
    assert absent not in ALPHABET


def test_the_alphabet_is_one_case_and_has_no_repeats():
    assert ALPHABET == ALPHABET.upper() and len(set(ALPHABET)) == len(ALPHABET) == 23


def test_the_password_keeps_at_least_112_bits():
    assert MIN_BITS == 112 and entropy_bits() >= MIN_BITS
    assert entropy_bits(length=GROUP_SIZE * GROUPS - 1) < MIN_BITS, "no character to spare: 25 is the fewest"


def test_passwords_are_five_groups_of_five_joined_by_hyphens():
    passwords = {readable_password() for _ in range(200)}
    assert len(passwords) == 200
    assert all(SHAPE.match(p) for p in passwords), passwords


def test_every_symbol_comes_from_the_chooser():
    symbols = cycle("AC")
    assert readable_password(lambda alphabet: next(symbols)) == "ACACA-CACAC-ACACA-CACAC-ACACA"


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("ACDEF-HJKLM-NPRTU-WXY34-67937", "ACDEF-HJKLM-NPRTU-WXY34-67937"),
        ("acdef-hjklm-nprtu-wxy34-67937", "ACDEF-HJKLM-NPRTU-WXY34-67937"),
        ("ACDEFHJKLMNPRTUWXY3467937", "ACDEF-HJKLM-NPRTU-WXY34-67937"),
        (" ACDEF HJKLM NPRTU WXY34 67937 ", "ACDEF-HJKLM-NPRTU-WXY34-67937"),
        ("correct-horse-battery", "correct-horse-battery"),  # not a slip's shape: left alone
    ],
)
def test_what_was_typed_is_read_as_printed(typed, printed):
    assert typed_as_printed(typed) == printed
