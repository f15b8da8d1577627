"""Sign-in names for accounts the roster import creates.

A 工号 (staff id) is unique only within its school, yet a username is unique everywhere and a
province imports many schools. So the 工号 itself is the username when nobody has it, and
otherwise the school-qualified ``{学校编码}-{工号}``; should even that be taken (a school code
that itself contains a hyphen, say), ``-2``, ``-3``… follow. The order is fixed, so the same
roster against the same accounts always gives the same names, and a dry run predicts them.
Names longer than the column allows keep their start and end in a short digest of the whole,
which stays distinct and deterministic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

USERNAME_MAX_LENGTH = 64  # the users.username column
_DIGEST_LENGTH = 8


def fit(name: str, max_length: int = USERNAME_MAX_LENGTH) -> str:
    """``name`` itself when short enough, else its start, ``~`` and a digest of all of it."""
    if len(name) <= max_length:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:_DIGEST_LENGTH]
    return f"{name[: max_length - _DIGEST_LENGTH - 1]}~{digest}"


def username_candidates(staff_id: str, school_code: str, *, max_length: int = USERNAME_MAX_LENGTH) -> Iterator[str]:
    """Usernames to try for a new account, best first: 工号, 学校编码-工号, then numbered."""
    yield fit(staff_id, max_length)
    qualified = f"{school_code}-{staff_id}"
    yield fit(qualified, max_length)
    number = 2
    while True:
        yield fit(f"{qualified}-{number}", max_length)
        number += 1


def choose_username(
    staff_id: str, school_code: str, *, taken: Callable[[str], bool], max_length: int = USERNAME_MAX_LENGTH
) -> str:
    """The first candidate for which ``taken`` is false (there always is one: the list is endless)."""
    return next(c for c in username_candidates(staff_id, school_code, max_length=max_length) if not taken(c))
