"""POST/DELETE /api/teachers/{id}/departure: a teacher left the school (离校), or that was a mistake."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Context, CurrentActor, DbSession
from api.teachers import departure
from domain.departure import NOTE_MAX_CHARS

# Included by the teachers router (``api.teachers.endpoints``), under its ``/api/teachers`` prefix.
router = APIRouter(tags=["teachers"])


class DepartureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=NOTE_MAX_CHARS, description="e.g. 调往某校, 退休")


class DepartureOut(BaseModel):
    teacher_id: int
    left_at: datetime | None = Field(description="when the departure was recorded; null once undone")
    left_note: str | None
    accounts: int = Field(description="accounts closed (or opened again, on undo)")
    sessions_ended: int
    photos_deleted: int
    session_faces_deleted: int

    @classmethod
    def of(cls, done: departure.Departure) -> "DepartureOut":
        erased = done.erased
        return cls(
            teacher_id=done.teacher.id,
            left_at=done.teacher.left_at,
            left_note=done.teacher.left_note,
            accounts=done.accounts_closed,
            sessions_ended=done.sessions_ended,
            photos_deleted=erased.photos if erased else 0,
            session_faces_deleted=erased.session_faces if erased else 0,
        )


@router.post("/{teacher_id}/departure", response_model=DepartureOut)
def record_departure(
    teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor, body: DepartureIn | None = None
) -> DepartureOut:
    """The teacher's school admin or an admin: close the accounts, delete the biometric data, count them out.

    409 ``teacher.already_left`` when recorded before; 403 for other roles and schools' admins.
    """
    note = (body.note or "").strip() if body else ""
    return DepartureOut.of(departure.record(session, ctx, actor, teacher_id, note=note or None))


@router.delete("/{teacher_id}/departure", response_model=DepartureOut)
def undo_departure(teacher_id: int, session: DbSession, actor: CurrentActor) -> DepartureOut:
    """Undo a departure recorded by mistake (409 ``teacher.not_left`` when none); deleted data stays deleted."""
    return DepartureOut.of(departure.undo(session, actor, teacher_id))
