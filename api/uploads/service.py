"""The life of an upload: open → parts → complete (verified) → a Recording, or abort/expire.

Nothing becomes a Recording until the whole object is stored, its size and (when given)
checksum match, and its first bytes are a video container we accept.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import BinaryIO

import structlog
from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, UnsupportedMedia
from api.uploads import repository
from api.uploads.schemas import CreateUploadIn, PartUrl, StoredPart, UploadOut
from api.uploads.targets import resolve_target
from db.base import utcnow
from db.models import Recording, RecordingParticipant, UploadSession
from db.sqlite_locks import RowLockTimeout
from db.state import apply
from domain import reasons
from domain.filenames import clean_filename
from domain.media_signature import CONTAINER_TYPES, sniff
from domain.reasons import Reason
from domain.roles import Actor, Role
from domain.stages import Stage
from domain.uploads import (
    CLOSED_LABELS_EN,
    CLOSED_LABELS_ZH,
    LOST_LABELS,
    UPLOADS,
    PartPlan,
    UploadEvent,
    UploadState,
    check_declared_size,
    describe_ranges,
    missing_parts,
    normalise_sha256,
    plan_parts,
)
from pipeline import jobs
from storage import ObjectStore, original_key
from storage.base import ObjectInfo
from storage.errors import InvalidPart, ObjectNotFound, StorageUnavailable, UploadNotFound

log = structlog.get_logger(__name__)

FIRST_URL_BATCH = 100
MAX_URL_BATCH = 500
_PLAYLIST_TYPES = ("mpegurl", "dash+xml", "application/sdp")


def _plan(upload: UploadSession) -> PartPlan:
    return PartPlan(part_size=upload.part_size, part_count=upload.part_count)


def _check_declared(body: CreateUploadIn, max_bytes: int) -> str | None:
    problem = check_declared_size(body.size, max_bytes=max_bytes)
    if problem is reasons.EMPTY_FILE:
        raise BadRequest(problem)
    if problem is not None:
        raise PayloadTooLarge(problem)
    declared = body.content_type.lower()
    if any(t in declared for t in _PLAYLIST_TYPES) or body.filename.lower().endswith((".m3u8", ".m3u", ".mpd")):
        raise UnsupportedMedia(reasons.PLAYLIST_REJECTED)
    # Any other declared type is advisory: browsers label .ts files text/vnd.trolltech.linguist
    # and .mkv files nothing at all. The first bytes decide (``_sniff_or_reject``).
    try:
        return normalise_sha256(body.sha256)
    except ValueError:
        raise BadRequest(reasons.BAD_CHECKSUM_FORMAT) from None


def _advisory_type(declared: str) -> str:
    """The declared type, kept only while it names a video; the sniffed container replaces it."""
    declared = declared.strip().lower()
    return declared if declared.startswith("video/") else "application/octet-stream"


def create(session: Session, ctx: AppContext, actor: Actor, body: CreateUploadIn) -> UploadSession:
    settings = ctx.settings
    sha256 = _check_declared(body, settings.max_upload_bytes)
    target = resolve_target(session, actor, body)
    plan = plan_parts(body.size, min_part_bytes=settings.min_part_bytes, max_parts=settings.max_parts)
    recording_id = str(uuid.uuid4())
    key = original_key(recording_id)
    multipart_id = ctx.store.create_multipart(key, _advisory_type(body.content_type))
    now = utcnow()
    upload = UploadSession(
        id=str(uuid.uuid4()),
        recording_id=recording_id,
        created_by=actor.user_id,
        kind=target.kind.value,
        school_id=target.school_id,
        group_id=target.group_id,
        teacher_id=target.teacher_id,
        capability_code=target.capability_code,
        participant_ids=list(target.participant_ids),
        filename=clean_filename(body.filename, fallback="video"),
        content_type=_advisory_type(body.content_type),
        size_bytes=body.size,
        sha256=sha256,
        part_size=plan.part_size,
        part_count=plan.part_count,
        storage_backend=ctx.store.name,
        object_key=key,
        multipart_id=multipart_id,
        created_at=now,
        expires_at=now + timedelta(seconds=settings.upload_ttl_s),
    )
    session.add(upload)
    session.flush()
    log.info("upload.created", upload_id=upload.id, size=body.size, parts=plan.part_count, kind=target.kind)
    return upload


def get_for_actor(session: Session, actor: Actor, upload_id: str, *, lock: bool = False) -> UploadSession:
    """The actor's upload; ``lock`` makes completes and aborts of one upload take turns."""
    try:
        upload = repository.upload(session, upload_id, lock=lock)
    except RowLockTimeout:
        raise Conflict(reasons.UPLOAD_BUSY) from None
    if upload is None:
        raise NotFound("上传", "Upload")
    if upload.created_by != actor.user_id and actor.role is not Role.ADMIN:
        raise Forbidden()
    return upload


