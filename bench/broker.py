"""Broker benchmark: what a queued stage task costs Redis, in memory and in sending time.

A private ``redis-server`` on a free loopback port (no persistence, so nothing else's keys are
counted), and the app's own Celery (``pipeline.celery_factory.make_celery``) sending stage tasks
through the sender the API and the workers use (``pipeline.dispatch.celery_sender``): a recording
id each, spread over the three queues as an upload queues them (probe, then analyze and
transcode). No worker runs, so every message stays queued, as in a backlog. **Baseline:** the
same message bodies pushed with a bare ``LPUSH`` (what Redis must hold at least). **Target:** none
set; the figures are the memory per queued task, which the capacity plan (``bench/capacity.py``)
multiplies by the longest backlog, and the send rate. Size with ``KEJIAN_BENCH_BROKER_TASKS``
(default 30,000). Writes ``bench/results/broker.json``.
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
import uuid
from datetime import datetime, timezone
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config import Settings  # noqa: E402
from pipeline import task_names  # noqa: E402
from pipeline.celery_factory import make_celery  # noqa: E402
from pipeline.dispatch import TaskMessage, celery_sender  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "broker.json"
TASKS = int(os.environ.get("KEJIAN_BENCH_BROKER_TASKS", "30000"))
STAGES = (task_names.PROBE, task_names.ANALYZE, task_names.TRANSCODE)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_redis(port: int, folder: Path) -> subprocess.Popen:
    args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([*args, "--dir", str(folder)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("redis-server did not start")


def _used(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


def celery_messages(url: str, client: redis.Redis) -> dict[str, object]:
    """TASKS stage tasks sent by the app's sender; memory and lengths of the queues after."""
    app = make_celery(Settings(broker_url=url))
    send = celery_sender(app)
    send(TaskMessage(task_names.PROBE, (str(uuid.uuid4()),)))  # opens the connection, declares the queues
    client.delete(*task_names.QUEUES)
    before = _used(client)
    started = time.perf_counter()
    for i in range(TASKS):
        send(TaskMessage(STAGES[i % len(STAGES)], (str(uuid.uuid4()),)))
    seconds = time.perf_counter() - started
    after = _used(client)
    sample = client.lindex(task_names.QUEUE_TRANSCODE, 0) or b""
    app.close()
    return {
        "seconds": round(seconds, 2),
        "tasks_per_s": round(TASKS / seconds),
        "queued": {queue: client.llen(queue) for queue in task_names.QUEUES},
        "used_memory_delta_bytes": after - before,
        "bytes_per_queued_task": round((after - before) / TASKS),
        "message_bytes": len(sample),
        "_sample": sample,
    }


def bare_lpush(client: redis.Redis, message: bytes) -> dict[str, object]:
    """The same number of messages of the same size, pushed bare: the least Redis holds for them."""
    client.flushdb()
    before = _used(client)
    started = time.perf_counter()
    for i in range(TASKS):
        client.lpush(task_names.QUEUES[i % 3], message)
    seconds = time.perf_counter() - started
    after = _used(client)
    return {
        "seconds": round(seconds, 2),
        "tasks_per_s": round(TASKS / seconds),
        "bytes_per_queued_task": round((after - before) / TASKS),
    }


def main() -> None:
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="bench-broker-"))
    port = _free_port()
    server = _start_redis(port, folder)
    try:
        client = redis.Redis(port=port)
        ours = celery_messages(f"redis://127.0.0.1:{port}/0", client)
        bare = bare_lpush(client, ours.pop("_sample"))
        version = client.info("server")["redis_version"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    out = {
        "date": datetime.now(timezone.utc).date().isoformat(),
        "tasks": TASKS,
        "redis_version": version,
        "celery": ours,
        "bare_lpush": bare,
        "memory_ratio_to_bare": round(ours["bytes_per_queued_task"] / max(1, bare["bytes_per_queued_task"]), 2),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
