"""Sessions: issue, resolve and revoke opaque tokens; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import structlog
from sqlalchemy.orm import Session

from api.auth import repository
from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.errors import ApiError, Forbidden, Unauthenticated
from db.base import utcnow
from db.models import AuthSession, User
from domain import reasons
from domain.one_time_passwords import typed_as_printed
from domain.password_rules import check_new_password
from domain.roles import Actor, Role

log = structlog.get_logger(__name__)


class PasswordRefused(ApiError):
    status_code = 422


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _matching(user: User | None, typed: str) -> str | None:
    """The password as it matched the user's hash, or None (no user: a dummy check, same cost).

    An account that must still change its one-time password also matches the slip typed in lower
    case, with spaces or without hyphens, at sign-in and as the current password alike.
    """
    if verify_password(user.password_hash if user else None, typed):
        return typed
    printed = typed_as_printed(typed)
    if user is not None and user.must_change_password and printed != typed:
        return printed if verify_password(user.password_hash, printed) else None
    return None


def sign_in(session: Session, *, username: str, password: str, ttl_s: int) -> tuple[str, User]:
    user = repository.user_named(session, username)
    password = _matching(user, password)
    if password is None or user is None:
        raise Unauthenticated(reasons.BAD_CREDENTIALS)
    if not user.is_active:
        raise Unauthenticated(reasons.ACCOUNT_CLOSED)
    if needs_rehash(user.password_hash):  # a one-time password's light hash: bring it to full strength
        user.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(user_id=user.id, token_hash=_digest(token), expires_at=utcnow() + timedelta(seconds=ttl_s)))
    return token, user


def resolve(session: Session, token: str) -> User | None:
    row = repository.auth_session(session, _digest(token))
    if row is None or row.revoked or row.expires_at <= utcnow() or not row.user.is_active:
        return None
    return row.user


def sign_out(session: Session, token: str) -> None:
    row = repository.auth_session(session, _digest(token))
    if row is not None:
        row.revoked = True


def change_password(session: Session, user: User, *, current: str, new: str, keep_token: str, min_length: int) -> None:
    """Replace the user's password and sign out every other session of theirs.

    The current password is asked again even though the caller is signed in, so a session
    left open on a shared computer cannot lock its owner out. 403 when it is wrong (before
    anything about the new one is said), 422 listing every rule the new one breaks.
    """
    current = _matching(user, current)
    if current is None:
        raise Forbidden(reasons.WRONG_CURRENT_PASSWORD)
    found = check_new_password(new, username=user.username, same_as_current=new == current, min_length=min_length)
    if found:
        extra = {"violations": [r.as_dict() for r in found]}
        raise PasswordRefused(reasons.PASSWORD_INVALID.format(count=len(found)), extra=extra)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    revoked = repository.revoke_sessions(session, user.id, keep_token_hash=_digest(keep_token))
    log.info("auth.password_changed", user_id=user.id, other_sessions_revoked=revoked)


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        role=Role(user.role),
        school_id=user.school_id,
        teacher_id=user.teacher_id,
        group_id=user.group_id,
    )
