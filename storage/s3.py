"""The S3 backend (MinIO or any S3-protocol server), on the ``minio`` client only.

Two clients: ``_client`` talks to ``endpoint`` (what the app reaches), ``_signer`` only
presigns URLs for ``public_endpoint`` (what browsers reach). Both get an explicit region,
so presigning is pure computation and never asks the server for the bucket location.
Addressing is path-style everywhere (``http://host/bucket/key``): it works with
MinIO, moto and proxies without wildcard DNS or certificates for ``bucket.host``.

Multipart goes through minio's low-level ``_*_multipart_upload`` / ``_upload_part`` /
``_list_parts`` methods, because the high-level API hides upload ids, which we need to
hand out presigned part URLs and resume uploads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

import certifi
import urllib3
from minio import Minio
from minio.datatypes import Part
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError
from urllib3.util import Retry, Timeout

from storage.base import ObjectInfo, ObjectStore, PartInfo
from storage.disposition import attachment
from storage.errors import InvalidPart, ObjectNotFound, StorageError, StorageUnavailable, UploadNotFound

CHUNK = 1024 * 1024
MAX_PART_NUMBER = 10_000

_NOT_FOUND = {"NoSuchKey": ObjectNotFound, "NoSuchUpload": UploadNotFound}
_INVALID_PART = {"InvalidPart", "InvalidPartOrder", "EntityTooSmall"}
# 4xx codes that still mean "try again later".
_TRANSIENT = {"RequestTimeout", "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeTooSkewed"}


def _translate(exc: Exception) -> StorageError:
    """Map a minio / urllib3 / socket failure onto the storage exception tree."""
    if isinstance(exc, S3Error):
        if exc.code in _NOT_FOUND:
            return _NOT_FOUND[exc.code](exc.message or exc.code)
        if exc.code in _INVALID_PART:
            return InvalidPart(f"{exc.code}: {exc.message}")
        status = getattr(exc.response, "status", 0) or 0
        if exc.code in _TRANSIENT or status >= 500:
            return StorageUnavailable(f"{exc.code}: {exc.message}")
        return StorageError(f"{exc.code}: {exc.message}")
    if isinstance(exc, ServerError):
        return StorageUnavailable(str(exc))
    if isinstance(exc, InvalidResponseError):
        # A non-XML answer: a proxy's error page, or a server crashing mid-request.
        status = getattr(exc, "_code", 0) or 0
        return (StorageUnavailable if status >= 500 else StorageError)(str(exc))
    if isinstance(exc, (urllib3.exceptions.HTTPError, OSError)):
        return StorageUnavailable(f"S3 endpoint unreachable: {exc}")
    return StorageError(str(exc))


@contextmanager
def _s3_errors() -> Iterator[None]:
    try:
        yield
    except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise _translate(exc) from exc


def _check_part_number(part_number: int) -> None:
    if not 1 <= part_number <= MAX_PART_NUMBER:
        raise ValueError(f"part number must be 1..{MAX_PART_NUMBER}, got {part_number}")


def _read_exactly(data: BinaryIO, length: int) -> bytes:
    """The part's bytes; minio signs the body, so it has to be in memory (one part)."""
    chunks = []
    remaining = length
    while remaining:
        chunk = data.read(min(CHUNK, remaining))
        if not chunk:
            raise InvalidPart(f"{length - remaining} of {length} bytes arrived")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class S3Store(ObjectStore):
    """One bucket on an S3-protocol server."""

    name = "s3"

    def __init__(
        self,
        *,
        endpoint: str,
        public_endpoint: str,
        access_key: str,
        secret_key: str,
        secure: bool,
        region: str,
        bucket: str,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
        retries: int = 3,
        list_page_size: int = 1000,
    ) -> None:
        self.bucket = bucket
        self.region = region
        self._list_page_size = list_page_size
        # Bounded: a dead endpoint fails in seconds and the task layer retries with backoff.
        # raise_on_status=False hands the last 5xx back to minio, which parses the S3 error.
        self._http = urllib3.PoolManager(
            timeout=Timeout(connect=connect_timeout_s, read=read_timeout_s),
            maxsize=16,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
            retries=Retry(
                total=retries,
                backoff_factor=0.2,
                status_forcelist=(500, 502, 503, 504),
                raise_on_status=False,
            ),
        )
        self._client = Minio(
            endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=secure,
            region=region,
            http_client=self._http,
        )
        self._signer = Minio(
            public_endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=secure,
            region=region,
            http_client=self._http,  # never used for requests; avoids a second pool
        )
        # minio only picks virtual-host style for AWS / Aliyun hosts; force path style.
        self._client.disable_virtual_style_endpoint()
        self._signer.disable_virtual_style_endpoint()

    def ensure_ready(self) -> None:
        with _s3_errors():
            if self._client.bucket_exists(self.bucket):
                return
            try:
                self._client.make_bucket(self.bucket, location=self.region)
            except S3Error as exc:
                if exc.code != "BucketAlreadyOwnedByYou":  # a concurrent start-up won
                    raise

    # --- multipart -------------------------------------------------------------------
    def create_multipart(self, key: str, content_type: str) -> str:
        with _s3_errors():
            return self._client._create_multipart_upload(self.bucket, key, {"Content-Type": content_type})

    def upload_part(self, key: str, upload_id: str, part_number: int, data: BinaryIO, length: int) -> PartInfo:
        _check_part_number(part_number)
        body = _read_exactly(data, length)
        with _s3_errors():
            etag = self._client._upload_part(self.bucket, key, body, None, upload_id, part_number)
        return PartInfo(number=part_number, size=length, etag=etag.strip('"'))

    def presign_part(self, key: str, upload_id: str, part_number: int, expires_s: int) -> str | None:
        _check_part_number(part_number)
        return self._signer.get_presigned_url(
            "PUT",
            self.bucket,
            key,
            expires=timedelta(seconds=expires_s),
            extra_query_params={"uploadId": upload_id, "partNumber": str(part_number)},
        )

    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]:
        parts: dict[int, PartInfo] = {}
        marker: str | None = None
        with _s3_errors():
            while True:
                page = self._client._list_parts(
                    self.bucket, key, upload_id, max_parts=self._list_page_size, part_number_marker=marker
                )
                for p in page.parts:
                    parts[p.part_number] = PartInfo(number=p.part_number, size=p.size or 0, etag=p.etag.strip('"'))
                following = page.next_part_number_marker
                # Stop on a server that claims more but does not advance (defensive).
                if not page.is_truncated or not following or following == marker:
                    break
                marker = following
        return [parts[n] for n in sorted(parts)]

    def complete_multipart(self, key: str, upload_id: str, parts: list[PartInfo]) -> ObjectInfo:
        """Assemble ``parts``; the size comes from a ``stat`` afterwards.

        If that ``stat`` fails transiently the object exists but the caller sees
        StorageUnavailable; a retried complete then gets UploadNotFound and should
        ``stat`` the key to learn it already succeeded.
        """
        if not parts:
            raise InvalidPart("a multipart upload needs at least one part")
        minio_parts = [Part(part_number=p.number, etag=p.etag.strip('"')) for p in parts]
        with _s3_errors():
            result = self._client._complete_multipart_upload(self.bucket, key, upload_id, minio_parts)
        if not result.etag:
            # S3 may answer 200 with an <Error> body when it fails late in the assembly.
            raise StorageUnavailable(f"completing {key!r} returned no ETag")
        return self.stat(key)

    def abort_multipart(self, key: str, upload_id: str) -> None:
        try:
            with _s3_errors():
                self._client._abort_multipart_upload(self.bucket, key, upload_id)
        except UploadNotFound:
            pass

    def list_multipart_uploads(self) -> list[tuple[str, str]]:
        """(key, upload_id) of every open upload in the bucket, for the expiry task."""
        found: list[tuple[str, str]] = []
        key_marker: str | None = None
        id_marker: str | None = None
        with _s3_errors():
            while True:
                page = self._client._list_multipart_uploads(
                    self.bucket,
                    key_marker=key_marker,
                    upload_id_marker=id_marker,
                    max_uploads=self._list_page_size,
                )
                found.extend((u.object_name, u.upload_id) for u in page.uploads if u.upload_id)
                if not page.is_truncated or not page.uploads:
                    break
                # minio 7.2 never fills next_upload_id_marker (a typo in its parser), so
                # continue after the last upload listed, which is what S3 defines anyway.
                last = page.uploads[-1]
                if (last.object_name, last.upload_id) == (key_marker, id_marker):
                    break
                key_marker, id_marker = last.object_name, last.upload_id
        return found

    # --- objects ---------------------------------------------------------------------
    def stat(self, key: str) -> ObjectInfo:
        with _s3_errors():
            obj = self._client.stat_object(self.bucket, key)
        return ObjectInfo(key=key, size=obj.size or 0, etag=(obj.etag or "").strip('"'))

    def read_range(self, key: str, start: int, length: int) -> bytes:
        if start < 0 or length < 0:
            raise ValueError("start and length must not be negative")
        if length == 0:
            self.stat(key)  # minio reads length=0 as "to the end"; still report a missing key
            return b""
        try:
            with _s3_errors():
                response = self._client.get_object(self.bucket, key, offset=start, length=length)
                try:
                    return response.read()
                finally:
                    response.close()
                    response.release_conn()
        except StorageError as exc:
            if isinstance(exc.__cause__, S3Error) and exc.__cause__.code == "InvalidRange":
                return b""  # the object exists but starts before ``start``
            raise

    def iter_chunks(self, key: str, chunk_size: int = CHUNK) -> Iterator[bytes]:
        # Issue the GET now so a missing key fails at the call, not at the first next().
        with _s3_errors():
            response = self._client.get_object(self.bucket, key)
        return self._stream(response, chunk_size)

    @staticmethod
    def _stream(response: urllib3.BaseHTTPResponse, chunk_size: int) -> Iterator[bytes]:
        try:
            with _s3_errors():
                yield from response.stream(chunk_size)
        finally:
            response.close()
            response.release_conn()

    def put_file(self, key: str, path: Path, content_type: str = "application/octet-stream") -> ObjectInfo:
        # Errors opening the caller's source file are the caller's and propagate as is.
        with open(path, "rb") as src:
            size = os.fstat(src.fileno()).st_size
            with _s3_errors():
                result = self._client.put_object(self.bucket, key, src, size, content_type=content_type)
        return ObjectInfo(key=key, size=size, etag=(result.etag or "").strip('"'))

    def delete(self, key: str) -> None:
        with _s3_errors():
            self._client.remove_object(self.bucket, key)

    def list_keys(self, prefix: str) -> list[str]:
        with _s3_errors():
            return sorted(o.object_name for o in self._client.list_objects(self.bucket, prefix=prefix, recursive=True))

    def presign_get(self, key: str, expires_s: int) -> str | None:
        return self._signer.get_presigned_url("GET", self.bucket, key, expires=timedelta(seconds=expires_s))

    def presign_download(self, key: str, expires_s: int, *, filename: str, content_type: str) -> str:
        """S3 answers with the name and type the signed ``response-*`` parameters ask for."""
        overrides = {"response-content-disposition": attachment(filename), "response-content-type": content_type}
        return self._signer.get_presigned_url(
            "GET", self.bucket, key, expires=timedelta(seconds=expires_s), response_headers=overrides
        )
