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
from scripts import run_embedded
from storage import build_store, scratch
from tests.e2e.stack import stack_env
from tests.harness import Harness, make_settings
from tests.plugins.db import migrate
from tests.workers.test_real_brokers import REDIS_URL, _redis_up

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def _beat_pid(var_dir: Path) -> int | None:
    """The pid the beat wrote into its lock file once it held the lock."""
    try:
        return int((var_dir / "beat.lock").read_text().strip() or 0) or None
    except (FileNotFoundError, ValueError):
        return None


def _worker_env(var_dir: Path, **settings: str) -> dict[str, str]:
    env = stack_env(var_dir, 0, {f"KEJIAN_{k.upper()}": v for k, v in settings.items()})
    env.update(KEJIAN_BROKER_URL="filesystem://", KEJIAN_HEARTBEAT_INTERVAL_S="1", KEJIAN_LOG_LEVEL="INFO")
    return env


def _start_worker(var_dir: Path, log: Path, name: str, **settings: str) -> subprocess.Popen:
    with open(log, "ab") as out:
        return run_embedded.start(
            run_embedded.worker_command(var_dir, name=f"{name}@%h"), _worker_env(var_dir, **settings), out
        )


def _kill_tree(proc: subprocess.Popen, also: list[int] = ()) -> None:
    """Clean up after a test whatever it left (by pid, the test's own processes only)."""
    for pid in [*also, *_children(proc.pid), proc.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def test_kill_9_of_the_worker_takes_beat_and_pool_and_sweeps_a_dead_attempts_scratch(tmp_path):
    var_dir = tmp_path / "var"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = var_dir / "scratch" / f"transcode-{scratch.host_tag()}.{dead.pid}-rec-abc"
    leftover.mkdir(parents=True)
    (leftover / "seg-00001.ts").write_bytes(b"half a segment")
    old = time.time() - 3600
    os.utime(leftover, (old, old))

    worker = _start_worker(var_dir, tmp_path / "worker.log", "crash")
    children: list[int] = []
    try:
        # Two pool processes and the embedded beat.
        children = _wait(lambda: len(_children(worker.pid)) >= 3 and _children(worker.pid), 30, "the worker's children")
        _wait(lambda: not leftover.exists(), 10, "the dead attempt's scratch to be swept at start")
        _wait(lambda: _beat_pid(var_dir) in children, 10, "the beat to take its lock")
        _wait(lambda: b"ready." in (tmp_path / "worker.log").read_bytes(), 20, "the worker to be ready")
        # Each child watches its parent from a thread of its own once it has started up.
        _wait(lambda: all(len(os.listdir(f"/proc/{pid}/task")) >= 2 for pid in children), 10, "children started")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        started = time.monotonic()
        _wait(lambda: not any(_alive(pid) for pid in children), 5, "beat and pool children to die with the worker")
        print(f"children gone {time.monotonic() - started:.2f} s after kill -9")
    finally:
        _kill_tree(worker, also=children)


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
        (ffmpeg,) = _wait(lambda: _children(parent.pid), 10, "ffmpeg to start")
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        _wait(lambda: not _alive(ffmpeg), 3, "ffmpeg to die with its parent")
    finally:
        _kill_tree(parent)


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
                _kill_tree(proc)


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


def test_a_redelivered_task_takes_over_from_a_killed_worker_in_seconds(tmp_path, short_clip):
    """Kill -9 a worker mid-transcode; the task sent again reaches a new worker, which takes over at once."""
    var_dir = tmp_path / "var"
    database_url = f"sqlite:///{var_dir / 'kejian.sqlite3'}"
    var_dir.mkdir()
    migrate(database_url)
    settings = make_settings(tmp_path, database_url).model_copy(update={"broker_url": "filesystem://"})
    broker = celery_sender(make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}"))
    h = Harness(settings, build_store(settings))
    with h.transaction() as session:
        seed(session)
    from tests.api.uploading import lesson_body, upload_whole

    recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    h.probe_only()  # probe here; analyze and transcode wait in the recorder
    slow = tmp_path / "slow-ffmpeg"
    slow.write_text('#!/bin/sh\nsleep 30\nexec ffmpeg "$@"\n')
    slow.chmod(0o755)

    def job() -> ProcessingJob:
        with h.transaction() as s:
            return s.query(ProcessingJob).filter_by(recording_id=recording_id, stage="transcode").one()

    first = _start_worker(var_dir, tmp_path / "first.log", "first", ffmpeg_binary=str(slow))
    second = None
    try:
        broker(TaskMessage(task_names.TRANSCODE, (recording_id,)))
        _wait(lambda: job().state == "running", 30, "the first worker to start transcoding")
        first.send_signal(signal.SIGKILL)
        first.wait()
        second = _start_worker(var_dir, tmp_path / "second.log", "second")
        _wait(lambda: len(_children(second.pid)) >= 3, 30, "the second worker to start")
        started = time.monotonic()
        broker(TaskMessage(task_names.TRANSCODE, (recording_id,)))  # the redelivery
        _wait(lambda: job().state == "done", 30, "the redelivered transcode to finish")
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
                _kill_tree(proc)


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
