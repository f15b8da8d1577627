"""50 users on the generated province: ``python -m bench.load`` times every page's requests.

Builds the province (``bench.province``) at ``KEJIAN_BENCH_LOAD_SCALE`` (default 1.0) into
``kejian_province``, or reuses it when the database says it was built at that scale and seed and
is migrated to head (a comment on the database records it; ``--rebuild`` forces a new one: 7 min).
Serves the API with ``KEJIAN_BENCH_LOAD_WORKERS`` uvicorn workers (default 2: the machine these
figures come from has 2 cores, shared with PostgreSQL and the load generator) on 127.0.0.1, with
the embedded (filesystem) broker: nothing these pages send enqueues work. Runs locust headless in
its own process (``bench/_load_users.py``: teachers, leaders, school admins and province reviewers,
30/10/6/4 of 50, each signed in as its own account; each reads 5–15 s between two page actions,
``KEJIAN_BENCH_LOAD_THINK_S``) for ``KEJIAN_BENCH_LOAD_SECONDS`` (default 600), sampling the API's
RSS (uvicorn's master and workers), its CPU time and the load average every 5 s.

**Targets** (issue 21): p95 ≤ 50 ms and p99 ≤ 200 ms for every route of teacher home, leader
queue, school dashboard, province list with filters, recording status and comment post; no errors;
RSS flat over the run. Writes ``bench/results/load.json`` (``bench._load_report`` shapes it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import _load_report as report  # noqa: E402
from bench import province  # noqa: E402
from bench._upload_rig import HOST, _children, _wait, free_port, rss_bytes, stop  # noqa: E402
from scripts import run_embedded  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "load.json"
USERS_FILE = ROOT / "bench" / "_load_users.py"
DATABASE = "kejian_province"
SHARES = (0.6, 0.2, 0.12, 0.08)  # teachers, group leaders, school admins, province reviewers
ROLES = ("teacher", "leader", "school_admin", "province")
SAMPLE_S = 5.0
# Users started a second: 50 sign in over 25 s. At 10 a second, 5 of 50 sign-ins met a 429 (two
# argon2 slots, api/auth/throttle.py) on the first run; they are retried, and counted, either way.
SPAWN_PER_S = 2


def split(users: int) -> list[int]:
    """Users per role in ``SHARES``' proportions, at least one of each (needs ``users`` ≥ 4)."""
    counts = [max(1, round(users * share)) for share in SHARES]
    counts[0] += users - sum(counts)
    return counts


def pick_accounts(url: str, counts: list[int]) -> dict[str, list[str]]:
    """Distinct accounts per role: teachers with a recording, leaders of groups with graded lessons,
    admins of the largest school and others; the order is fixed (md5 of the name), not the first ids."""
    teacher, leader, admin, reviewer = counts
    graded = "s.state NOT IN ('draft', 'submitted', 'resubmitted', 'returned')"
    queries = {
        "teacher": (
            "SELECT u.username FROM users u WHERE u.role = 'teacher' AND EXISTS (SELECT 1 FROM submissions s"
            " WHERE s.teacher_id = u.teacher_id AND s.recording_id IS NOT NULL) ORDER BY md5(u.username) LIMIT %s",
            teacher,
        ),
        "leader": (
            "SELECT u.username FROM users u WHERE u.role = 'group_leader' AND EXISTS (SELECT 1 FROM submissions s"
            f" JOIN teachers t ON t.id = s.teacher_id WHERE t.group_id = u.group_id AND {graded}"
            " AND s.recording_id IS NOT NULL) ORDER BY md5(u.username) LIMIT %s",
            leader,
        ),
        "school_admin": (
            "SELECT u.username FROM users u JOIN (SELECT school_id, count(*) n FROM teachers GROUP BY school_id) c"
            " ON c.school_id = u.school_id WHERE u.role = 'school_admin'"
            " ORDER BY c.n = (SELECT max(count) FROM (SELECT count(*) FROM teachers GROUP BY school_id) m) DESC,"
            " md5(u.username) LIMIT %s",
            admin,
        ),
        "province": (
            "SELECT username FROM users WHERE role = 'provincial_reviewer' ORDER BY username LIMIT %s",
            reviewer,
        ),
    }
    with psycopg.connect(province._dsn(url)) as conn:
        return {role: [r[0] for r in conn.execute(sql, (n,))] for role, (sql, n) in queries.items()}


