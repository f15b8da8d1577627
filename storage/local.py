"""The embedded object store: one directory on the local disk.

Layout under ``root``::

    originals/<id>                  a published object (keys map 1:1 to paths)
    .multipart/<upload_id>/meta.json   {"key": ..., "content_type": ...}
    .multipart/<upload_id>/part-00001  a stored part
    .multipart/<upload_id>/part-00001.json  {"etag": md5, "size": n}

Every file becomes visible through ``os.replace`` of a fully written, fsynced temp
file in the same directory, so a reader (or a crash) never sees half an object or half
a part. Key segments may not start with a dot, which keeps user keys apart from the
temp files and the ``.multipart`` area.

ETags: parts carry their MD5 (hex, unquoted), as on S3, because ``complete_multipart``
checks them. Whole objects carry a validator built from size and mtime, the way
static file servers do it: it changes whenever the file is rewritten and ``stat``
returns the same value ``put_file``/``complete_multipart`` returned, without hashing
gigabytes on every ``stat``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from storage.base import ObjectInfo, ObjectStore, PartInfo
from storage.errors import InvalidPart, ObjectNotFound, StorageError, StorageUnavailable, UploadNotFound
from storage.signing import signed_download_url, signed_url

CHUNK = 1024 * 1024
COPY_CHUNK = 64 * 1024 * 1024
MAX_PART_NUMBER = 10_000
MULTIPART_DIR = ".multipart"
_PART_RE = re.compile(r"^part-(\d{5})$")
_UPLOAD_ID_RE = re.compile(r"^[0-9a-f]{32}$")
# copy_file_range refuses some file-system combinations; fall back to a plain copy.
_NO_COPY_RANGE = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.EPERM}


@contextmanager
def _os_errors(missing: type[StorageError]) -> Iterator[None]:
    """Turn OSError into the storage tree: a missing file is ``missing``, the rest transient."""
    try:
        yield
    # NotADirectory/IsADirectory: "a/b" asked while "a" is a file, or "a" while "a/b" exists.
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
        raise missing(str(exc)) from exc
    except OSError as exc:
        raise StorageUnavailable(str(exc)) from exc


def _fsync_dir(path: Path) -> None:
    """Make a rename durable; some file systems cannot open directories, which is fine."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _weak_etag(st: os.stat_result) -> str:
    return f"{st.st_mtime_ns:x}-{st.st_size:x}"


def _write_all(out: BinaryIO, data: bytes) -> None:
    """Unbuffered writes may be short (a full disk, a signal); loop until all is written."""
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]


def _append(src: BinaryIO, dst: BinaryIO) -> None:
    """Append ``src`` to ``dst`` in the kernel when possible (unbuffered files only)."""
    if hasattr(os, "copy_file_range"):
        try:
            while os.copy_file_range(src.fileno(), dst.fileno(), COPY_CHUNK):
                pass
            return
        except OSError as exc:
            if exc.errno not in _NO_COPY_RANGE:
                raise
            # Both offsets advanced by whatever was copied, so the plain copy resumes there.
    while chunk := src.read(CHUNK * 8):
        _write_all(dst, chunk)


def _check_part_number(part_number: int) -> None:
    if not 1 <= part_number <= MAX_PART_NUMBER:
        raise ValueError(f"part number must be 1..{MAX_PART_NUMBER}, got {part_number}")


