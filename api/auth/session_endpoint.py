"""Am I signed in? Answered 200 either way, so a page opened while signed out logs no error.

GET /api/auth/me keeps its contract (401 when signed out) for clients that treat it as a
session check; the web UI asks here on every cold load instead, where "nobody" is an answer
rather than a failure (a red 401 in the console on every visit reads as a bug).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from api.auth import service
from api.auth.schemas import UserOut
from api.deps import Context, DbSession, session_token

router = APIRouter(prefix="/api/auth", tags=["auth"])


class SessionOut(BaseModel):
    user: UserOut | None


@router.get("/session", response_model=SessionOut)
def current_session(request: Request, session: DbSession, context: Context) -> SessionOut:
    """The signed-in user, or null when there is no live session (none, expired, signed out)."""
    token = session_token(request, context)
    user = service.resolve(session, token) if token else None
    return SessionOut(user=UserOut.model_validate(user, from_attributes=True) if user else None)