@contextmanager
def api_server(url: str, workers: int, log_dir: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """uvicorn with ``workers`` processes on a free loopback port, on the province at ``url``."""
    # As ``make run`` starts it (two malloc arenas), unless this shell sets MALLOC_ARENA_MAX itself.
    env = {**run_embedded.ALLOCATOR_ENV, **{k: v for k, v in os.environ.items() if not k.startswith("KEJIAN_")}}
    env.update(
        KEJIAN_DATABASE_URL=url,
        KEJIAN_VAR_DIR=str(log_dir / "var"),
        KEJIAN_SECRET_KEY=secrets.token_hex(16),
        KEJIAN_LOG_LEVEL="WARNING",
        KEJIAN_BROKER_URL="filesystem://",
    )
    port = free_port()
    command = [*run_embedded.api_command(HOST, port), "--workers", str(workers), "--no-access-log"]
    command += ["--timeout-graceful-shutdown", "5"]
    log = log_dir / "api.log"
    with open(log, "wb") as output:
        proc = run_embedded.start(command, env, output)
        try:
            _wait(f"http://{HOST}:{port}/healthz", proc, log, ok_only=True)
            yield proc, port
        finally:
            workers = _children(proc.pid)
            stop(proc)
            # A worker busy in a long request outlives a master killed after the grace period.
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def _cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _load1() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_locust(
    port: int, api: subprocess.Popen, accounts: dict, counts: list[int], seconds: int, work: Path, think: str
) -> dict:
    """Runs locust for ``seconds``; returns its final statistics, the samples and CPU seconds."""
    (work / "accounts.json").write_text(json.dumps(accounts))
    env = dict(os.environ)
    env.update(
        KEJIAN_LOAD_ACCOUNTS=str(work / "accounts.json"),
        KEJIAN_LOAD_SPLIT=",".join(map(str, counts)),
        KEJIAN_LOAD_THINK_S=think,
    )
    users = sum(counts)
    command = [
        *(str(Path(sys.executable).parent / "locust"), "-f", str(USERS_FILE), "--headless"),
        *("-u", str(users), "-r", str(SPAWN_PER_S), "--run-time", f"{seconds}s", "--stop-timeout", "5"),
        *("--host", f"http://{HOST}:{port}", "--json-file", str(work / "locust"), "--only-summary"),  # + ".json"
        *("--loglevel", "WARNING"),
    ]

    def api_pids() -> list[int]:  # read again at the end: a worker may have been replaced
        return [api.pid, *_children(api.pid)]

    api_cpu0 = _cpu_s(api_pids())
    samples, locust_cpu = [], 0.0
    started = time.monotonic()
    with open(work / "locust.log", "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            while proc.poll() is None:
                samples.append((round(time.monotonic() - started, 1), rss_bytes(api.pid), _load1()))
                locust_cpu = _cpu_s([proc.pid])
                try:
                    proc.wait(SAMPLE_S)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    log_tail = (work / "locust.log").read_text(errors="replace")[-4000:]
    # 1 is locust's "some requests failed": reported per route, not raised.
    if proc.returncode not in (0, 1) or not (work / "locust.json").exists():
        raise RuntimeError(f"locust exited with {proc.returncode}:\n{log_tail}")
    return {
        "stats": json.loads((work / "locust.json").read_text()),
        "samples": samples,
        "wall_s": round(time.monotonic() - started, 1),
        "api_cpu_s": round(_cpu_s(api_pids()) - api_cpu0, 1),
        "locust_cpu_s": round(locust_cpu, 1),
        "log_tail": log_tail,
    }


def measure(url: str, *, users: int, seconds: int, workers: int, think: str = "5,15") -> dict:
    """The whole measurement on the province at ``url``: accounts, API, locust; the report's dict."""
    counts = split(users)
    accounts = pick_accounts(url, counts)
    with tempfile.TemporaryDirectory(prefix="kejian-load-") as tmp:
        work = Path(tmp)
        load_before = _load1()
        with api_server(url, workers, work) as (api, port):
            run = run_locust(port, api, accounts, counts, seconds, work, think)
    run["load_before"] = load_before
    result = report.shape(run, users=users, counts=dict(zip(ROLES, counts, strict=True)), workers=workers)
    return {**result, "think_s": [float(x) for x in think.split(",")]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the province again even if it is there")
    args = parser.parse_args(argv)
    scale = float(os.environ.get("KEJIAN_BENCH_LOAD_SCALE", "1.0"))
    workers = int(os.environ.get("KEJIAN_BENCH_LOAD_WORKERS", "2"))
    seconds = int(os.environ.get("KEJIAN_BENCH_LOAD_SECONDS", "600"))
    users = int(os.environ.get("KEJIAN_BENCH_LOAD_USERS", "50"))
    think = os.environ.get("KEJIAN_BENCH_LOAD_THINK_S", "5,15")
    started = time.perf_counter()
    url, built = province.ensure(DATABASE, scale, rebuild=args.rebuild)
    result = {"scale": scale, "database": DATABASE, "built_now": built, "build_s": round(time.perf_counter() - started)}
    result.update(measure(url, users=users, seconds=seconds, workers=workers, think=think))
    write(result, RESULTS)
    print(report.table(result))


def write(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
