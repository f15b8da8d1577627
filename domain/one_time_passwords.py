"""One-time passwords a person can read off a printed slip, say aloud and type without guessing.

The alphabet is upper-case letters and digits with every lookalike removed (0/O/Q, 1/I/l, 2/Z, 5/S,
8/B, 6/G, U/V: ``LOOKALIKES``): one case only, because a slip read aloud has no case, and a teacher typing
``k`` for ``K`` should not be locked out by it. Twenty-three symbols give about 4.52 bits a
character, so five groups of five (25 characters, about 113 bits) stay above the 112 bits
NIST SP 800-63B §5.1.2.2 asks of a random secret hashed lightly (``api.auth.passwords``).
Groups of five, joined by hyphens, are short enough to read and check one at a time.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable

# Sets of characters a reader can take for one another, printed or handwritten. Each set may
# leave at most one of its members in the alphabet; the test holds the alphabet to that.
LOOKALIKES: tuple[frozenset[str], ...] = (
    frozenset("0OoQDd"),
    frozenset("1lIi|"),
    frozenset("2Zz"),
    frozenset("5Ss"),
    frozenset("8B"),
    frozenset("6Gb"),
    frozenset("9gq"),
    frozenset("UVuv"),
)

ALPHABET = "34679ACDEFHJKLMNPRTUWXY"  # one case only: a slip read aloud has none
GROUP_SIZE = 5
GROUPS = 5
SEPARATOR = "-"
MIN_BITS = 112


def entropy_bits(alphabet: str = ALPHABET, length: int = GROUP_SIZE * GROUPS) -> float:
    """The password's strength: log2 of how many there are, each character chosen uniformly."""
    return length * math.log2(len(set(alphabet)))


def readable_password(choose: Callable[[str], str] = secrets.choice) -> str:
    """A new one-time password, ``XXXXX-XXXXX-XXXXX-XXXXX-XXXXX``; ``choose`` picks one symbol."""
    groups = ("".join(choose(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS))
    return SEPARATOR.join(groups)


def typed_as_printed(typed: str) -> str:
    """What a person typed from a slip, as it was printed: upper case, grouped, without stray spaces."""
    symbols = "".join(c for c in typed.upper() if c not in f"{SEPARATOR} ")
    if len(symbols) != GROUP_SIZE * GROUPS:
        return typed
    return SEPARATOR.join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))
