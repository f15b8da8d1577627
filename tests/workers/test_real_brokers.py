"""A real Celery worker consuming from real Redis, and from the embedded filesystem broker.

The app sends the probe task after its transaction commits; a worker thread takes it from
the broker and the recording's status moves to ready, exactly as in production.
"""

from __future__ import annotations

import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from api.demo import seed
from pipeline.celery_factory import make_celery
from pipeline.dispatch import celery_sender
from storage import build_store
from tests.api.uploading import lesson_body, upload_whole
from tests.harness import Harness, make_settings
from tests.plugins.db import REQUIRE_SERVICES
from workers import runtime as runtime_mod

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def _wait_ready(h: Harness, recording_id: str, timeout_s: float = 60) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        detail = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("teacher")).json()
        if detail["status"] != "processing":
            return detail
        time.sleep(0.2)
    raise AssertionError(f"recording still processing after {timeout_s}s: {detail}")


def _probe_through_broker(tmp_path, database_url, broker_url, short_clip, **transport) -> dict:
    settings = make_settings(tmp_path, database_url).model_copy(update={"broker_url": broker_url})
    app = make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}")
    app.conf.broker_transport_options.update(transport)
    import workers.tasks.analyze  # noqa: F401  (shared tasks bind to every app)
    import workers.tasks.maintenance  # noqa: F401
    import workers.tasks.probe  # noqa: F401
    import workers.tasks.transcode  # noqa: F401

    h = Harness(settings, build_store(settings), send_task=celery_sender(app))
    with h.transaction() as session:
        seed(session)
    runtime_mod.configure(h.runtime)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=["probe", "analyze", "transcode"], shutdown_timeout=30
        ):
            recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
            return _wait_ready(h, recording_id)
    finally:
        runtime_mod.configure(None)


@pytest.mark.redis
def test_probe_runs_on_a_worker_fed_by_redis(tmp_path, database_url, short_clip):
    if not _redis_up():
        if REQUIRE_SERVICES:
            pytest.fail("Redis at 127.0.0.1:6379 is required but not reachable")
        pytest.skip("Redis not reachable")
    prefix = f"kejian-test-{uuid.uuid4().hex[:8]}:"
    detail = _probe_through_broker(tmp_path, database_url, REDIS_URL, short_clip, global_keyprefix=prefix)
    assert detail["status"] == "ready"
    assert [(s["stage"], s["state"], s["attempts"]) for s in detail["stages"]] == [
        ("probe", "done", 1),
        ("analyze", "done", 1),
        ("transcode", "done", 1),
    ]
    client = redis.Redis.from_url(REDIS_URL)
    leftovers = list(client.scan_iter(f"{prefix}*"))
    if leftovers:
        client.delete(*leftovers)


def test_probe_runs_on_the_embedded_filesystem_broker(tmp_path, database_url, short_clip, monkeypatch):
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    # A fresh process-wide binding table comes with every worker test (tests/workers/conftest.py).
    detail = _probe_through_broker(tmp_path, database_url, "filesystem://", short_clip)
    assert detail["status"] == "ready" and detail["duration_s"] > 2.5
    # kombu's exchange tables live with the broker's data, never in the working directory.
    assert list(workdir.iterdir()) == []
    broker_dir = make_settings(tmp_path, database_url).broker_data_dir
    assert sorted(p.name for p in (broker_dir / "control").iterdir()) == [
        "analyze.exchange",
        "probe.exchange",
        "transcode.exchange",
    ]
