"""Direct-to-S3 benchmark: a 4 GiB multipart upload whose bytes never pass through the API.

In one run, against one S3 server process (moto) and one uvicorn API process on the S3 backend:
- through the API: create the upload at the API, PUT every part to the presigned URL it hands
  out (a few at a time), complete at the API; the API's RSS (and its children's) sampled
  from /proc throughout, and every byte the API receives counted (bench/_upload_rig.py);
- the same upload declaring its SHA-256: the API verifies it at completion by reading the
  whole object back from S3, so there the bytes do reach the API (measured, not a target);
- baseline: the same PUTs of the same parts with the same parallelism, the multipart upload
  created, presigned and completed by this script straight against the S3 server: the API
  out of the loop; run before and after the measured uploads.
Target: the API's RSS stays under 150 MB throughout. Parts are made on the fly (nothing on
disk). Size with KEJIAN_BENCH_DIRECT_UPLOAD_MB (default 4096), parallel PUTs with
KEJIAN_BENCH_DIRECT_UPLOAD_PARALLEL (default 4). Writes bench/results/direct_upload.json.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _upload_rig as rig  # noqa: E402
from config.settings import Settings  # noqa: E402
from domain.uploads import plan_parts  # noqa: E402
from storage.s3 import S3Store  # noqa: E402

RESULTS = rig.ROOT / "bench" / "results" / "direct_upload.json"
RSS_TARGET_BYTES = 150 * 1000 * 1000
MiB = rig.MiB


def _put_parts(urls: dict[int, str], source: rig.PartSource, parallel: int, api: httpx.Client | None = None) -> int:
    """PUT every part to its URL, ``parallel`` at a time; the bytes sent.

    A URL the API gives as a path (``/api/uploads/…/parts/N``: no presigning, the local
    store) goes to the API with the client's sign-in, as a browser would send it.
    """
    with httpx.Client(timeout=600, limits=httpx.Limits(max_connections=parallel)) as http:

        def put(item: tuple[int, str]) -> int:
            number, url = item
            body = source.part(number)
            (api if api is not None and url.startswith("/") else http).put(url, content=body).raise_for_status()
            return len(body)

        with ThreadPoolExecutor(parallel) as pool:
            return sum(pool.map(put, sorted(urls.items())))


def through_api(
    api_url: str, size: int, head: bytes, parallel: int, api_pid: int, *, sha256: str | None = None
) -> dict:
    """The measured upload. ``sha256`` declares the file's digest, which the API verifies at
    completion by reading the whole object back from S3 (so those bytes do reach it)."""
    with httpx.Client(base_url=api_url, timeout=600) as client:
        token = client.post("/api/auth/login", json={"username": "teacher", "password": "kejian123"}).json()
        client.headers["Authorization"] = f"Bearer {token['token']}"
        with rig.RssSampler(api_pid) as rss:
            started = time.perf_counter()
            upload = client.post(
                "/api/uploads",
                json={
                    "kind": "lesson",
                    "capability_code": "A1",
                    "filename": "bench.mp4",
                    "size": size,
                    "sha256": sha256,
                },
            )
            upload.raise_for_status()
            upload = upload.json()
            urls = {p["number"]: p["url"] for p in upload["parts"]}
            while len(urls) < upload["part_count"]:
                batch = client.get(
                    f"/api/uploads/{upload['upload_id']}/part-urls", params={"first": len(urls) + 1, "count": 500}
                )
                batch.raise_for_status()
                urls.update((p["number"], p["url"]) for p in batch.json()["parts"])
            presigned = sum(not url.startswith("/api/") for url in urls.values())
            source = rig.PartSource(size, upload["part_size"], head)
            parts_done = time.perf_counter()
            sent = _put_parts(urls, source, parallel, client)
            put_s = time.perf_counter() - parts_done
            complete_started = time.perf_counter()
            client.post(f"/api/uploads/{upload['upload_id']}/complete").raise_for_status()
            complete_s = time.perf_counter() - complete_started
            elapsed = time.perf_counter() - started
    return {
        "part_size": upload["part_size"],
        "parts": upload["part_count"],
        "presigned_parts": presigned,
        "client_sent_to_s3_bytes": sent,
        "elapsed_s": round(elapsed, 2),
        "puts_s": round(put_s, 2),
        "complete_s": round(complete_s, 2),
        "mib_per_s": round(size / MiB / elapsed, 1),
        "puts_mib_per_s": round(size / MiB / put_s, 1),
        "rss_first_bytes": rss.first,
        "rss_peak_bytes": rss.peak,
        "rss_samples": rss.count,
        "rss_series": rss.samples,
    }


def baseline(store: S3Store, size: int, part_size: int, head: bytes, parallel: int) -> dict:
    """The same PUTs, the upload created and completed here: no API in the loop."""
    key = "baseline/bench.mp4"
    count = -(-size // part_size)
    started = time.perf_counter()
    upload_id = store.create_multipart(key, "video/mp4")
    urls = {n: store.presign_part(key, upload_id, n, 6 * 3600) for n in range(1, count + 1)}
    puts_started = time.perf_counter()
    _put_parts(urls, rig.PartSource(size, part_size, head), parallel)
    put_s = time.perf_counter() - puts_started
    complete_started = time.perf_counter()
    info = store.complete_multipart(key, upload_id, store.list_parts(key, upload_id))
    complete_s = time.perf_counter() - complete_started
    elapsed = time.perf_counter() - started
    assert info.size == size, (info.size, size)
    store.delete(key)
    return {
        "elapsed_s": round(elapsed, 2),
        "puts_s": round(put_s, 2),
        "complete_s": round(complete_s, 2),
        "mib_per_s": round(size / MiB / elapsed, 1),
        "puts_mib_per_s": round(size / MiB / put_s, 1),
    }


def _baseline_sampled(store: S3Store, size: int, part_size: int, head: bytes, parallel: int, api_pid: int) -> dict:
    """The baseline with the API's RSS sampled as in the measured run: the sampler's thread
    shares this process with the PUTs, so both runs carry its cost; the idle API's RSS is
    what the measured run's is compared with."""
    with rig.RssSampler(api_pid) as rss:
        result = baseline(store, size, part_size, head, parallel)
    result["idle_api_rss_peak_bytes"] = rss.peak
    return result


