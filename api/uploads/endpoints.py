"""Upload routes: create, send parts, ask what is stored, complete, abort; and direct upload."""

from __future__ import annotations

import tempfile
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.errors import BadRequest
from api.uploads import direct, service
from api.uploads.schemas import CompleteOut, CreateUploadIn, PartUrlsOut, StoredPart, UploadOut
from domain import reasons
from domain.recordings import RecordingKind
from domain.uploads import UploadState

router = APIRouter(prefix="/api/uploads", tags=["uploads"])

_SPOOL_IN_MEMORY = 1024 * 1024


def _completed(upload_id: str, recording) -> CompleteOut:
    return CompleteOut(
        upload_id=upload_id,
        recording_id=recording.id,
        state=UploadState.COMPLETED.value,
        recording_url=f"/api/recordings/{recording.id}",
    )


@router.post("", status_code=201, response_model=UploadOut)
def create_upload(body: CreateUploadIn, session: DbSession, ctx: Context, actor: CurrentActor) -> UploadOut:
    upload = service.create(session, ctx, actor, body)
    return service.describe(ctx, upload, with_urls=True)


@router.get("/{upload_id}", response_model=UploadOut)
def get_upload(upload_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> UploadOut:
    """Which parts are stored and which are missing: what a client needs to resume."""
    return service.describe(ctx, service.get_for_actor(session, actor, upload_id))


@router.get("/{upload_id}/part-urls", response_model=PartUrlsOut)
def get_part_urls(
    upload_id: str,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    first: Annotated[int, Query(ge=1)] = 1,
    count: Annotated[int, Query(ge=1, le=service.MAX_URL_BATCH)] = service.FIRST_URL_BATCH,
) -> PartUrlsOut:
    upload = service.get_for_actor(session, actor, upload_id)
    service.require_open(upload)
    return PartUrlsOut(upload_id=upload.id, parts=service.part_urls(ctx, upload, first, count))


@router.put("/{upload_id}/parts/{number}", response_model=StoredPart)
async def put_part(
    upload_id: str,
    number: int,
    request: Request,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
) -> StoredPart:
    upload = await run_in_threadpool(service.get_for_actor, session, actor, upload_id)
    limit = upload.part_size
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
        length = 0
        async for chunk in request.stream():
            length += len(chunk)
            if length > limit:
                raise BadRequest(reasons.BAD_PART_SIZE.format(part=number, actual=f">{limit}", expected=f"≤{limit}"))
            spool.write(chunk)
        spool.seek(0)
        part = await run_in_threadpool(service.store_part, ctx, upload, number, spool, length)
    response.headers["ETag"] = f'"{part.etag}"'
    return part


@router.post("/{upload_id}/complete", response_model=CompleteOut)
def complete_upload(upload_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> CompleteOut:
    upload = service.get_for_actor(session, actor, upload_id, lock=True)
    return _completed(upload.id, service.complete(session, ctx, upload))


@router.delete("/{upload_id}", status_code=204)
def abort_upload(upload_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> Response:
    service.abort(ctx, service.get_for_actor(session, actor, upload_id, lock=True))
    return Response(status_code=204)


@router.post("/direct", status_code=201, response_model=CompleteOut)
async def direct_upload(
    request: Request,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    kind: RecordingKind,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
    teacher_id: int | None = None,
    capability_code: str | None = None,
    group_id: int | None = None,
    participant_ids: Annotated[list[int] | None, Query()] = None,
    sha256: str | None = None,
) -> CompleteOut:
    """Stream the request body straight into storage; needs a Content-Length."""
    body = CreateUploadIn(
        kind=kind,
        filename=filename,
        size=direct.declared_length(request),
        content_type=request.headers.get("content-type", "application/octet-stream"),
        sha256=sha256,
        teacher_id=teacher_id,
        capability_code=capability_code,
        group_id=group_id,
        participant_ids=participant_ids or [],
    )
    upload_id, recording = await direct.receive(request, session, ctx, actor, body)
    return _completed(upload_id, recording)
