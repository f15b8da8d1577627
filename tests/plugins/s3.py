"""Object-store fixtures: a real moto S3 server over HTTP, and the local disk store.

Nothing here patches the minio client: every S3 call in the tests is an HTTP request to
a ``moto_server`` subprocess, so signing, path-style URLs, XML parsing and error
translation are exercised the way production exercises them against MinIO.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.base import ObjectStore
from storage.local import LocalStore
from storage.s3 import S3Store

MOTO_START_TIMEOUT_S = 30.0
MOTO_ACCESS_KEY = "testing"
MOTO_SECRET_KEY = "testing"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except OSError:
        return False


def _start_moto(log_path: Path) -> tuple[subprocess.Popen, int]:
    """Start moto_server on a free port; retry if another process grabbed the port."""
    binary = Path(sys.executable).parent / "moto_server"
    for _ in range(3):
        port = _free_port()
        log = open(log_path, "ab")
        proc = subprocess.Popen(
            [str(binary), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()  # the child holds its own descriptor
        deadline = time.monotonic() + MOTO_START_TIMEOUT_S
        while time.monotonic() < deadline and proc.poll() is None:
            if _answers_http(f"http://127.0.0.1:{port}/"):
                return proc, port
            time.sleep(0.1)
        _stop(proc)
    raise RuntimeError(f"moto_server did not start; see {log_path}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def moto_s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``host:port`` of a moto S3 server that lives for the whole test session."""
    proc, port = _start_moto(tmp_path_factory.mktemp("moto") / "moto_server.log")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        _stop(proc)


def make_s3_store(endpoint: str, bucket: str, **overrides) -> S3Store:
    """An S3Store for moto; browsers reach it as ``localhost`` to prove the second client."""
    options = dict(
        endpoint=endpoint,
        public_endpoint=endpoint.replace("127.0.0.1", "localhost"),
        access_key=MOTO_ACCESS_KEY,
        secret_key=MOTO_SECRET_KEY,
        secure=False,
        region="us-east-1",
        bucket=bucket,
    )
    options.update(overrides)
    return S3Store(**options)


@pytest.fixture
def s3_store(moto_s3_endpoint: str) -> S3Store:
    """An S3Store on a fresh bucket, so tests never see each other's objects or uploads."""
    store = make_s3_store(moto_s3_endpoint, f"test-{uuid.uuid4().hex[:16]}")
    store.ensure_ready()
    return store


@pytest.fixture
def local_store(tmp_path: Path) -> LocalStore:
    store = LocalStore(root=tmp_path / "objects", secret_key="test-secret")
    store.ensure_ready()
    return store


@pytest.fixture(params=["local", "s3"])
def any_store(request: pytest.FixtureRequest) -> ObjectStore:
    """Each backend in turn; moto only starts when an S3 case actually runs."""
    return request.getfixturevalue(f"{request.param}_store")