def main() -> None:
    size = int(os.environ.get("KEJIAN_BENCH_DIRECT_UPLOAD_MB", "4096")) * MiB
    parallel = int(os.environ.get("KEJIAN_BENCH_DIRECT_UPLOAD_PARALLEL", "4"))
    server = os.environ.get("KEJIAN_BENCH_S3_SERVER") or ("rclone" if rig.rclone_binary() else "moto")
    defaults = Settings()
    part_size = plan_parts(size, min_part_bytes=defaults.min_part_bytes, max_parts=defaults.max_parts).part_size
    work = Path(tempfile.mkdtemp(prefix="kejian-bench-direct-"))
    head = rig.mp4_head()
    load_before = os.getloadavg()
    try:
        with (
            rig.s3_server(work, server) as (s3_proc, s3_port),
            rig.CountingProxy(s3_port) as s3_side,
            rig.RssSampler(s3_proc.pid, interval_s=0.2) as s3_rss,
        ):
            env = rig.api_env(
                work / "var", s3_endpoint=f"{rig.HOST}:{s3_side.port}", s3_public_endpoint=f"{rig.HOST}:{s3_port}"
            )
            with rig.api_server(env, work) as (api_proc, api_port), rig.CountingProxy(api_port) as client_side:
                store = rig.s3_store(f"{rig.HOST}:{s3_port}", read_timeout_s=600)
                # Baseline before and after, so neither path gains from going first or last.
                bases = [_baseline_sampled(store, size, part_size, head, parallel, api_proc.pid)]
                before_in, before_s3 = client_side.upstream_bytes, s3_side.downstream_bytes
                api = through_api(f"http://{rig.HOST}:{client_side.port}", size, head, parallel, api_proc.pid)
                api["api_received_from_clients_bytes"] = client_side.upstream_bytes - before_in
                api["api_received_from_s3_bytes"] = s3_side.downstream_bytes - before_s3
                api["api_sent_to_s3_bytes"] = s3_side.upstream_bytes
                stored = store.list_keys("")
                api["s3_object_bytes"] = sum(store.stat(k).size for k in stored)
                for k in stored:
                    store.delete(k)  # the S3 server's disk, before the next run writes as much again
                # The same upload declaring its SHA-256, which the API verifies by reading the
                # object back: the one case where the upload's bytes do reach the API.
                digest = rig.PartSource(size, part_size, head).sha256()
                before_in, before_s3 = client_side.upstream_bytes, s3_side.downstream_bytes
                checked = through_api(
                    f"http://{rig.HOST}:{client_side.port}", size, head, parallel, api_proc.pid, sha256=digest
                )
                checked["api_received_from_clients_bytes"] = client_side.upstream_bytes - before_in
                checked["api_received_from_s3_bytes"] = s3_side.downstream_bytes - before_s3
                for k in store.list_keys(""):
                    store.delete(k)
                bases.append(_baseline_sampled(store, size, part_size, head, parallel, api_proc.pid))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert api["part_size"] == part_size, (api["part_size"], part_size)
    peak = api["rss_peak_bytes"]
    received = api["api_received_from_clients_bytes"] + api["api_received_from_s3_bytes"]
    base_mib_per_s = sum(b["mib_per_s"] for b in bases) / len(bases)
    result = {
        "size_bytes": size,
        "parallel_puts": parallel,
        "s3_server": server,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "api_rss_first_mb": round(api["rss_first_bytes"] / 1e6, 1),
        "api_rss_peak_mb": round(peak / 1e6, 1),
        "api_rss_growth_mb": round((peak - api["rss_first_bytes"]) / 1e6, 1),
        "api_rss_target_mb": RSS_TARGET_BYTES / 1e6,
        "api_rss_target_met": peak < RSS_TARGET_BYTES,
        "api_received_bytes": received,
        "api_received_share_of_upload": round(received / size, 6),
        "s3_received_bytes": api["s3_object_bytes"],
        "s3_server_rss_peak_mb": round(s3_rss.peak / 1e6, 1),
        "throughput_mib_per_s": api["mib_per_s"],
        "baseline_mib_per_s": round(base_mib_per_s, 1),
        "throughput_ratio_to_baseline": round(api["mib_per_s"] / base_mib_per_s, 3),
        "with_declared_sha256": {
            "api_rss_peak_mb": round(checked["rss_peak_bytes"] / 1e6, 1),
            "api_rss_target_met": checked["rss_peak_bytes"] < RSS_TARGET_BYTES,
            "api_received_bytes": checked["api_received_from_clients_bytes"] + checked["api_received_from_s3_bytes"],
            "complete_s": checked["complete_s"],
            "mib_per_s": checked["mib_per_s"],
        },
        "through_api": api,
        "through_api_with_sha256": checked,
        "baseline_without_api": bases,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if not k.startswith("through_api")}, indent=2))
    print(json.dumps({k: v for k, v in api.items() if k != "rss_series"}, indent=2))


if __name__ == "__main__":
    main()
