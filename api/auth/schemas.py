"""Request and response bodies of the sign-in routes."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    school_id: int | None
    teacher_id: int | None
    group_id: int | None
    must_change_password: bool = Field(
        description="true until a one-time password from the roster import is replaced; "
        "every route but these auth ones answers 403 auth.password_change_required meanwhile"
    )


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=1, max_length=256)


class LoginOut(BaseModel):
    token: str
    token_type: str = "bearer"
    user: UserOut
