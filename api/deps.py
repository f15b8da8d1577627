"""Request dependencies: the unit of work, the object store and the signed-in actor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.auth import service as auth_service
from api.context import AppContext
from api.errors import ApiError, Forbidden, Unauthenticated
from db.models import User
from domain import reasons
from domain.roles import Actor
from pipeline.dispatch import bind_sender


def get_context(request: Request) -> AppContext:
    return request.app.state.context


Context = Annotated[AppContext, Depends(get_context)]


def _db_session(context: Context) -> Iterator[Session]:
    """The request's transaction: committed when the route returns, then its tasks are sent."""
    session = context.sessions()
    bind_sender(session, context.send_task)
    try:
        yield session
        session.commit()
    except ApiError as exc:
        session.commit() if exc.keep_changes else session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(_db_session, scope="function")]


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def session_token(request: Request, context: AppContext) -> str | None:
    """The request's session token: a bearer token, else the session cookie."""
    return _bearer_token(request) or request.cookies.get(context.settings.session_cookie_name)


def current_user(request: Request, session: DbSession, context: Context) -> User:
    token = _bearer_token(request)
    if token is None:
        # Cookie-authenticated writes were already checked for forgery (api.security_middleware).
        token = request.cookies.get(context.settings.session_cookie_name)
    if not token:
        raise Unauthenticated()
    user = auth_service.resolve(session, token)
    if user is None:
        raise Unauthenticated()
    return user


CurrentUser = Annotated[User, Depends(current_user, scope="function")]


def current_actor(user: CurrentUser) -> Actor:
    """The signed-in user as the rules see them; refused until a one-time password is replaced.

    Routes that take ``CurrentUser`` instead (who am I, sign out, change password) stay open,
    so the user can always get out of that state.
    """
    if user.must_change_password:
        raise Forbidden(reasons.PASSWORD_CHANGE_REQUIRED)
    return auth_service.actor_for(user)


CurrentActor = Annotated[Actor, Depends(current_actor, scope="function")]