class LocalStore(ObjectStore):
    """Objects as files under ``root``; the app itself receives parts and serves bytes."""

    name = "local"

    def __init__(self, root: Path, secret_key: str) -> None:
        self.root = Path(root)
        # Signs the app-served download URLs that stand in for S3's presigned GETs.
        self.secret_key = secret_key
        self._uploads = self.root / MULTIPART_DIR

    # --- paths -------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        """Map a key to its file, refusing anything that could leave ``root``."""
        if not key or "\x00" in key or "\\" in key or key.startswith("/"):
            raise ValueError(f"invalid object key {key!r}")
        for segment in key.split("/"):
            if not segment or segment in (".", "..") or segment.startswith("."):
                raise ValueError(f"invalid object key {key!r}")
        return self.root.joinpath(*key.split("/"))

    def _upload_dir(self, key: str, upload_id: str) -> Path:
        """The upload's directory; unknown ids and ids of another key are UploadNotFound."""
        if not _UPLOAD_ID_RE.match(upload_id):
            raise UploadNotFound(f"unknown upload {upload_id!r}")
        directory = self._uploads / upload_id
        with _os_errors(UploadNotFound):
            meta = json.loads((directory / "meta.json").read_text())
        if meta.get("key") != key:
            raise UploadNotFound(f"upload {upload_id} does not belong to {key!r}")
        return directory

    def _write_atomic(
        self,
        target: Path,
        fill: Callable[[BinaryIO], object],
        before_replace: Callable[[], object] | None = None,
    ) -> os.stat_result:
        """Create ``target`` from ``fill(file)`` via temp file, fsync and rename."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        tmp = Path(tmp_name)
        try:
            with open(fd, "wb", buffering=0) as out:
                fill(out)
                out.flush()
                os.fsync(out.fileno())
            if before_replace is not None:
                before_replace()
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return target.stat()

    # --- set-up ------------------------------------------------------------------------
    def ensure_ready(self) -> None:
        with _os_errors(StorageUnavailable):
            self._uploads.mkdir(parents=True, exist_ok=True)

    # --- multipart ---------------------------------------------------------------------
    def create_multipart(self, key: str, content_type: str) -> str:
        self._path(key)  # validate before anything touches the disk
        upload_id = uuid.uuid4().hex
        directory = self._uploads / upload_id
        meta = json.dumps({"key": key, "content_type": content_type}).encode()
        with _os_errors(StorageUnavailable):
            directory.mkdir(parents=True)
            self._write_atomic(directory / "meta.json", lambda out: _write_all(out, meta))
        return upload_id

    def upload_part(self, key: str, upload_id: str, part_number: int, data: BinaryIO, length: int) -> PartInfo:
        _check_part_number(part_number)
        if length < 0:
            raise ValueError("length must not be negative")
        directory = self._upload_dir(key, upload_id)
        part = directory / f"part-{part_number:05d}"
        md5 = hashlib.md5()

        def fill(out: BinaryIO) -> None:
            remaining = length
            while remaining:
                chunk = data.read(min(CHUNK, remaining))
                if not chunk:
                    raise InvalidPart(f"part {part_number}: {length - remaining} of {length} bytes arrived")
                md5.update(chunk)
                _write_all(out, chunk)
                remaining -= len(chunk)

        sidecar_path = part.with_suffix(".json")
        # A vanished directory means the upload was aborted meanwhile.
        with _os_errors(UploadNotFound):
            # Once the new bytes are safely on disk, drop the old sidecar before the part
            # is replaced: a crash in between leaves a part without sidecar, which
            # list_parts re-hashes, never a part with a stale ETag.
            st = self._write_atomic(part, fill, lambda: sidecar_path.unlink(missing_ok=True))
            info = PartInfo(number=part_number, size=st.st_size, etag=md5.hexdigest())
            sidecar = json.dumps({"etag": info.etag, "size": info.size}).encode()
            self._write_atomic(sidecar_path, lambda out: _write_all(out, sidecar))
        return info

    def presign_part(self, key: str, upload_id: str, part_number: int, expires_s: int) -> str | None:
        return None

    def _part_info(self, part: Path, number: int) -> PartInfo:
        size = part.stat().st_size
        sidecar = part.with_suffix(".json")
        try:
            meta = json.loads(sidecar.read_text())
            if meta.get("size") == size:
                return PartInfo(number=number, size=size, etag=meta["etag"])
        except (FileNotFoundError, ValueError, KeyError):
            pass
        # Sidecar missing or stale (crash between the renames): hash the part once more.
        md5 = hashlib.md5()
        with open(part, "rb") as src:
            while chunk := src.read(CHUNK):
                md5.update(chunk)
        return PartInfo(number=number, size=size, etag=md5.hexdigest())

    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]:
        directory = self._upload_dir(key, upload_id)
        parts = []
        with _os_errors(UploadNotFound):
            for entry in os.scandir(directory):
                match = _PART_RE.match(entry.name)
                if match:
                    parts.append(self._part_info(Path(entry.path), int(match.group(1))))
        return sorted(parts, key=lambda p: p.number)

    def complete_multipart(self, key: str, upload_id: str, parts: list[PartInfo]) -> ObjectInfo:
        target = self._path(key)
        directory = self._upload_dir(key, upload_id)
        if not parts:
            raise InvalidPart("a multipart upload needs at least one part")
        numbers = [p.number for p in parts]
        if numbers != sorted(set(numbers)):
            raise InvalidPart("parts must be listed in strictly ascending order")
        stored = {p.number: p for p in self.list_parts(key, upload_id)}
        for wanted in parts:
            have = stored.get(wanted.number)
            if have is None or have.etag != wanted.etag.strip('"'):
                raise InvalidPart(f"part {wanted.number} is missing or its ETag does not match")

        def fill(out: BinaryIO) -> None:
            for p in parts:
                with open(directory / f"part-{p.number:05d}", "rb", buffering=0) as src:
                    _append(src, out)

        with _os_errors(UploadNotFound):
            st = self._write_atomic(target, fill)
        shutil.rmtree(directory, ignore_errors=True)
        return ObjectInfo(key=key, size=st.st_size, etag=_weak_etag(st))

    def abort_multipart(self, key: str, upload_id: str) -> None:
        try:
            directory = self._upload_dir(key, upload_id)
        except UploadNotFound:
            return  # unknown, already gone, or someone else's upload: nothing to drop
        try:
            shutil.rmtree(directory)
        except FileNotFoundError:
            pass  # a concurrent abort or complete got there first
        except OSError as exc:
            raise StorageUnavailable(str(exc)) from exc

    def list_multipart_uploads(self) -> list[tuple[str, str]]:
        """(key, upload_id) of every open upload, for the expiry task."""
        found = []
        try:
            entries = list(os.scandir(self._uploads))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StorageUnavailable(str(exc)) from exc
        for entry in entries:
            if not _UPLOAD_ID_RE.match(entry.name):
                continue
            try:
                meta = json.loads(Path(entry.path, "meta.json").read_text())
            except (FileNotFoundError, ValueError):
                continue  # being created or aborted right now
            found.append((meta["key"], entry.name))
        return sorted(found)

    # --- objects -----------------------------------------------------------------------
    def stat(self, key: str) -> ObjectInfo:
        path = self._path(key)
        with _os_errors(ObjectNotFound):
            st = path.stat()
        if not path.is_file():
            raise ObjectNotFound(key)
        return ObjectInfo(key=key, size=st.st_size, etag=_weak_etag(st))

    def read_range(self, key: str, start: int, length: int) -> bytes:
        if start < 0 or length < 0:
            raise ValueError("start and length must not be negative")
        path = self._path(key)
        with _os_errors(ObjectNotFound), open(path, "rb") as src:
            src.seek(start)
            return src.read(length)

    def iter_chunks(self, key: str, chunk_size: int = CHUNK) -> Iterator[bytes]:
        path = self._path(key)
        # Open now so a missing key fails at the call, not at the first next().
        with _os_errors(ObjectNotFound):
            src = open(path, "rb")
        return self._stream(src, chunk_size)

    @staticmethod
    def _stream(src: BinaryIO, chunk_size: int) -> Iterator[bytes]:
        with src, _os_errors(StorageUnavailable):
            while chunk := src.read(chunk_size):
                yield chunk

    def put_file(self, key: str, path: Path, content_type: str = "application/octet-stream") -> ObjectInfo:
        target = self._path(key)
        # Errors opening the caller's source file are the caller's and propagate as is.
        with open(path, "rb", buffering=0) as src, _os_errors(StorageUnavailable):
            st = self._write_atomic(target, lambda out: _append(src, out))
        return ObjectInfo(key=key, size=st.st_size, etag=_weak_etag(st))

    def delete(self, key: str) -> None:
        path = self._path(key)
        with _os_errors(StorageUnavailable):
            path.unlink(missing_ok=True)

    def list_keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        if not folder.is_dir():
            return []
        with _os_errors(StorageUnavailable):
            keys = [
                path.relative_to(self.root).as_posix()
                for path in folder.rglob("*")
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(self.root).parts)
            ]
        return sorted(k for k in keys if k.startswith(prefix))

    def presign_get(self, key: str, expires_s: int) -> str | None:
        """An app URL (``/api/media/...``) signed with the secret, valid for ``expires_s``."""
        self._path(key)  # refuse keys that could never be served
        return signed_url(self.secret_key, key, expires_s)

    def presign_download(self, key: str, expires_s: int, *, filename: str, content_type: str) -> str:
        """Like :meth:`presign_get`, with the name and type signed into the link."""
        self._path(key)
        return signed_download_url(self.secret_key, key, expires_s, filename=filename, content_type=content_type)

    def file_path(self, key: str) -> Path:
        """The stored file for ``key``, for the app's media route; raises ObjectNotFound."""
        path = self._path(key)
        if not path.is_file():
            raise ObjectNotFound(key)
        return path

    @contextmanager
    def local_path(self, key: str, scratch_dir: Path) -> Iterator[Path]:
        """The stored file itself: no copy. Readers must not modify it."""
        yield self.file_path(key)
