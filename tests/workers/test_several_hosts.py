"""Workers on two hosts share the work, and one host dying loses no job and runs none twice.

Three network namespaces stand for three machines (tests/workers/hosts.py): a services host with
its own PostgreSQL, redis-server and S3 server (moto), and two worker hosts each running the
deployed worker command (with beat) against those services by address. The test process is the
API host: it uploads through the app (parts straight to the S3 server) and reads the jobs' rows.

Each probe holds until the test lets it go, so all four are seen running at once: two on each host
(prefetch 1, two pool processes each). Host A is then killed with SIGKILL. Its two jobs' leases
lapse; host B's beat (taking the lock A may have held) runs the watchdog, which sends them again;
B runs them and everything after. Exactly once: A's probes end with two attempts (one requeue),
every job done by B, and each recording has one derived output.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from db.models import DerivedOutput, ProcessingJob
from tests import media_factory
from tests.harness import Harness
from tests.workers import hosts
from tests.workers import processes as procs

WHY_NOT = hosts.unavailable()
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=f"several hosts: {WHY_NOT}")

RECORDINGS = 4  # two per host: each takes two at a time
STAGES = 3  # probe, analyze, transcode


def _jobs(h: Harness) -> list[ProcessingJob]:
    with h.transaction() as s:
        return s.query(ProcessingJob).order_by(ProcessingJob.recording_id, ProcessingJob.stage).all()


def _client_addresses(h: Harness) -> set[str]:
    from sqlalchemy import text

    with h.transaction() as s:
        rows = s.execute(text("select distinct host(client_addr) from pg_stat_activity where datname = 'kejian'"))
        return {address for (address,) in rows if address}


def test_work_spreads_over_two_hosts_and_a_dead_hosts_jobs_finish_once_on_the_other(tmp_path):
    from tests.api.uploading import lesson_body, upload_whole

    clip = media_factory.make_clip(1)  # the hosts are the point, not the media: keep each stage short
    cluster = hosts.Cluster(tmp_path / "cluster")
    started = time.monotonic()
    try:
        cluster.start()
        print(f"services host up in {hosts.elapsed(started):.1f} s")
        h, bucket = cluster.app(tmp_path, "hosts")

        hold = tmp_path / "hold"  # ffprobe waits while this exists
        hold.touch()
        held_probe = tmp_path / "held-ffprobe"
        held_probe.write_text(f'#!/bin/sh\nwhile [ -e {hold} ]; do sleep 0.1; done\nexec ffprobe "$@"\n')
        held_probe.chmod(0o755)
        # A 2 s heartbeat (a 6 s lease) outlasts a loaded machine's pauses; the watchdog looks every second.
        fast = {"heartbeat_interval_s": "2", "watchdog_interval_s": "1", "beat_lock_ttl_s": "3"}
        worker = {n: cluster.start_worker(n, bucket, ffprobe_binary=str(held_probe), **fast) for n in ("a", "b")}
        for name in worker:
            hosts.wait_ready(cluster.folder / f"worker-{name}.log")
        print(f"both worker hosts ready {hosts.elapsed(started):.1f} s in")

        ids = [upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"] for _ in range(RECORDINGS)]
        running = lambda: [j for j in _jobs(h) if j.stage == "probe" and j.state == "running"]  # noqa: E731
        procs.wait(lambda: len(running()) == RECORDINGS, 30, "every probe running, two on each host")
        by_host = Counter(j.worker.split("@")[0] for j in running())
        assert by_host == {"hosta": 2, "hostb": 2}, by_host
        # The workers reached PostgreSQL from their own hosts' addresses, not over a loopback.
        assert set(cluster.host_address.values()) <= _client_addresses(h)
        on_a = {j.recording_id for j in running() if j.worker.startswith("hosta@")}

        cluster.kill(worker["a"])
        hold.unlink()
        killed = time.monotonic()
        procs.wait(
            lambda: len(_jobs(h)) == STAGES * RECORDINGS and all(j.state == "done" for j in _jobs(h)),
            60,
            "every stage of every recording done, host A dead",
        )
        print(f"all done {hosts.elapsed(killed):.1f} s after host A was killed")
        jobs = _jobs(h)
        assert {j.recording_id for j in jobs} == set(ids)
        # Host A finished nothing: B ran every stage, and A's two probes exactly once more each (one
        # requeue by the watchdog). The other jobs are B's from the start; on a loaded machine one
        # of them may lose its lease and be taken over, fenced, which this test is not about.
        assert all(j.worker.startswith("hostb@") for j in jobs), [(j.stage, j.worker) for j in jobs]
        taken_over = [(j.attempts, j.requeues) for j in jobs if j.stage == "probe" and j.recording_id in on_a]
        assert taken_over == [(2, 1), (2, 1)], taken_over
        with h.transaction() as s:
            for recording_id in ids:
                assert s.query(DerivedOutput).filter_by(recording_id=recording_id).count() == 1
        assert worker["b"].poll() is None, "host B's worker lives on"
    finally:
        cluster.stop()
