"""Sessions: issue, resolve and revoke opaque tokens; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.passwords import verify_password
from api.errors import Unauthenticated
from db.base import utcnow
from db.models import AuthSession, User
from domain import reasons
from domain.roles import Actor, Role


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(session: Session, *, username: str, password: str, ttl_s: int) -> tuple[str, User]:
    user = session.scalar(select(User).where(User.username == username))
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise Unauthenticated(reasons.BAD_CREDENTIALS)
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(user_id=user.id, token_hash=_digest(token), expires_at=utcnow() + timedelta(seconds=ttl_s)))
    return token, user


def resolve(session: Session, token: str) -> User | None:
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == _digest(token)))
    if row is None or row.revoked or row.expires_at <= utcnow() or not row.user.is_active:
        return None
    return row.user


def sign_out(session: Session, token: str) -> None:
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == _digest(token)))
    if row is not None:
        row.revoked = True


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        role=Role(user.role),
        school_id=user.school_id,
        teacher_id=user.teacher_id,
        group_id=user.group_id,
    )
