"""Several-hosts benchmark: recordings processed per minute by two worker hosts against one.

Hosts are network namespaces (tests/workers/hosts.py): a services host with its own PostgreSQL,
redis-server and S3 server (moto), and worker hosts running the deployed worker command against
them by address. Each worker host is a one-core machine: its worker is pinned with ``taskset`` to
one core (ffmpeg and the pool inherit it), one pool process, one analysis thread. In one run:

- one host:  host A on core 0;
- two hosts: host A on core 0 and host B on core 1 — the same per-host cores, twice the hosts.

Each round uploads the same recordings while every probe is held, releases them at once and times
until every stage (probe, analyze, transcode) of every recording is done. Rounds alternate (one,
two, one, two, …) and each pair gives a ratio (taken minutes apart, under much the same load); the
figure is their median, every round is written too, with the cores the workers actually got
(their CPU seconds over the round's wall time) to show how much the machine's other load took.
**Target:** two hosts ≥ 1.8× the throughput of one.

The clips are MPEG-4 Part 2, which playback cannot copy: every transcode is a real x264 encode on
the host's core, so the work is the worker's CPU, not the services' round trips. The services
are not pinned (this machine has two cores), so they take time from the worker cores in both
rounds; the load average is recorded beside the figures.

Needs root and ``ip netns``; skips (and says why in the JSON) otherwise. Size with
KEJIAN_BENCH_HOSTS_RECORDINGS (default 8), KEJIAN_BENCH_HOSTS_CLIP_S (default 20) and
KEJIAN_BENCH_HOSTS_ROUNDS (default 3).
Writes bench/results/several_hosts.json.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "several_hosts.json"
RECORDINGS = int(os.environ.get("KEJIAN_BENCH_HOSTS_RECORDINGS", "8"))
CLIP_S = float(os.environ.get("KEJIAN_BENCH_HOSTS_CLIP_S", "20"))
ROUNDS = int(os.environ.get("KEJIAN_BENCH_HOSTS_ROUNDS", "3"))
TARGET = 1.8
STAGES = 3  # probe, analyze, transcode
ROUND_TIMEOUT_S = 900


def _write(result: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def _tree_cpu_s(pid: int) -> float:
    """CPU seconds of a worker and its children (pool processes, with the ffmpeg runs they waited for)."""
    from tests.workers import processes as procs

    ticks = 0
    for each in [pid, *procs.children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _allowed_cores(pid: int) -> list[str]:
    """What each process of the worker may run on (the taskset pin, inherited by its children)."""
    from tests.workers import processes as procs

    found = set()
    for each in [pid, *procs.children(pid)]:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("Cpus_allowed_list:"):
                found.add(line.split(":", 1)[1].strip())
    return sorted(found)


def _round(cluster, h, clip: Path, bucket: str, placement: dict[str, int], hold: Path, probe: Path) -> dict:
    """Process RECORDINGS recordings with one worker per ``placement`` host (host → core)."""
    from db.models import ProcessingJob
    from tests.api.uploading import lesson_body, upload_whole
    from tests.workers import hosts
    from tests.workers import processes as procs

    settings = {"ffprobe_binary": str(probe), "analysis_threads": "1", "watchdog_interval_s": "5"}
    workers = {}
    try:
        for host, core in placement.items():
            log = cluster.folder / f"worker-{host}.log"
            log.unlink(missing_ok=True)
            workers[host] = cluster.start_worker(host, bucket, concurrency=1, cores=[core], **settings)
        for host in workers:
            hosts.wait_ready(cluster.folder / f"worker-{host}.log", 90)
        hold.touch()
        ids = {upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"] for _ in range(RECORDINGS)}

        def jobs() -> list:
            with h.transaction() as s:
                return [j for j in s.query(ProcessingJob).all() if j.recording_id in ids]

        load_before = os.getloadavg()[0]
        cpu_before = {host: _tree_cpu_s(proc.pid) for host, proc in workers.items()}
        services = cluster.processes[:3]  # PostgreSQL, Redis, moto: started first, by Cluster.start
        services_before = sum(_tree_cpu_s(proc.pid) for proc in services)
        hold.unlink()
        started = time.monotonic()
        procs.wait(
            lambda: len(found := jobs()) == STAGES * RECORDINGS and all(j.state == "done" for j in found),
            ROUND_TIMEOUT_S,
            f"{RECORDINGS} recordings on {sorted(placement)}",
        )
        took = time.monotonic() - started
        cpu = {host: round(_tree_cpu_s(proc.pid) - cpu_before[host], 2) for host, proc in workers.items()}
        by_host = {}
        for job in jobs():
            by_host[job.worker.split("@")[0]] = by_host.get(job.worker.split("@")[0], 0) + 1
        return {
            "hosts": {
                host: {"core": core, "allowed": _allowed_cores(workers[host].pid), "cpu_s": cpu[host]}
                for host, core in placement.items()
            },
            # Cores the workers actually got while the round ran: 1.0 per host would be a whole core.
            "cores_used": round(sum(cpu.values()) / took, 2),
            "cpu_s_per_recording": round(sum(cpu.values()) / RECORDINGS, 2),
            "services_cpu_s": round(sum(_tree_cpu_s(proc.pid) for proc in services) - services_before, 2),
            "seconds": round(took, 2),
            "recordings_per_minute": round(RECORDINGS * 60 / took, 2),
            "stages_by_host": by_host,
            "load_1min_before": round(load_before, 2),
            "load_1min_after": round(os.getloadavg()[0], 2),
        }
    finally:
        for proc in workers.values():
            cluster.kill(proc)


def _cpu_per_recording(runs: list[dict]) -> float:
    return statistics.median(r["cpu_s_per_recording"] for r in runs)


def main() -> None:
    from tests.workers import hosts

    why_not = hosts.unavailable()
    if why_not is not None:
        _write({"skipped": why_not})
        return
    if (os.cpu_count() or 1) < 2:
        _write({"skipped": "needs two cores: one per worker host"})
        return

    from tests import media_factory

    work = Path(tempfile.mkdtemp(prefix="bench-hosts-"))
    clip = media_factory.make_clip(CLIP_S, width=640, height=360, fps=15, vcodec="mpeg4")
    cluster = hosts.Cluster(work / "cluster")
    try:
        cluster.start()
        h, bucket = cluster.app(work, "bench")
        hold = work / "hold"
        probe = work / "held-ffprobe"
        probe.write_text(f'#!/bin/sh\nwhile [ -e {hold} ]; do sleep 0.05; done\nexec ffprobe "$@"\n')
        probe.chmod(0o755)

        rounds = {"one_host": [], "two_hosts": []}
        for _ in range(ROUNDS):  # alternated, so a change in the machine's load falls on both
            rounds["one_host"].append(_round(cluster, h, clip, bucket, {"a": 0}, hold, probe))
            rounds["two_hosts"].append(_round(cluster, h, clip, bucket, {"a": 0, "b": 1}, hold, probe))
        best = {kind: max(r["recordings_per_minute"] for r in runs) for kind, runs in rounds.items()}
        paired = [
            two["recordings_per_minute"] / one["recordings_per_minute"]
            for one, two in zip(rounds["one_host"], rounds["two_hosts"], strict=True)
        ]
        ratio = statistics.median(paired)
        _write(
            {
                "recordings": RECORDINGS,
                "clip": {"seconds": CLIP_S, "size": "640x360", "fps": 15, "codec": "mpeg4 (transcoded to x264)"},
                "rounds": rounds,
                "ratio_by_round": [round(r, 3) for r in paired],
                "ratio": round(ratio, 3),  # the median of the rounds' ratios
                "best_recordings_per_minute": best,
                "ratio_of_bests": round(best["two_hosts"] / best["one_host"], 3),
                # A model, not a measurement: were each host's core all its own, throughput would go
                # as cores over CPU seconds per recording (the per-recording cost measured above).
                "model_ratio_at_whole_cores": round(
                    2 * _cpu_per_recording(rounds["one_host"]) / _cpu_per_recording(rounds["two_hosts"]), 3
                ),
                "target": TARGET,
                "met": ratio >= TARGET,
                "cpu_count": os.cpu_count(),
            }
        )
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
