"""Routes of a group leader's acts on a session recording (``api.sessions.service``).

accept / withdraw    POST /api/recordings/{id}/acceptance, /acceptance/withdraw   {reason}
assign a face        POST /api/recordings/{id}/faces/{n}/assign                   {teacher_id}
re-run the analysis  POST /api/recordings/{id}/analysis/rerun
delete               DELETE /api/recordings/{id}
Only the leader of the recording's group; each act is audited.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import Context, CurrentActor, DbSession
from api.recordings import service as recordings
from api.recordings.schemas import RecordingOut
from api.sessions import service
from api.sessions.schemas import AcceptIn, AssignIn, WithdrawIn
from api.teachers.schemas import ReferenceOut

router = APIRouter(prefix="/api/recordings/{recording_id}", tags=["sessions"])
PersonNumber = Annotated[int, Path(ge=0, le=100_000, description="the person's number in the analysis (from 0)")]


def _fresh(session, recording, actor) -> RecordingOut:
    session.flush()
    session.refresh(recording)
    return recordings.to_out(recording, role=actor.role)


@router.post("/acceptance", response_model=RecordingOut)
def accept_session(
    recording_id: str, body: AcceptIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> RecordingOut:
    """The leader accepts a processed session whose automatic checks failed; 422 without a reason."""
    return _fresh(session, service.accept(session, ctx, actor, recording_id, body.reason), actor)


@router.post("/acceptance/withdraw", response_model=RecordingOut)
def withdraw_acceptance(
    recording_id: str, session: DbSession, actor: CurrentActor, body: WithdrawIn | None = None
) -> RecordingOut:
    """Take the acceptance back; a submitted group it counted for reopens."""
    recording = service.withdraw(session, actor, recording_id, body.reason if body else "")
    return _fresh(session, recording, actor)


@router.post("/faces/{n}/assign", response_model=ReferenceOut, status_code=201)
def assign_face(
    recording_id: str, n: PersonNumber, body: AssignIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> ReferenceOut:
    """Unknown person ``n`` is this participant: their face becomes the teacher's reference."""
    reference = service.assign_face(session, ctx, actor, recording_id, n, body.teacher_id)
    return ReferenceOut.model_validate(reference, from_attributes=True)


@router.post("/analysis/rerun", response_model=RecordingOut, status_code=202)
def rerun_analysis(recording_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> RecordingOut:
    return _fresh(session, service.rerun_analysis(session, ctx, actor, recording_id), actor)


@router.delete("", status_code=204)
def delete_session(recording_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> Response:
    service.delete(session, ctx, actor, recording_id)
    return Response(status_code=204)
