"""Reading a small request body whole, refusing it as soon as it is too large.

Photos, documents and rosters are posted as raw bytes and parsed in memory, so each has a
ceiling: a declared ``Content-Length`` above it is refused before anything is read, and a body
that keeps coming is cut off at the first chunk past it. Nothing is kept of a refused body.
"""

from __future__ import annotations

from fastapi import Request

from api.errors import PayloadTooLarge
from domain.reasons import Reason


async def read_body(request: Request, *, limit: int, too_large: Reason) -> bytes:
    """The whole body, or 413 ``too_large`` once it (or what the client declares) passes ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(too_large)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise PayloadTooLarge(too_large)
    return bytes(data)