def is_open(upload: UploadSession) -> bool:
    return UPLOADS.parse(upload.state) is UploadState.OPEN


def require_open(upload: UploadSession) -> None:
    state = UPLOADS.parse(upload.state)
    if state is UploadState.OPEN and upload.expires_at <= utcnow():
        state = UploadState.EXPIRED  # the sweeper has not come by yet
    if state is not UploadState.OPEN:
        # The outcome, named in words and in ``state``, so a client that lost a race knows what won.
        label = reasons.UPLOAD_NOT_OPEN.format(state=CLOSED_LABELS_ZH[state], state_en=CLOSED_LABELS_EN[state])
        raise Conflict(label, extra={"state": state.value})


def _lost() -> Conflict:
    zh, en = LOST_LABELS
    return Conflict(reasons.UPLOAD_NOT_OPEN.format(state=zh, state_en=en))


def part_urls(ctx: AppContext, upload: UploadSession, first: int, count: int) -> list[PartUrl]:
    plan = _plan(upload)
    last = min(plan.part_count, first + min(count, MAX_URL_BATCH) - 1)
    expires = utcnow() + timedelta(seconds=ctx.settings.presign_expiry_s)
    urls = []
    for number in range(max(1, first), last + 1):
        url = ctx.store.presign_part(upload.object_key, upload.multipart_id, number, ctx.settings.presign_expiry_s)
        urls.append(
            PartUrl(
                number=number,
                size=plan.expected_size(number, upload.size_bytes),
                url=url or f"/api/uploads/{upload.id}/parts/{number}",
                expires_at=expires if url else None,
            )
        )
    return urls


def _stored_parts(ctx: AppContext, upload: UploadSession) -> list[StoredPart]:
    try:
        parts = ctx.store.list_parts(upload.object_key, upload.multipart_id)
    except UploadNotFound:
        return []
    return [StoredPart(number=p.number, size=p.size, etag=p.etag) for p in parts]


def describe(ctx: AppContext, upload: UploadSession, *, with_urls: bool = False) -> UploadOut:
    out = UploadOut(
        upload_id=upload.id,
        recording_id=upload.recording_id,
        state=upload.state,
        filename=upload.filename,
        size=upload.size_bytes,
        part_size=upload.part_size,
        part_count=upload.part_count,
        expires_at=upload.expires_at,
        storage=upload.storage_backend,
    )
    if is_open(upload):
        stored = _stored_parts(ctx, upload)
        out.stored_parts = stored
        out.missing_parts = missing_parts(_plan(upload), {p.number for p in stored})
        out.bytes_stored = sum(p.size for p in stored)
        if with_urls:
            out.parts = part_urls(ctx, upload, 1, FIRST_URL_BATCH)
    return out


def _reject(ctx: AppContext, upload: UploadSession, reason: Reason, error: type) -> None:
    """Refuse the whole upload: drop its bytes and record why, then raise ``error``."""
    ctx.store.abort_multipart(upload.object_key, upload.multipart_id)
    ctx.store.delete(upload.object_key)
    apply(upload, UPLOADS, UploadEvent.REJECT)
    upload.reject_code, upload.finished_at = reason.code, utcnow()
    log.info("upload.rejected", upload_id=upload.id, reason=reason.code)
    raise error(reason, keep_changes=True)


def _sniff_or_reject(ctx: AppContext, upload: UploadSession, head: bytes) -> str:
    sniffed = sniff(head)
    if not sniffed.ok:
        _reject(ctx, upload, sniffed.reason, UnsupportedMedia)
    return sniffed.container


def store_part(ctx: AppContext, upload: UploadSession, number: int, data: BinaryIO, length: int) -> StoredPart:
    """Store one part sent through the app (local disk, or S3 when the client cannot reach it)."""
    require_open(upload)
    plan = _plan(upload)
    if not 1 <= number <= plan.part_count:
        raise BadRequest(reasons.PART_OUT_OF_RANGE.format(part=number, count=plan.part_count))
    expected = plan.expected_size(number, upload.size_bytes)
    if length != expected:
        raise BadRequest(reasons.BAD_PART_SIZE.format(part=number, actual=length, expected=expected))
    if number == 1:
        head = data.read(ctx.settings.sniff_bytes)
        _sniff_or_reject(ctx, upload, head)
        data.seek(0)
    try:
        part = ctx.store.upload_part(upload.object_key, upload.multipart_id, number, data, length)
    except InvalidPart as exc:
        raise BadRequest(reasons.BAD_PART.format(part=number)) from exc
    except UploadNotFound as exc:
        raise _lost() from exc
    return StoredPart(number=part.number, size=part.size, etag=part.etag)


