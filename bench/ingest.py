"""Ingest benchmark: how close an upload through the real server gets to a plain file copy.

In one run, on the same disk and the same file:
- floor:     copy the file (read once, write once), the least any store-to-disk path can cost;
- direct:    POST /api/uploads/direct through uvicorn on loopback (local object store);
- multipart: create → PUT every part → complete, through the same server.
Writes bench/results/ingest.json. Size with KEJIAN_BENCH_INGEST_MB (default 512).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "ingest.json"
MiB = 1024 * 1024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _make_file(path: Path, size: int) -> None:
    """An MP4 head (so the sniff accepts it) followed by incompressible bytes."""
    head_clip = Path(tempfile.mkdtemp()) / "head.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:d=1", "-y", str(head_clip)], check=True
    )
    with open(path, "wb") as out:
        out.write(head_clip.read_bytes())
        while out.tell() < size:
            out.write(os.urandom(min(16 * MiB, size - out.tell())))


def _start_server(var_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "KEJIAN_VAR_DIR": str(var_dir), "KEJIAN_LOG_LEVEL": "WARNING"}
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "alembic"), "upgrade", "head"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "api.demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [
            str(bin_dir / "uvicorn"),
            "api.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def _file_chunks(path: Path, start: int = 0, length: int | None = None, chunk: int = MiB):
    with open(path, "rb") as f:
        f.seek(start)
        left = length if length is not None else path.stat().st_size - start
        while left > 0:
            data = f.read(min(chunk, left))
            if not data:
                return
            left -= len(data)
            yield data


def _direct(client: httpx.Client, path: Path) -> float:
    size = path.stat().st_size
    started = time.perf_counter()
    response = client.post(
        "/api/uploads/direct",
        params={"kind": "lesson", "filename": "bench.mp4", "capability_code": "A1"},
        content=_file_chunks(path),
        headers={"Content-Length": str(size), "Content-Type": "video/mp4"},
    )
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return elapsed


def _multipart(client: httpx.Client, path: Path) -> float:
    size = path.stat().st_size
    started = time.perf_counter()
    upload = client.post(
        "/api/uploads", json={"kind": "lesson", "capability_code": "A1", "filename": "bench.mp4", "size": size}
    ).json()
    part_size = upload["part_size"]
    for number in range(1, upload["part_count"] + 1):
        urls = client.get(f"/api/uploads/{upload['upload_id']}/part-urls", params={"first": number, "count": 1})
        part = urls.json()["parts"][0]
        data = b"".join(_file_chunks(path, (number - 1) * part_size, part["size"]))
        client.put(part["url"], content=data).raise_for_status()
    client.post(f"/api/uploads/{upload['upload_id']}/complete").raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    size = int(os.environ.get("KEJIAN_BENCH_INGEST_MB", "512")) * MiB
    work = Path(tempfile.mkdtemp(prefix="kejian-bench-", dir=ROOT / "var" if (ROOT / "var").exists() else None))
    try:
        source = work / "source.mp4"
        _make_file(source, size)
        started = time.perf_counter()
        shutil.copyfile(source, work / "copy.mp4")
        os.sync()
        floor_s = time.perf_counter() - started
        (work / "copy.mp4").unlink()

        port = _free_port()
        server = _start_server(work / "var", port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
                token = client.post("/api/auth/login", json={"username": "teacher", "password": "kejian123"}).json()
                client.headers["Authorization"] = f"Bearer {token['token']}"
                direct_s = _direct(client, source)
                multipart_s = _multipart(client, source)
        finally:
            server.terminate()
            server.wait(timeout=20)
        result = {
            "size_bytes": size,
            "floor_copy_s": round(floor_s, 3),
            "direct_s": round(direct_s, 3),
            "multipart_s": round(multipart_s, 3),
            "direct_ratio_to_floor": round(direct_s / floor_s, 2),
            "multipart_ratio_to_floor": round(multipart_s / floor_s, 2),
            "direct_mib_per_s": round(size / MiB / direct_s, 1),
            "multipart_mib_per_s": round(size / MiB / multipart_s, 1),
        }
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
