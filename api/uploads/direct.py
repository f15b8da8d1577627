"""The single-request streaming upload, for small files and scripts (curl -T).

The body is cut into parts as it arrives and each part goes to storage at once, so memory
holds at most one part whatever the file size. It reuses the multipart machinery, so the
same checks apply and nothing half-received becomes a recording.
"""

from __future__ import annotations

import asyncio
import hashlib

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.context import AppContext
from api.errors import ApiError, BadRequest
from api.uploads import service
from api.uploads.part_buffer import ChunksReader, PartBuffer
from api.uploads.schemas import CreateUploadIn
from db.models import Recording
from domain import reasons
from domain.roles import Actor


class LengthRequired(ApiError):
    status_code = 411


def declared_length(request: Request) -> int:
    raw = request.headers.get("content-length")
    if raw is None or not raw.isdigit():
        raise LengthRequired(reasons.LENGTH_REQUIRED)
    return int(raw)


async def receive(
    request: Request, session: Session, ctx: AppContext, actor: Actor, body: CreateUploadIn
) -> tuple[str, Recording]:
    """Return the upload id and the recording it became."""
    upload = await run_in_threadpool(service.create, session, ctx, actor, body)
    # Commit the open upload now: streaming can take minutes, and an open write
    # transaction would hold SQLite's single write lock all that time.
    await run_in_threadpool(session.commit)
    digest = hashlib.sha256()
    buffer = PartBuffer()
    received = 0
    number = 0
    in_flight: asyncio.Task | None = None

    async def send_next(chunks: list[bytes]) -> None:
        """Store a part in a worker thread while the next one arrives (at most one in flight)."""
        nonlocal number, in_flight
        if in_flight is not None:
            await in_flight
        number += 1
        size = sum(len(c) for c in chunks)
        in_flight = asyncio.ensure_future(
            run_in_threadpool(service.store_part, ctx, upload, number, ChunksReader(chunks), size)
        )

    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > upload.size_bytes:
                raise BadRequest(reasons.SIZE_MISMATCH.format(received=received, declared=upload.size_bytes))
            digest.update(chunk)
            buffer.add(chunk)
            while buffer.size >= upload.part_size and number + 1 < upload.part_count:
                await send_next(buffer.take(upload.part_size))
        if received < upload.size_bytes:
            raise BadRequest(reasons.UPLOAD_INCOMPLETE_BODY.format(received=received, declared=upload.size_bytes))
        await send_next(buffer.take(buffer.size))
        await in_flight
        recording = await run_in_threadpool(service.complete, session, ctx, upload, computed_sha256=digest.hexdigest())
        return upload.id, recording
    except BaseException:
        if in_flight is not None and not in_flight.done():
            await asyncio.wait([in_flight])  # let the part finish before its upload is dropped
        # A rejected upload has already dropped its bytes; anything else must not leave parts behind.
        if service.is_open(upload):
            await run_in_threadpool(_abandon, session, ctx, upload)
        raise


def _abandon(session: Session, ctx: AppContext, upload) -> None:
    """Close the upload: a direct upload cannot be resumed, only sent again as a new one."""
    session.rollback()
    service.abort(ctx, upload, storage_may_be_down=True)
    session.merge(upload)
    session.commit()
