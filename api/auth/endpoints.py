"""Sign in and out, who am I, and change my password."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.auth import service
from api.auth.schemas import LoginIn, LoginOut, PasswordChangeIn, UserOut
from api.deps import Context, CurrentUser, DbSession, session_token

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _user_out(user) -> UserOut:
    return UserOut.model_validate(user, from_attributes=True)


@router.post("/login", response_model=LoginOut)
def login(body: LoginIn, response: Response, session: DbSession, context: Context) -> LoginOut:
    settings = context.settings
    token, user = service.sign_in(session, username=body.username, password=body.password, ttl_s=settings.session_ttl_s)
    response.set_cookie(
        settings.session_cookie_name,
        token,
        max_age=settings.session_ttl_s,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
    return LoginOut(token=token, user=_user_out(user))


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: DbSession, context: Context, _user: CurrentUser) -> Response:
    service.sign_out(session, session_token(request, context) or "")
    response.delete_cookie(context.settings.session_cookie_name)
    response.status_code = 204
    return response


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return _user_out(user)


@router.post("/password", status_code=204)
def change_password(
    body: PasswordChangeIn, request: Request, session: DbSession, context: Context, user: CurrentUser
) -> Response:
    """Replace my password; every other session of mine is signed out, this one stays."""
    service.change_password(
        session,
        user,
        current=body.current_password,
        new=body.new_password,
        keep_token=session_token(request, context) or "",
        min_length=context.settings.password_min_length,
    )
    return Response(status_code=204)
