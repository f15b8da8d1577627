"""The UI's bundled files: hashed names, so cached for good, and sent gzipped when the
browser accepts it (``make ui`` writes a ``.gz`` beside each script and stylesheet; school
networks are often slow, and the script shrinks to about a third).
"""

from __future__ import annotations

import mimetypes
import stat
from pathlib import Path

import anyio
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Every bundled name carries its content hash (build.mjs), so a changed file has a new name.
IMMUTABLE = "public, max-age=31536000, immutable"


class BundleAssets(StaticFiles):
    """Static files that answer 404 (not a 500) while the bundle is not built yet."""

    async def check_config(self) -> None:
        if self.directory is not None and Path(self.directory).is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        if scope["method"] in ("GET", "HEAD") and "gzip" in Headers(scope=scope).get("accept-encoding", ""):
            compressed = await self._compressed(path)
            if compressed is not None:
                return compressed
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = IMMUTABLE
        return response

    async def _compressed(self, path: str) -> Response | None:
        if path.endswith(".gz"):
            return None
        try:
            full_path, found = await anyio.to_thread.run_sync(self.lookup_path, path + ".gz")
        except (OSError, ValueError):
            return None
        if found is None or not stat.S_ISREG(found.st_mode):
            return None
        media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding", "Cache-Control": IMMUTABLE}
        return FileResponse(full_path, stat_result=found, media_type=media_type, headers=headers)
