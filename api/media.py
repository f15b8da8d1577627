"""Serve objects of the local-disk store through signed, expiring URLs (S3 serves its own).

Starlette's FileResponse answers Range requests, so players can seek in large MP4s.
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
from storage.signing import verify

router = APIRouter(tags=["media"])

_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".vtt": "text/vtt",
}


@router.get("/api/media/{key:path}")
def serve_media(
    key: str, ctx: Context, expires: Annotated[int, Query()], signature: Annotated[str, Query(max_length=128)]
) -> FileResponse:
    if not verify(ctx.settings.secret_key, key, expires, signature):
        raise Forbidden(reasons.LINK_EXPIRED)
    file_path = getattr(ctx.store, "file_path", None)
    if file_path is None:  # the S3 backend hands out its own presigned URLs
        raise NotFound("文件", "File")
    try:
        path = file_path(key)
    except (ObjectNotFound, ValueError):
        raise NotFound("文件", "File") from None
    media_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, max-age=300"})
