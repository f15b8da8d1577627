"""Sign in and out, who am I, and change my password."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.auth import service
from api.auth.csrf import set_csrf_cookie
from api.auth.schemas import LoginIn, LoginOut, PasswordChangeIn, UserOut
from api.context import AppContext
from api.deps import Context, CurrentUser, DbSession, session_token
from api.errors import ApiError
from db import audit
from db.session import transaction
from domain import reasons

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _user_out(user) -> UserOut:
    return UserOut.model_validate(user, from_attributes=True)


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _lockout_recorder(context: AppContext, user_id: int | None):
    """Write the lockout's audit entry in its own transaction (the refused request rolls back)."""

    def record(kind: str, value: str, failures: int, lockout_s: float) -> None:
        with transaction(context.sessions) as session:
            audit.write(
                session,
                entity_type="sign_in_" + kind,
                entity_id=value,
                actor_id=user_id,
                action="auth.locked_out",
                reason=f"{failures} wrong passwords; locked for {int(lockout_s)} s",
            )

    return record


@router.post("/login", response_model=LoginOut)
def login(body: LoginIn, request: Request, response: Response, session: DbSession, context: Context) -> LoginOut:
    settings, throttle, address = context.settings, context.throttle, _client_address(request)
    throttle.check(username=body.username, address=address)
    with throttle.hashing():
        try:
            token, user = service.sign_in(
                session, username=body.username, password=body.password, ttl_s=settings.session_ttl_s
            )
        except ApiError:
            throttle.failed(username=body.username, address=address, on_lockout=_lockout_recorder(context, None))
            raise
    throttle.succeeded(username=body.username)
    response.set_cookie(
        settings.session_cookie_name,
        token,
        max_age=settings.session_ttl_s,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
    set_csrf_cookie(response, settings, token)
    return LoginOut(token=token, user=_user_out(user))


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: DbSession, context: Context, _user: CurrentUser) -> Response:
    service.sign_out(session, session_token(request, context) or "")
    response.delete_cookie(context.settings.session_cookie_name)
    response.delete_cookie(context.settings.csrf_cookie_name)
    response.status_code = 204
    return response


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return _user_out(user)


@router.post("/password", status_code=204)
def change_password(
    body: PasswordChangeIn, request: Request, session: DbSession, context: Context, user: CurrentUser
) -> Response:
    """Replace my password; every other session of mine is signed out, this one stays.

    A wrong current password counts against the account like a wrong sign-in (it is a guess
    at the same secret), and the check waits for a hashing slot the same way.
    """
    throttle, address = context.throttle, _client_address(request)
    throttle.check(username=user.username, address=address)
    with throttle.hashing():
        try:
            service.change_password(
                session,
                user,
                current=body.current_password,
                new=body.new_password,
                keep_token=session_token(request, context) or "",
                min_length=context.settings.password_min_length,
            )
        except ApiError as exc:
            if exc.reason.code == reasons.WRONG_CURRENT_PASSWORD.code:
                throttle.failed(username=user.username, address=address, on_lockout=_lockout_recorder(context, user.id))
            raise
    throttle.succeeded(username=user.username)
    return Response(status_code=204)
