"""Serve objects of the local-disk store through signed, expiring URLs (S3 serves its own).

Starlette's FileResponse answers Range requests, so players can seek in large MP4s. A
download link (``filename`` and ``type`` signed in, see ``storage.signing``) is served as an
attachment under that name and type, the way S3 honours ``response-content-disposition``.
"""

from __future__ import annotations

import mimetypes
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from api.deps import Context
from api.errors import Forbidden, NotFound
from domain import reasons
from storage import ObjectNotFound
from storage.disposition import attachment
from storage.signing import download_subject, verify

router = APIRouter(tags=["media"])

_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".vtt": "text/vtt",
}
_CACHE = "private, max-age=300"


@router.get("/api/media/{key:path}")
def serve_media(
    key: str,
    ctx: Context,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query(max_length=128)],
    filename: Annotated[str | None, Query(max_length=255)] = None,
    content_type: Annotated[str | None, Query(alias="type", max_length=200)] = None,
) -> FileResponse:
    download = filename is not None or content_type is not None
    subject = download_subject(key, filename or "", content_type or "") if download else key
    lifetime = ctx.settings.max_link_lifetime_s
    if not verify(ctx.settings.secret_key, subject, expires, signature, max_lifetime_s=lifetime):
        raise Forbidden(reasons.LINK_EXPIRED)
    file_path = getattr(ctx.store, "file_path", None)
    if file_path is None:  # the S3 backend hands out its own presigned URLs
        raise NotFound("文件", "File")
    try:
        path = file_path(key)
    except (ObjectNotFound, ValueError):
        raise NotFound("文件", "File") from None
    if download:
        headers = {"Cache-Control": _CACHE, "Content-Disposition": attachment(filename or path.name)}
        headers["X-Content-Type-Options"] = "nosniff"
        return FileResponse(path, media_type=content_type or "application/octet-stream", headers=headers)
    media_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": _CACHE})
