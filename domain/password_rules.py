"""What a new password must be: long enough, not trivially guessable, and actually new.

Length is what matters most against guessing (NIST SP 800-63B §5.1.1.2), so the minimum is a
setting (``KEJIAN_PASSWORD_MIN_LENGTH``). Beyond it we refuse only what is guessable without
any dictionary: the username itself and strings of very few distinct characters
("11111111", "abababab"). Composition rules (a digit, a capital…) are deliberately absent;
they make passwords harder to remember rather than to guess.
"""

from __future__ import annotations

from domain import reasons
from domain.reasons import Reason

MIN_DISTINCT_CHARACTERS = 4


def check_new_password(new: str, *, username: str, same_as_current: bool, min_length: int) -> tuple[Reason, ...]:
    """Every reason ``new`` may not replace the current password; empty when it may."""
    found: list[Reason] = []
    if len(new) < min_length:
        found.append(reasons.PASSWORD_TOO_SHORT.format(min_length=min_length, length=len(new)))
    guessable = new.casefold() == username.casefold() or len(set(new)) < MIN_DISTINCT_CHARACTERS
    if guessable:
        found.append(reasons.PASSWORD_TOO_WEAK.format(min_distinct=MIN_DISTINCT_CHARACTERS))
    if same_as_current:
        found.append(reasons.PASSWORD_UNCHANGED)
    return tuple(found)
