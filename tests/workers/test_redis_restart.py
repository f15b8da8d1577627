"""Redis restarted under a running worker with tasks queued: every job ends done, exactly once.

A private ``redis-server`` of the test's own (the machine's shared one must not be restarted)
runs on a free port, the worker exactly as deployed with Redis as its broker. Redis is killed
with SIGKILL while two probes run and a third waits in its queue, then started again on the
same port: once with an append-only file, as ``docker-compose.yml`` runs it (the queue
survives), and once keeping nothing on disk, as this machine's Redis does (the queued message
and the tasks sent while Redis was down are gone; the watchdog sends them again from the jobs'
rows).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis

from api.demo import seed
from db.models import DerivedOutput, ProcessingJob
from pipeline.celery_factory import make_celery
from pipeline.dispatch import celery_sender
from storage import build_store
from tests import media_factory
from tests.harness import Harness, make_settings
from tests.plugins.s3 import _free_port
from tests.workers import processes as procs

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")

RECORDINGS = 3


class PrivateRedis:
    """A redis-server on 127.0.0.1:``port`` keeping its files in ``folder``; killable and restartable."""

    def __init__(self, folder: Path, *, persistent: bool) -> None:
        self.folder, self.port, self.persistent = folder, _free_port(), persistent
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        durability = ["--appendonly", "yes", "--appendfsync", "always"] if self.persistent else ["--appendonly", "no"]
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
        command += ["--save", "", *durability]
        with open(self.folder / "redis.log", "ab") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        procs.wait(self._answers, 10, "redis-server to answer")

    def _answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def kill(self) -> None:
        if self.proc is not None:
            procs.kill_tree(self.proc)
            self.proc = None


def _jobs(h: Harness) -> list[ProcessingJob]:
    with h.transaction() as s:
        return s.query(ProcessingJob).order_by(ProcessingJob.recording_id, ProcessingJob.stage).all()


@pytest.mark.parametrize("persistent", [True, False], ids=["append-only-file", "nothing-on-disk"])
def test_a_redis_restart_with_tasks_queued_loses_no_job_and_runs_none_twice(tmp_path, persistent):
    from tests.api.uploading import lesson_body, upload_whole

    clip = media_factory.make_clip(1)  # the restart is the point, not the media: keep each stage short

    broker = PrivateRedis(tmp_path, persistent=persistent)
    broker.start()
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    database_url = f"sqlite:///{var_dir / 'kejian.sqlite3'}"
    from tests.plugins.db import migrate

    migrate(database_url)
    settings = make_settings(tmp_path, database_url).model_copy(update={"broker_url": broker.url})
    sender = celery_sender(make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}"))
    h = Harness(settings, build_store(settings), send_task=sender)
    with h.transaction() as session:
        seed(session)
    slow_probe = tmp_path / "slow-ffprobe"
    slow_while = tmp_path / "slow"  # ffprobe is slow only while this exists: probes overlap the restart
    slow_while.touch()
    slow_probe.write_text(f'#!/bin/sh\n[ -e {slow_while} ] && sleep 4\nexec ffprobe "$@"\n')
    slow_probe.chmod(0o755)
    worker_log = tmp_path / "worker.log"
    worker = None
    try:
        worker = procs.start_worker(
            var_dir,
            worker_log,
            "redis",
            broker_url=broker.url,
            ffprobe_binary=str(slow_probe),
            watchdog_interval_s="1",
            queued_resend_after_s="5",
            beat_lock_ttl_s="3",
        )
        procs.wait(lambda: b"ready." in worker_log.read_bytes(), 30, "the worker to be ready")
        ids = [upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"] for n in range(RECORDINGS)]
        running = lambda: [j for j in _jobs(h) if j.stage == "probe" and j.state == "running"]  # noqa: E731
        procs.wait(lambda: len(running()) == 2, 30, "two probes running, the third queued in Redis")
        broker.kill()
        time.sleep(1)
        broker.start()
        slow_while.unlink()
        procs.wait(
            lambda: all(j.state == "done" for j in _jobs(h)) and len(_jobs(h)) == 3 * RECORDINGS,
            120,
            "every stage of every recording to be done",
        )
        jobs = _jobs(h)
        assert {j.recording_id for j in jobs} == set(ids)
        # Exactly once: no stage ran twice (a re-sent duplicate finds the job claimed or done).
        assert [(j.stage, j.attempts) for j in jobs] == [(j.stage, 1) for j in jobs], [
            (j.recording_id[:8], j.stage, j.attempts, j.requeues) for j in jobs
        ]
        with h.transaction() as s:
            for recording_id in ids:
                assert s.query(DerivedOutput).filter_by(recording_id=recording_id).count() == 1
        for recording_id in ids:
            detail = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("teacher")).json()
            assert detail["status"] != "processing", detail
        # The beat (and with it the watchdog) lives on; an emptied Redis lost its lock key, retaken.
        log = worker_log.read_bytes()
        assert b"beat.lock_lost" not in log
        assert (b"beat.lock_retaken" in log) is not persistent
    finally:
        if worker is not None:
            procs.kill_tree(worker)
        broker.kill()
