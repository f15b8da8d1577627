"""Every query sign-in makes: accounts by name, sessions by the digest of their token."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import AuthSession, User


def user_named(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def auth_session(session: Session, token_hash: str) -> AuthSession | None:
    return session.scalar(select(AuthSession).where(AuthSession.token_hash == token_hash))


def revoke_sessions(session: Session, user_id: int, *, keep_token_hash: str | None = None) -> int:
    """Revoke every live session of the user (but the one ``keep_token_hash`` names); how many were revoked."""
    query = update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked.is_(False))
    if keep_token_hash is not None:
        query = query.where(AuthSession.token_hash != keep_token_hash)
    return session.execute(query.values(revoked=True)).rowcount
