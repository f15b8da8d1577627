"""With the S3 backend a multipart upload's bytes go from the client to the S3 server, never
through the API process: the fast check of what ``bench/direct_upload.py`` measures at 4 GiB.

A real uvicorn process on the S3 backend, the tests' moto server, and a counting relay in
front of the API and another between the API and S3 (``bench/_upload_rig.py``): the client
uploads 64 MiB in 8 MiB parts to the presigned URLs the API hands out, two at a time, and
completes at the API. Every byte the API receives passes a relay and is counted.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from bench import _upload_rig as rig
from bench.direct_upload import through_api

MiB = 1024 * 1024
SIZE = 64 * MiB
# What the API may receive for the whole upload: requests and JSON, the part list, and the
# first 64 KiB it reads back to sniff the container. One 8 MiB part would be far above it.
API_BYTES_ALLOWED = 1 * MiB
# Generous against the noise of a Python process (allocator, lazy imports on first request);
# parts held in the API's memory would be 8 MiB each, several at a time.
RSS_GROWTH_ALLOWED = 24 * MiB


def test_part_bytes_go_to_s3_and_never_through_the_api(moto_s3_endpoint: str, tmp_path: Path) -> None:
    bucket = f"bypass-{uuid.uuid4().hex[:12]}"
    s3_port = int(moto_s3_endpoint.rsplit(":", 1)[1])
    with rig.CountingProxy(s3_port) as api_to_s3:
        env = rig.api_env(
            tmp_path / "var",
            s3_endpoint=f"{rig.HOST}:{api_to_s3.port}",
            s3_public_endpoint=moto_s3_endpoint,
            bucket=bucket,
        )
        with rig.api_server(env, tmp_path) as (api, api_port), rig.CountingProxy(api_port) as to_api:
            before_in, before_s3 = to_api.upstream_bytes, api_to_s3.downstream_bytes
            result = through_api(f"http://{rig.HOST}:{to_api.port}", SIZE, rig.mp4_head(), 2, api.pid)
            from_clients = to_api.upstream_bytes - before_in
            from_s3 = api_to_s3.downstream_bytes - before_s3

    assert result["parts"] == SIZE // (8 * MiB)
    assert result["presigned_parts"] == result["parts"], "every part URL should point at the S3 server"
    assert result["client_sent_to_s3_bytes"] == SIZE
    store = rig.s3_store(moto_s3_endpoint, bucket)
    assert [store.stat(key).size for key in store.list_keys("")] == [SIZE]
    assert from_clients + from_s3 < API_BYTES_ALLOWED, (from_clients, from_s3)
    assert result["rss_peak_bytes"] - result["rss_first_bytes"] < RSS_GROWTH_ALLOWED, result["rss_series"]
