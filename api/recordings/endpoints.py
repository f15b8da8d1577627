"""Recording routes: list, detail with stages, live stage events, retry a failed stage, evidence crops."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from api.deps import Context, CurrentActor, DbSession
from api.errors import NotFound
from api.recordings import events, service
from api.recordings.schemas import RecordingOut, StageOut
from api.shared import audit, keyset
from db.session import transaction
from domain.recordings import RecordingKind
from domain.stages import Stage
from storage import ObjectNotFound

router = APIRouter(prefix="/api/recordings", tags=["recordings"])
LISTING = keyset.Keyset("recordings", datetime, str)  # created_at, id


@router.get("", response_model=list[RecordingOut])
def list_recordings(
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(LISTING.after)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, deprecated=True, description=keyset.OFFSET_DOC)] = 0,
    kind: RecordingKind | None = None,
    group_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    accepted_despite_checks: Annotated[
        bool | None, Query(description="true: only sessions a leader accepted although their checks failed")
    ] = None,
) -> list[RecordingOut]:
    """The recordings in the actor's sight, newest first, optionally only one kind, one group, or
    only the sessions counted on a leader's word (``accepted_despite_checks=true``); the next page's
    cursor in ``X-Next-After`` (``api.shared.keyset``)."""
    filters = service.ListingFilters(kind=kind, group_id=group_id, accepted_despite_checks=accepted_despite_checks)
    page = service.listing(session, actor, after=after, limit=limit, offset=offset, filters=filters)
    LISTING.send_next(request, response, page.next_key)
    return page.items


@router.get("/{recording_id}", response_model=RecordingOut)
def get_recording(recording_id: str, session: DbSession, actor: CurrentActor) -> RecordingOut:
    return service.detail(session, actor, recording_id)


@router.get("/{recording_id}/events")
def recording_events(
    recording_id: str, request: Request, session: DbSession, ctx: Context, actor: CurrentActor
) -> StreamingResponse:
    """text/event-stream of ``stage`` events, then one ``end`` event."""
    service.get_visible(session, actor, recording_id)

    def load() -> tuple[list[StageOut], str]:
        with transaction(ctx.sessions) as s:
            return service.stages_and_status(s, recording_id)

    return StreamingResponse(
        events.stage_events(load, request.is_disconnected),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/{recording_id}/stages/{stage}/retry", response_model=RecordingOut, status_code=202)
def retry_stage(recording_id: str, stage: Stage, session: DbSession, actor: CurrentActor) -> RecordingOut:
    recording = service.get_visible(session, actor, recording_id, in_own_right=True)
    service.retry_stage(session, actor, recording, stage)
    session.flush()
    session.refresh(recording)
    return service.to_out(recording, role=actor.role)


@router.get("/{recording_id}/evidence/{teacher_id}")
def evidence_crop(
    recording_id: str, teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor
) -> Response:
    """The participant's best face crop (JPEG), to a signed-in user who may see the recording; audited."""
    key = service.evidence_key(service.get_visible(session, actor, recording_id, in_own_right=True), teacher_id)
    _audit_view(session, actor, recording_id, f"crop of participant teacher {teacher_id}")
    return _crop(ctx, key)


@router.get("/{recording_id}/unknown/{index}")
def unknown_person_crop(
    recording_id: str, index: int, session: DbSession, ctx: Context, actor: CurrentActor
) -> Response:
    """The best face crop of someone on camera who matches nobody on the list (``analysis.unknown[index]``)."""
    key = service.unknown_person_key(service.get_visible(session, actor, recording_id, in_own_right=True), index)
    _audit_view(session, actor, recording_id, f"crop of unknown person {index + 1}")
    return _crop(ctx, key)


def _audit_view(session, actor, recording_id: str, what: str) -> None:
    """A face crop is biometric data (PIPL art. 28): who looked at whose is in the audit log."""
    audit.record(session, entity_type="recording", entity_id=recording_id, actor=actor, action="view_face", reason=what)


def _crop(ctx, key: str) -> Response:
    """The crop's bytes in this response, never a link: a crop is reachable only with a session
    (no signed URL to copy or leak through a proxy log), and nothing caches it."""
    try:
        data = ctx.store.read_bytes(key)
    except ObjectNotFound:
        raise NotFound("人脸截图", "Face crop") from None
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return Response(content=data, media_type="image/jpeg", headers=headers)
