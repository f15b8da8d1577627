"""S3-only behaviour: presigned URLs used over plain HTTP, paging, error translation.

The presigned requests go through ``urllib.request`` exactly as a browser would send
them: no minio, no credentials, only the URL.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from minio.error import S3Error

from storage.base import PartInfo
from storage.errors import ObjectNotFound, StorageUnavailable
from storage.s3 import S3Store
from tests.plugins.s3 import make_s3_store

MiB = 1024 * 1024
PART = 5 * MiB


def closed_endpoint() -> str:
    """``host:port`` where nothing listens: bind a free port, then let it go."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


def http_put(url: str, body: bytes) -> str:
    """PUT like a browser does and return the ETag header it would read."""
    # Without an explicit type urllib sends a form content type, which moto tries to parse.
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/octet-stream"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return response.headers["ETag"]


def test_part_put_through_presigned_url(s3_store: S3Store, moto_s3_endpoint: str) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = s3_store.create_multipart(key, "video/mp4")
    first, tail = os.urandom(PART), os.urandom(1000)

    url = s3_store.presign_part(key, upload_id, 1, expires_s=600)
    assert url is not None
    parsed = urlsplit(url)
    # Signed for the public endpoint, path-style, carrying the multipart parameters.
    assert parsed.netloc == moto_s3_endpoint.replace("127.0.0.1", "localhost")
    assert parsed.path == f"/{s3_store.bucket}/{key}"
    query = dict(parse_qsl(parsed.query))
    assert query["uploadId"] == upload_id and query["partNumber"] == "1"
    assert query["X-Amz-Expires"] == "600"

    browser_etag = http_put(url, first)
    s3_store.upload_part(key, upload_id, 2, io.BytesIO(tail), len(tail))

    parts = s3_store.list_parts(key, upload_id)
    assert [(p.number, p.size) for p in parts] == [(1, PART), (2, len(tail))]
    # S3 sends the ETag quoted; the store hands it out bare.
    assert browser_etag.startswith('"') and parts[0].etag == browser_etag.strip('"')

    info = s3_store.complete_multipart(key, upload_id, parts)
    assert info.size == PART + len(tail)
    assert info.etag.endswith("-2")  # S3's md5-of-md5s multipart ETag
    assert s3_store.read_range(key, PART - 3, 6) == first[-3:] + tail[:3]


def test_presign_get_downloads_over_http(s3_store: S3Store, tmp_path) -> None:
    key = f"derived/{uuid.uuid4().hex}/poster.jpg"
    data = os.urandom(200_000)
    (tmp_path / "poster.jpg").write_bytes(data)
    s3_store.put_file(key, tmp_path / "poster.jpg", "image/jpeg")

    url = s3_store.presign_get(key, expires_s=60)
    assert url is not None
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read() == data
        assert response.headers["Content-Type"] == "image/jpeg"


def test_presigned_signature_matches_botocore() -> None:
    """moto does not verify presigned signatures, so check minio's against AWS's signer."""
    botocore_auth = pytest.importorskip("botocore.auth")
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    store = make_s3_store(closed_endpoint(), "kejian", public_endpoint="media.example.org", region="eu-west-1")
    url = store.presign_part("originals/a b+c", "UPLOAD1", 7, expires_s=900)
    assert url is not None
    parsed = urlsplit(url)
    query = dict(parse_qsl(parsed.query))
    signature = query.pop("X-Amz-Signature")

    unsigned = f"http://{parsed.netloc}{parsed.path}?" + urlencode({"partNumber": "7", "uploadId": "UPLOAD1"})
    request = AWSRequest(method="PUT", url=unsigned)
    request.context["timestamp"] = query["X-Amz-Date"]
    botocore_auth.S3SigV4QueryAuth(Credentials("testing", "testing"), "s3", "eu-west-1", expires=900).add_auth(request)
    assert dict(parse_qsl(urlsplit(request.url).query))["X-Amz-Signature"] == signature


def test_presigning_needs_no_network() -> None:
    # Nothing listens there, so any request (say, for the bucket region) would fail.
    endpoint = closed_endpoint()
    store = make_s3_store(endpoint, "kejian", retries=0, connect_timeout_s=0.2)
    public = endpoint.replace("127.0.0.1", "localhost")
    assert store.presign_get("originals/x", 60).startswith(f"http://{public}/kejian/originals/x?")
    assert "uploadId=U" in store.presign_part("originals/x", "U", 1, 60)


def test_list_parts_pages_through_all_parts(moto_s3_endpoint: str, s3_store: S3Store) -> None:
    store = make_s3_store(moto_s3_endpoint, s3_store.bucket, list_page_size=2)
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = store.create_multipart(key, "video/mp4")
    for n in range(1, 6):
        store.upload_part(key, upload_id, n, io.BytesIO(b"x" * n), n)

    parts = store.list_parts(key, upload_id)

    assert [(p.number, p.size) for p in parts] == [(n, n) for n in range(1, 6)]


def test_vendor_errors_are_translated(s3_store: S3Store) -> None:
    with pytest.raises(ObjectNotFound) as caught:
        s3_store.stat("originals/missing")
    assert isinstance(caught.value.__cause__, S3Error)
    assert caught.value.__cause__.code == "NoSuchKey"


def test_unreachable_endpoint_is_storage_unavailable() -> None:
    store = make_s3_store(closed_endpoint(), "kejian", retries=1, connect_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(StorageUnavailable):
        store.stat("originals/x")
    with pytest.raises(StorageUnavailable):
        store.complete_multipart("originals/x", "U", [PartInfo(1, 1, "e")])
    assert time.monotonic() - started < 10  # bounded retries, no five-minute hang


class _SlowDown(BaseHTTPRequestHandler):
    """An S3 lookalike that always answers 503 SlowDown, counting requests."""

    hits = 0
    body = b"<?xml version='1.0'?><Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        type(self).hits += 1
        self.send_response(503)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def slow_down_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowDown)
    _SlowDown.hits = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_5xx_is_retried_a_bounded_number_of_times(slow_down_endpoint: str) -> None:
    store = make_s3_store(slow_down_endpoint, "kejian", retries=2)
    with pytest.raises(StorageUnavailable) as caught:
        store.read_range("originals/x", 0, 10)
    assert isinstance(caught.value.__cause__, S3Error)
    assert caught.value.__cause__.code == "SlowDown"
    assert _SlowDown.hits == 3  # the first try and two retries