def _verify_parts(ctx: AppContext, upload: UploadSession) -> list:
    plan = _plan(upload)
    parts = ctx.store.list_parts(upload.object_key, upload.multipart_id)
    missing = missing_parts(plan, {p.number for p in parts})
    if missing:
        raise Conflict(reasons.MISSING_PARTS.format(parts=describe_ranges(missing)), extra={"missing_parts": missing})
    received = sum(p.size for p in parts)
    wrong = [p.number for p in parts if p.size != plan.expected_size(p.number, upload.size_bytes)]
    if wrong or received != upload.size_bytes:
        # Wrong-sized parts can be sent again, so the upload stays open.
        raise BadRequest(
            reasons.SIZE_MISMATCH.format(received=received, declared=upload.size_bytes),
            extra={"wrong_size_parts": wrong},
        )
    return parts


# Reading an object back to check its SHA-256 in small chunks keeps the API's memory flat: 4 MiB
# chunks left about 10 MB more resident in the API over a 4 GiB object (bench/direct_upload.py).
CHECKSUM_CHUNK = 256 * 1024


def _sha256_of(store: ObjectStore, key: str) -> str:
    digest = hashlib.sha256()
    for chunk in store.iter_chunks(key, chunk_size=CHECKSUM_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def complete(
    session: Session, ctx: AppContext, upload: UploadSession, *, computed_sha256: str | None = None
) -> Recording:
    """Assemble and verify the object, then create the Recording and queue its probe.

    ``computed_sha256`` is the digest of bytes the app itself received, which spares
    reading the object back.
    """
    if UPLOADS.parse(upload.state) is UploadState.COMPLETED:  # a retried complete after a lost response
        recording = repository.recording(session, upload.recording_id)
        if recording is not None:
            return recording
    require_open(upload)
    info = _assemble(ctx, upload)
    if info.size != upload.size_bytes:
        _reject(ctx, upload, reasons.SIZE_MISMATCH.format(received=info.size, declared=upload.size_bytes), BadRequest)
    container = _sniff_or_reject(ctx, upload, ctx.store.read_range(upload.object_key, 0, ctx.settings.sniff_bytes))
    if upload.sha256 is not None and (computed_sha256 or _sha256_of(ctx.store, upload.object_key)) != upload.sha256:
        _reject(ctx, upload, reasons.CHECKSUM_MISMATCH, BadRequest)
    return _create_recording(session, upload, container)


def _assemble(ctx: AppContext, upload: UploadSession) -> ObjectInfo:
    """Join the parts into the object, or find it joined by an earlier attempt.

    A complete whose storage step succeeded but whose transaction did not commit (a crash, a
    lost database connection) leaves an open upload whose parts are already the object: its
    retry verifies that object instead of failing on the vanished parts.
    """
    try:
        parts = _verify_parts(ctx, upload)
        return ctx.store.complete_multipart(upload.object_key, upload.multipart_id, parts)
    except UploadNotFound:
        try:
            info = ctx.store.stat(upload.object_key)
        except ObjectNotFound:
            raise _lost() from None
        log.info("upload.found_assembled", upload_id=upload.id)
        return info


def _create_recording(session: Session, upload: UploadSession, container: str) -> Recording:
    now = utcnow()
    recording = Recording(
        id=upload.recording_id,
        kind=upload.kind,
        school_id=upload.school_id,
        group_id=upload.group_id,
        teacher_id=upload.teacher_id,
        capability_code=upload.capability_code,
        uploaded_by=upload.created_by,
        original_key=upload.object_key,
        original_filename=upload.filename,
        content_type=CONTAINER_TYPES[container],  # what the bytes are, not what was declared
        size_bytes=upload.size_bytes,
        sha256=upload.sha256,
        sniffed_container=container,
        created_at=now,
        checks={},
        participants=[RecordingParticipant(teacher_id=t) for t in upload.participant_ids],
    )
    session.add(recording)
    apply(upload, UPLOADS, UploadEvent.COMPLETE)
    upload.finished_at = now
    session.flush()
    jobs.enqueue(session, recording.id, Stage.PROBE)
    log.info("recording.created", recording_id=recording.id, upload_id=upload.id, container=container)
    return recording


def abort(ctx: AppContext, upload: UploadSession, *, storage_may_be_down: bool = False) -> None:
    """Close the upload and drop its parts.

    ``storage_may_be_down`` closes it even when the store cannot be reached: for an upload the
    client cannot resume (a direct upload cut short by the outage itself). Its parts stay in the
    bucket until the expiry task aborts them (it aborts store-side uploads the database calls
    closed). Otherwise the outage is the caller's answer (503) and the upload stays open.
    """
    if not is_open(upload):
        require_open(upload)
    try:
        ctx.store.abort_multipart(upload.object_key, upload.multipart_id)
    except StorageUnavailable:
        if not storage_may_be_down:
            raise
        log.warning("upload.abort_left_to_expiry", upload_id=upload.id)
    apply(upload, UPLOADS, UploadEvent.ABORT)
    upload.finished_at = utcnow()
