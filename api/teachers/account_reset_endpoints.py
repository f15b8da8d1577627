"""POST /api/teachers/{id}/password-reset: a new one-time password for the teacher's account slip."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from api.deps import CurrentActor, DbSession
from api.teachers.account_reset import reset_password

router = APIRouter(prefix="/api/teachers", tags=["teachers"])


class PasswordResetOut(BaseModel):
    """Everything an account slip prints; ``one_time_password`` is shown once, here only."""

    teacher_id: int
    school_code: str
    school_name: str
    name: str
    staff_id: str
    username: str
    role: str
    one_time_password: str = Field(description="shown once; must be changed at the next sign-in")
    sessions_ended: int


@router.post("/{teacher_id}/password-reset", response_model=PasswordResetOut)
def reset_teacher_password(
    teacher_id: int, response: Response, session: DbSession, actor: CurrentActor
) -> PasswordResetOut:
    """School admins for their own school's teachers, admins for any (403 other roles, 404 other schools)."""
    reset = reset_password(session, actor, teacher_id)
    response.headers["Cache-Control"] = "no-store"  # the body holds a password
    return PasswordResetOut(
        teacher_id=reset.teacher.id,
        school_code=reset.school.code,
        school_name=reset.school.name,
        name=reset.teacher.name,
        staff_id=reset.teacher.staff_id,
        username=reset.user.username,
        role=reset.user.role,
        one_time_password=reset.password,
        sessions_ended=reset.sessions_ended,
    )
