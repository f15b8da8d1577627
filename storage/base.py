"""The object-store interface every backend implements.

Multipart uploads are first-class because recordings arrive in resumable parts: the
browser (or an API client) sends parts straight to S3 through presigned URLs, or to the
app's own part endpoint when the store is the local disk. ``presign_part`` returning
``None`` is how a backend says "send parts through the app".
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storage import scratch


@dataclass(frozen=True)
class PartInfo:
    number: int
    size: int
    etag: str


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    etag: str


class ObjectStore(abc.ABC):
    """One bucket (or one directory) holding originals, derived outputs and parts."""

    name: str

    @abc.abstractmethod
    def ensure_ready(self) -> None:
        """Create the bucket / root directory if missing; called at start-up."""

    # --- multipart -------------------------------------------------------------------
    @abc.abstractmethod
    def create_multipart(self, key: str, content_type: str) -> str:
        """Start a multipart upload of ``key`` and return its upload id."""

    @abc.abstractmethod
    def upload_part(self, key: str, upload_id: str, part_number: int, data: BinaryIO, length: int) -> PartInfo:
        """Store one part (1-based), replacing an earlier copy of the same number."""

    @abc.abstractmethod
    def presign_part(self, key: str, upload_id: str, part_number: int, expires_s: int) -> str | None:
        """A URL the client can PUT the part to directly, or ``None`` to use the app."""

    @abc.abstractmethod
    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]:
        """Parts stored so far, ordered by number; raises UploadNotFound."""

    @abc.abstractmethod
    def complete_multipart(self, key: str, upload_id: str, parts: list[PartInfo]) -> ObjectInfo:
        """Assemble the parts into ``key``; the object is invisible until this succeeds."""

    @abc.abstractmethod
    def abort_multipart(self, key: str, upload_id: str) -> None:
        """Drop the upload and its parts; aborting an unknown upload is not an error."""

    # --- objects ---------------------------------------------------------------------
    @abc.abstractmethod
    def stat(self, key: str) -> ObjectInfo:
        """Size and ETag of ``key``; raises ObjectNotFound."""

    @abc.abstractmethod
    def read_range(self, key: str, start: int, length: int) -> bytes:
        """Up to ``length`` bytes from ``start`` (fewer at the end of the object)."""

    @abc.abstractmethod
    def iter_chunks(self, key: str, chunk_size: int = 1024 * 1024) -> Iterator[bytes]:
        """Stream the whole object without holding it in memory."""

    @abc.abstractmethod
    def put_file(self, key: str, path: Path, content_type: str = "application/octet-stream") -> ObjectInfo:
        """Upload a local file to ``key`` (used for derived outputs)."""

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; deleting a missing key is not an error."""

    @abc.abstractmethod
    def list_keys(self, prefix: str) -> list[str]:
        """Every object key under ``prefix`` (a folder-like prefix ending in "/"), sorted."""

    def delete_prefix(self, prefix: str) -> int:
        """Remove every object under ``prefix``; returns how many were removed."""
        if not prefix.endswith("/"):
            raise ValueError("a prefix to delete must end with '/'")
        keys = self.list_keys(prefix)
        for key in keys:
            self.delete(key)
        return len(keys)

    @abc.abstractmethod
    def presign_get(self, key: str, expires_s: int) -> str | None:
        """A short-lived download URL, or ``None`` when the app must serve the bytes."""

    @abc.abstractmethod
    def presign_download(self, key: str, expires_s: int, *, filename: str, content_type: str) -> str:
        """A short-lived URL that downloads ``key`` as an attachment named ``filename``."""

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> ObjectInfo:
        """Store a small object (a photo, a crop) through ``put_file``."""
        import tempfile

        with tempfile.NamedTemporaryFile(prefix="put-") as tmp:
            tmp.write(data)
            tmp.flush()
            return self.put_file(key, Path(tmp.name), content_type)

    def read_bytes(self, key: str) -> bytes:
        """The whole of a small object; use iter_chunks for recordings."""
        return b"".join(self.iter_chunks(key))

    @contextmanager
    def local_path(self, key: str, scratch_dir: Path) -> Iterator[Path]:
        """A readable local file with the object's bytes, for ffmpeg.

        The default downloads into ``scratch_dir`` and removes the copy afterwards; the
        local backend overrides this to hand out the stored file itself.
        """
        import tempfile

        scratch_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=scratch_dir, prefix=scratch.prefix("obj"))  # names its maker for the sweep
        path = Path(name)
        try:
            with open(fd, "wb") as out:
                for chunk in self.iter_chunks(key):
                    out.write(chunk)
            yield path
        finally:
            path.unlink(missing_ok=True)
