"""A worker killed with SIGKILL leaves nothing running, nothing behind, and its job is taken over.

Real processes throughout: the embedded worker exactly as ``make run`` starts it
(``scripts/run_embedded.worker_command``), ffmpeg through the stage's own runner, beats as
separate processes, and a second worker that picks up the redelivered task.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from api.demo import seed
from db.models import DerivedOutput, ProcessingJob
from pipeline import task_names
from pipeline.celery_factory import make_celery
from pipeline.dispatch import TaskMessage, celery_sender
from storage import build_store, scratch
from tests.harness import Harness, make_settings
from tests.plugins.db import migrate
from tests.workers import processes as procs
from tests.workers.test_real_brokers import REDIS_URL, _redis_up

ROOT = Path(__file__).resolve().parents[2]


def test_kill_9_of_the_worker_takes_beat_and_pool_and_sweeps_a_dead_attempts_scratch(tmp_path):
    var_dir = tmp_path / "var"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = var_dir / "scratch" / f"transcode-{scratch.host_tag()}.{dead.pid}-rec-abc"
    leftover.mkdir(parents=True)
    (leftover / "seg-00001.ts").write_bytes(b"half a segment")
    old = time.time() - 3600
    os.utime(leftover, (old, old))

    worker = procs.start_worker(var_dir, tmp_path / "worker.log", "crash")
    children: list[int] = []
    try:
        # Two pool processes and the embedded beat.
        children = procs.wait(
            lambda: len(procs.children(worker.pid)) >= 3 and procs.children(worker.pid), 30, "the worker's children"
        )
        procs.wait(lambda: not leftover.exists(), 10, "the dead attempt's scratch to be swept at start")
        procs.wait(lambda: procs.beat_pid(var_dir) in children, 10, "the beat to take its lock")
        procs.wait(lambda: b"ready." in (tmp_path / "worker.log").read_bytes(), 20, "the worker to be ready")
        # Each child watches its parent from a thread of its own once it has started up.
        procs.wait(lambda: all(len(os.listdir(f"/proc/{pid}/task")) >= 2 for pid in children), 10, "children started")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        started = time.monotonic()
        procs.wait(
            lambda: not any(procs.alive(pid) for pid in children), 5, "beat and pool children to die with the worker"
        )
        print(f"children gone {time.monotonic() - started:.2f} s after kill -9")
    finally:
        procs.kill_tree(worker, also=children)


def test_ffmpeg_dies_with_the_process_that_started_it(tmp_path):
    """ffmpeg runs as long as its input lasts; the stage's runner ties it to the process that started it."""
    script = (
        "from pathlib import Path\n"
        "from workers.video.ffmpeg_run import base_args, run_ffmpeg\n"
        "source = ['-re', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=5']\n"
        "args = base_args(progress=False) + source + ['-f', 'null', '-']\n"
        f"run_ffmpeg(args, cwd=Path({str(tmp_path)!r}))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        (ffmpeg,) = procs.wait(lambda: procs.children(parent.pid), 10, "ffmpeg to start")
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        procs.wait(lambda: not procs.alive(ffmpeg), 3, "ffmpeg to die with its parent")
    finally:
        procs.kill_tree(parent)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from workers import beat_lock
if sys.argv[1] == "file":
    lock = beat_lock.FileLock(Path(sys.argv[2]))
else:
    lock = beat_lock.RedisLock(sys.argv[2], 2, key=sys.argv[3])
beat_lock.wait_for(lock)
print("held", flush=True)
time.sleep(60)
"""


def _holder(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOLD_LOCK, *args], cwd=ROOT, stdout=subprocess.PIPE)


def _held_within(proc: subprocess.Popen, timeout_s: float) -> bool:
    os.set_blocking(proc.stdout.fileno(), False)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if b"held" in (proc.stdout.read() or b""):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("kind", ["file", pytest.param("redis", marks=pytest.mark.redis)])
def test_two_beats_cannot_both_hold_the_lock_and_the_second_takes_over(tmp_path, kind):
    if kind == "redis" and not _redis_up():
        pytest.skip("Redis not reachable")
    args = ("file", str(tmp_path / "beat.lock")) if kind == "file" else ("redis", REDIS_URL, f"test:{uuid.uuid4()}")
    first = _holder(*args)
    second = None
    try:
        assert _held_within(first, 10)
        second = _holder(*args)
        assert not _held_within(second, 2), "a second beat must not hold the lock while the first lives"
        first.send_signal(signal.SIGKILL)
        first.wait()
        # A file lock goes with its holder; a Redis lock lapses with its 2 s TTL.
        assert _held_within(second, 5), "the standing-by beat takes over once the first is gone"
    finally:
        for proc in (first, second):
            if proc is not None:
                procs.kill_tree(proc)


@pytest.mark.redis
def test_a_beat_whose_redis_key_vanished_takes_it_again_and_lives_on(tmp_path):
    """Redis restarted with nothing on disk forgets the lock: the holder re-takes it instead of
    stopping, which would leave no beat and so no watchdog."""
    if not _redis_up():
        pytest.skip("Redis not reachable")
    import redis

    key = f"test:{uuid.uuid4()}"
    client = redis.Redis.from_url(REDIS_URL)
    holder = _holder("redis", REDIS_URL, key)
    try:
        assert _held_within(holder, 10)
        token = client.get(key)
        client.delete(key)
        procs.wait(lambda: client.get(key) == token, 5, "the holder to take its key again")
        assert holder.poll() is None, "the beat must live on"
    finally:
        procs.kill_tree(holder)
        client.delete(key)


def test_sweep_keeps_live_and_recent_scratch(tmp_path):
    from workers import scratch_sweep

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    me, host = os.getpid(), scratch.host_tag()
    names = {
        "dead_old": f"obj-{host}.{gone.pid}-x1",
        "dead_recent": f"obj-{host}.{gone.pid}-x2",
        "live_old": f"obj-{host}.{me}-x3",
        "foreign_old": f"obj-otherhost.{gone.pid}-x4",
    }
    for key, name in names.items():
        (tmp_path / name).write_bytes(b"x")
        if key != "dead_recent":
            old = time.time() - 600
            os.utime(tmp_path / name, (old, old))
    assert scratch_sweep.sweep(tmp_path, grace_s=60, foreign_after_s=3600) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(v for k, v in names.items() if k != "dead_old")


def _embedded_stack(tmp_path: Path) -> tuple[Path, Harness, object]:
    """The var folder a worker started by :func:`procs.start_worker` uses (SQLite, local store,
    filesystem broker), seeded, with a harness on it and a sender into its broker."""
    var_dir = tmp_path / "var"
    database_url = f"sqlite:///{var_dir / 'kejian.sqlite3'}"
    var_dir.mkdir()
    migrate(database_url)
    settings = make_settings(tmp_path, database_url).model_copy(update={"broker_url": "filesystem://"})
    broker = celery_sender(make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}"))
    h = Harness(settings, build_store(settings))
    with h.transaction() as session:
        seed(session)
    return var_dir, h, broker


def _slow(tmp_path: Path, binary: str) -> str:
    """``binary`` that first sleeps half a minute: long enough to be killed in the middle of."""
    slow = tmp_path / f"slow-{binary}"
    slow.write_text(f'#!/bin/sh\nsleep 30\nexec {binary} "$@"\n')
    slow.chmod(0o755)
    return str(slow)


def _job(h: Harness, recording_id: str, stage: str) -> ProcessingJob:
    with h.transaction() as s:
        return s.query(ProcessingJob).filter_by(recording_id=recording_id, stage=stage).one()


# What each stage runs first: the binary made slow so the worker is killed inside the stage.
SLOW_TOOL = {
    "probe": {"ffprobe_binary": "ffprobe"},
    "analyze": {"ffprobe_binary": "ffprobe", "ffmpeg_binary": "ffmpeg"},
}


@pytest.mark.parametrize("stage", ["probe", "analyze"])
def test_the_watchdog_brings_back_a_job_whose_worker_was_killed(tmp_path, short_clip, stage):
    """Kill -9 mid-stage with the embedded broker, which never redelivers: the next worker's watchdog
    sees the lease lapse and sends the task again; the job ends done exactly once, in seconds."""
    from tests.api.uploading import lesson_body, upload_whole

    var_dir, h, broker = _embedded_stack(tmp_path)
    recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    if stage != "probe":
        h.probe_only()  # probe here; the later stages wait in the recorder
    slow = {key: _slow(tmp_path, binary) for key, binary in SLOW_TOOL[stage].items()}
    first = procs.start_worker(var_dir, tmp_path / "first.log", "first", **slow)
    second = None
    try:
        broker(TaskMessage(task_names.STAGE_TASKS[stage], (recording_id,)))
        procs.wait(lambda: _job(h, recording_id, stage).state == "running", 30, f"the first worker to start {stage}")
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed = time.monotonic()
        # A 10 s lease for the attempt that takes over: on a loaded 2-core machine its own heartbeat
        # went silent for over 3 s (this file's default lease), the watchdog took the live job back
        # too (attempts 3, the second superseded), and this test failed 3 runs in 5. The killed
        # attempt's lease lapses all the same, 10 s after its last beat.
        lease = {"watchdog_interval_s": "1", "job_lease_factor": "10"}
        second = procs.start_worker(var_dir, tmp_path / "second.log", "second", **lease)
        procs.wait(lambda: _job(h, recording_id, stage).state == "done", 60, f"the {stage} to be done again")
        print(f"{stage} done {time.monotonic() - killed:.1f} s after kill -9 (worker start included)")
        done = _job(h, recording_id, stage)
        assert done.attempts == 2 and done.worker.startswith("second@"), (done.attempts, done.worker)
        assert done.requeues == 1  # by the watchdog, once
        detail = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("teacher")).json()
        assert {s["stage"]: s["state"] for s in detail["stages"]}[stage] == "done", detail
    finally:
        for proc in (first, second):
            if proc is not None:
                procs.kill_tree(proc)


def test_a_redelivered_task_takes_over_from_a_killed_worker_in_seconds(tmp_path, short_clip):
    """Kill -9 a worker mid-transcode; the task sent again reaches a new worker, which takes over at once."""
    from tests.api.uploading import lesson_body, upload_whole

    var_dir, h, broker = _embedded_stack(tmp_path)
    recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    h.probe_only()  # probe here; analyze and transcode wait in the recorder

    def job() -> ProcessingJob:
        return _job(h, recording_id, "transcode")

    first = procs.start_worker(var_dir, tmp_path / "first.log", "first", ffmpeg_binary=_slow(tmp_path, "ffmpeg"))
    second = None
    try:
        broker(TaskMessage(task_names.TRANSCODE, (recording_id,)))
        procs.wait(lambda: job().state == "running", 30, "the first worker to start transcoding")
        first.send_signal(signal.SIGKILL)
        first.wait()
        second = procs.start_worker(var_dir, tmp_path / "second.log", "second")
        procs.wait(lambda: len(procs.children(second.pid)) >= 3, 30, "the second worker to start")
        started = time.monotonic()
        broker(TaskMessage(task_names.TRANSCODE, (recording_id,)))  # the redelivery
        procs.wait(lambda: job().state == "done", 30, "the redelivered transcode to finish")
        took = time.monotonic() - started
        print(f"redelivered transcode done {took:.1f} s after it was sent again")
        done = job()
        assert done.attempts == 2 and done.worker.startswith("second@"), (done.attempts, done.worker)
        with h.transaction() as s:
            assert s.query(DerivedOutput).filter_by(recording_id=recording_id).count() == 1
        assert took < 15, f"took {took:.1f} s"
    finally:
        for proc in (first, second):
            if proc is not None:
                procs.kill_tree(proc)


def test_an_attempt_whose_lease_was_taken_over_records_nothing(api, short_clip):
    """A live but silent attempt (its heartbeat lapsed) loses the job to a redelivery: only one result counts."""
    from db.base import utcnow
    from domain.stages import Stage
    from pipeline import jobs
    from tests.api.uploading import lesson_body, upload_whole
    from workers.stages.outcome import Outcome
    from workers.stages.runner import run_stage

    recording_id = upload_whole(api, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    api.probe_only()
    recorded = []

    def work(_recording, _progress):
        with api.transaction() as s:  # silent past its lease …
            job = s.query(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode").one()
            job.heartbeat_at = utcnow() - timedelta(seconds=api.settings.job_lease_s + 1)
        with api.transaction() as s:  # … so the redelivered task takes the job over
            assert jobs.claim(s, recording_id, Stage.TRANSCODE, worker="b", lease_s=api.settings.job_lease_s)
        return "stale result"

    outcome = run_stage(
        api.runtime, recording_id, Stage.TRANSCODE, worker="a", work=work, record=lambda *args: recorded.append(args)
    )
    assert outcome is Outcome.SKIPPED and recorded == []
    with api.transaction() as s:
        job = s.query(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode").one()
        assert (job.state, job.worker, job.attempts) == ("running", "b", 2)


@pytest.mark.parametrize("failure", ["media", "storage"])
def test_a_taken_over_attempt_neither_fails_nor_requeues_the_job(api, short_clip, failure):
    """The fence covers the failure paths too: a lapsed attempt that then fails (bad media) or meets
    an outage (storage) leaves the job to the attempt that took it over."""
    from db.base import utcnow
    from domain.stages import Stage
    from pipeline import jobs
    from storage.errors import StorageUnavailable
    from tests.api.uploading import lesson_body, upload_whole
    from workers.stages.outcome import Outcome, TransientFailure
    from workers.stages.runner import run_stage
    from workers.video.errors import CorruptMedia

    recording_id = upload_whole(api, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    api.probe_only()

    def work(_recording, _progress):
        with api.transaction() as s:
            job = s.query(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode").one()
            job.heartbeat_at = utcnow() - timedelta(seconds=api.settings.job_lease_s + 1)
        with api.transaction() as s:
            assert jobs.claim(s, recording_id, Stage.TRANSCODE, worker="b", lease_s=api.settings.job_lease_s)
        if failure == "media":
            from domain import reasons

            raise CorruptMedia(reasons.TRANSCODE_FAILED, detail="late failure of the lapsed attempt")
        raise StorageUnavailable("the lapsed attempt meets an outage")

    if failure == "media":
        assert run_stage(api.runtime, recording_id, Stage.TRANSCODE, worker="a", work=work, record=None) is (
            Outcome.FAILED
        )
    else:
        with pytest.raises(TransientFailure):
            run_stage(api.runtime, recording_id, Stage.TRANSCODE, worker="a", work=work, record=None)
    with api.transaction() as s:
        job = s.query(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode").one()
        assert (job.state, job.worker, job.attempts, job.reason_code) == ("running", "b", 2, None)
