"""Am I signed in? Answered 200 either way, so a page opened while signed out logs no error.

GET /api/auth/me keeps its contract (401 when signed out) for clients that treat it as a
session check; the web UI asks here on every cold load instead, where "nobody" is an answer
rather than a failure (a red 401 in the console on every visit reads as a bug).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.auth import service
from api.auth.csrf import set_csrf_cookie
from api.auth.schemas import UserOut
from api.deps import Context, DbSession, session_token

router = APIRouter(prefix="/api/auth", tags=["auth"])


class SessionOut(BaseModel):
    user: UserOut | None


@router.get("/session", response_model=SessionOut)
def current_session(request: Request, response: Response, session: DbSession, context: Context) -> SessionOut:
    """The signed-in user, or null when there is no live session (none, expired, signed out).

    A live cookie session also gets its anti-forgery cookie (again), so a page opened on a
    session older than that cookie can still write.
    """
    token = session_token(request, context)
    user = service.resolve(session, token) if token else None
    cookie = request.cookies.get(context.settings.session_cookie_name)
    if user is not None and cookie == token:
        set_csrf_cookie(response, context.settings, token)
    return SessionOut(user=UserOut.model_validate(user, from_attributes=True) if user else None)
