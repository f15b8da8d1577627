"""Argon2id password hashing: the library's recommended profile for every password a person chose.

One-time passwords (the roster import's and a school admin's reset) are different: about 113
random bits (``domain.one_time_passwords``: 25 symbols without lookalikes, grouped for reading
off a printed slip), never chosen by a person. Their strength is that entropy, not the hash's
cost (no offline search reaches 2^112), so they get a light argon2id profile: about 2 ms
instead of about 170 ms, which is what lets 2,000 accounts be created in one request. They
are valid only until the first sign-in, which must replace them (``must_change_password``),
and a sign-in with one rehashes it with the full profile anyway (``needs_rehash``). NIST
SP 800-63B §5.1.2.2 asks for a slow hash only below 112 bits for such secrets.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.one_time_passwords import readable_password

_hasher = PasswordHasher()
_one_time_hasher = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1)

# Verifying against this keeps sign-in timing the same whether or not the user exists.
_DUMMY_HASH = _hasher.hash("kejian-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def one_time_password() -> tuple[str, str]:
    """A new random password and its (light) hash; show the first once, store the second."""
    password = readable_password()
    return password, _one_time_hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    ok = _verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    if password_hash is not None and needs_rehash(password_hash):
        # A light hash answers sooner; pay the full price too, so timing does not tell that
        # an account still has its one-time password.
        _verify(_DUMMY_HASH, password)
    return ok


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash is weaker than the full profile (a one-time one, or old parameters)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
