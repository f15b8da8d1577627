"""Several hosts on one machine: network namespaces joined by veth pairs on one bridge.

A "services" host runs a private PostgreSQL, a private redis-server and moto's S3 server, each
listening on the services host's own address only; worker hosts run the real Celery worker
command (``scripts/run_embedded.worker_command``) against those services by that address. A
namespace has a loopback of its own, so a worker that reached for 127.0.0.1 (the machine's
shared PostgreSQL or Redis) would find nothing there: the services it uses are the ones named.
The machine itself gets one leg on the bridge too, as the API host that uploads and checks.

Root and ``ip netns`` are needed (:func:`unavailable` says why not). Every name and the subnet
are random per cluster, so runs at the same time on this machine do not meet; :meth:`Cluster.stop`
kills the cluster's own processes by pid and deletes its namespaces, whatever state it is in.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Sequence
from pathlib import Path

import redis

from scripts import run_embedded
from tests.e2e.stack import stack_env
from tests.workers import processes as procs

PG_USER = "postgres"  # PostgreSQL refuses to run as root
PG_PORT, REDIS_PORT, S3_PORT = 5432, 6379, 9000  # a namespace of its own: the usual ports are free
S3_KEY = "testing"
START_TIMEOUT_S = 20


def _postgres_bin() -> Path | None:
    for folder in [Path("/usr/local/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    return None


def unavailable() -> str | None:
    """Why this machine cannot make the hosts, or None when it can."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    for tool in ("ip", "redis-server", "setpriv"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if _postgres_bin() is None:
        return "PostgreSQL's initdb/postgres are not installed"
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"no {PG_USER!r} user to run PostgreSQL as"
    probe = f"kjp{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True)
    if made.returncode != 0:
        return f"ip netns add failed: {made.stderr.decode(errors='replace').strip()}"
    try:  # what the cluster needs inside one: a bridge and a veth pair
        for args in (["link", "add", "br0", "type", "bridge"], ["link", "add", "v0", "type", "veth", "peer", "v1"]):
            made = subprocess.run(["ip", "-n", probe, *args], capture_output=True)
            if made.returncode != 0:
                return f"ip {' '.join(args)} failed: {made.stderr.decode(errors='replace').strip()}"
    finally:
        subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def _free_subnet() -> str:
    """A 10.x.y.0/24 no route of this machine covers yet (other runs pick their own)."""
    for _ in range(50):
        prefix = f"10.{random.randint(100, 250)}.{random.randint(0, 255)}"
        routes = subprocess.run(["ip", "-4", "route", "show"], capture_output=True, text=True).stdout
        if f"{prefix}." not in routes:
            return prefix
    raise RuntimeError("no free 10.x.y.0/24 subnet")


class Cluster:
    """Namespaces ``<tag>-svc`` and one per worker host, a bridge in the services host, and the
    processes started in them. Use as a context manager, or call :meth:`stop` in a finally."""

    def __init__(self, folder: Path, workers: Sequence[str] = ("a", "b")) -> None:
        self.folder = folder
        self.tag = f"kj{random.randint(0, 0xFFFFF):05x}"
        self.prefix = _free_subnet()
        self.address = f"{self.prefix}.1"  # the services host, on the bridge
        self.hosts = {name: f"{self.tag}-{name}" for name in ["svc", *workers]}
        self.host_address = {name: f"{self.prefix}.{10 + n}" for n, name in enumerate(workers)}
        self.processes: list[subprocess.Popen] = []
        self.pg_data: Path | None = None
        self.database_url = f"postgresql+psycopg://postgres@{self.address}:{PG_PORT}/kejian"
        self.broker_url = f"redis://{self.address}:{REDIS_PORT}/0"
        self.s3_endpoint = f"{self.address}:{S3_PORT}"

    # ---- the network -------------------------------------------------------------------------
    def _links(self) -> None:
        svc = self.hosts["svc"]
        for ns in self.hosts.values():
            _ip("netns", "add", ns)
            _ip("-n", ns, "link", "set", "lo", "up")
        _ip("-n", svc, "link", "add", "br0", "type", "bridge")
        _ip("-n", svc, "addr", "add", f"{self.address}/24", "dev", "br0")
        _ip("-n", svc, "link", "set", "br0", "up")
        legs = [(None, f"{self.prefix}.2"), *((self.hosts[n], a) for n, a in self.host_address.items())]
        for n, (ns, address) in enumerate(legs):
            leg, peer = f"{self.tag}{n}", f"{self.tag}{n}p"
            _ip("link", "add", leg, "type", "veth", "peer", "name", peer, "netns", svc)
            _ip("-n", svc, "link", "set", peer, "master", "br0", "up")
            where = ["-n", ns] if ns else []
            if ns:
                _ip("link", "set", leg, "netns", ns)
            _ip(*where, "addr", "add", f"{address}/24", "dev", leg)
            _ip(*where, "link", "set", leg, "up")

    # ---- processes ---------------------------------------------------------------------------
    def run_in(self, host: str, command: Sequence[str], log: Path, env: dict | None = None, cores=None):
        """Start ``command`` in ``host``'s namespace (``ip netns exec`` execs it: the pid is its own),
        optionally pinned to ``cores`` with taskset."""
        pin = ["taskset", "-c", ",".join(map(str, cores))] if cores else []
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                ["ip", "netns", "exec", self.hosts[host], *pin, *command],
                cwd=run_embedded.ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(proc)
        return proc

    def _start_postgres(self) -> None:
        binaries = _postgres_bin()
        user = pwd.getpwnam(PG_USER)
        # Not under pytest's 0700 tmp folder: the postgres user must reach its data.
        self.pg_data = Path(tempfile.mkdtemp(prefix=f"{self.tag}-pg-"))
        os.chown(self.pg_data, user.pw_uid, user.pw_gid)
        as_pg = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups"]
        data = self.pg_data / "data"
        subprocess.run(
            [*as_pg, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync"],
            check=True,
            capture_output=True,
        )
        with open(data / "pg_hba.conf", "a") as hba:  # the hosts on the bridge, and no one else
            hba.write(f"host all all {self.prefix}.0/24 trust\n")
        options = ["-c", f"listen_addresses={self.address}", "-p", str(PG_PORT), "-c", "fsync=off"]
        options += ["-c", f"unix_socket_directories={self.pg_data}", "-c", "max_connections=200"]
        self.run_in("svc", [*as_pg, str(binaries / "postgres"), "-D", str(data), *options], self.folder / "pg.log")

    def _pg_answers(self) -> bool:
        import psycopg

        try:
            url = f"host={self.address} port={PG_PORT} user=postgres dbname=postgres connect_timeout=1"
            with psycopg.connect(url, autocommit=True) as conn:
                if not conn.execute("select 1 from pg_database where datname = 'kejian'").fetchone():
                    conn.execute("create database kejian")
            return True
        except psycopg.OperationalError:
            return False

    def _redis_answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.broker_url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def _s3_answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://{self.s3_endpoint}/", timeout=1):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def start(self) -> Cluster:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._links()
        self._start_postgres()
        redis_command = ["redis-server", "--bind", self.address, "--port", str(REDIS_PORT), "--save", ""]
        # Protected mode refuses every client but loopback when no password is set; the other hosts
        # are the clients here, on a bridge nothing else is on.
        redis_command += ["--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "no"]
        self.run_in("svc", redis_command, self.folder / "redis.log")
        moto = Path(sys.executable).parent / "moto_server"
        self.run_in("svc", [str(moto), "-H", self.address, "-p", str(S3_PORT)], self.folder / "moto.log")
        for check, what in [(self._redis_answers, "redis"), (self._s3_answers, "moto"), (self._pg_answers, "pg")]:
            procs.wait(check, START_TIMEOUT_S, f"{what} in the services host at {self.address}")
        return self

    def worker_env(self, var_dir: Path, bucket: str, **settings: str) -> dict[str, str]:
        """Settings for a worker host: every service by the services host's address."""
        values = {
            "database_url": self.database_url,
            "broker_url": self.broker_url,
            "storage_backend": "s3",
            "s3_endpoint": self.s3_endpoint,
            "s3_access_key": S3_KEY,
            "s3_secret_key": S3_KEY,
            "s3_bucket": bucket,
            "heartbeat_interval_s": "1",
            "log_level": "INFO",
            **settings,
        }
        return stack_env(var_dir, 0, {f"KEJIAN_{k.upper()}": v for k, v in values.items()})

    def start_worker(
        self, host: str, bucket: str, *, concurrency: int = 2, cores=None, **settings: str
    ) -> subprocess.Popen:
        """The deployed worker command (with beat) in ``host``, named ``host<name>@…``."""
        var_dir = self.folder / f"var-{host}"
        var_dir.mkdir(exist_ok=True)
        command = run_embedded.worker_command(var_dir, name=f"host{host}@%h")
        command[command.index("--concurrency") + 1] = str(concurrency)
        env = self.worker_env(var_dir, bucket, **settings)
        return self.run_in(host, command, self.folder / f"worker-{host}.log", env=env, cores=cores)

    def app(self, folder: Path, name: str):
        """The app on the API's host (this process): the cluster's database migrated and seeded, a
        bucket of its own on the cluster's S3 server, tasks sent to its Redis. Returns the harness
        and the bucket, which the workers are started with."""
        from api.demo import seed
        from pipeline.celery_factory import make_celery
        from pipeline.dispatch import celery_sender
        from storage import build_store
        from tests.harness import Harness, make_settings
        from tests.plugins.db import migrate

        migrate(self.database_url)
        bucket = f"{name}-{uuid.uuid4().hex[:8]}"
        settings = make_settings(
            folder, self.database_url, backend="s3", s3_endpoint=self.s3_endpoint, bucket=bucket
        ).model_copy(update={"broker_url": self.broker_url})
        store = build_store(settings)
        store.ensure_ready()
        h = Harness(settings, store, send_task=celery_sender(make_celery(settings, main=f"{name}-{bucket}")))
        with h.transaction() as session:
            seed(session)
        return h, bucket

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL ``proc`` and its children (the host's worker dies at once, as a host that fails)."""
        procs.kill_tree(proc)

    def stop(self) -> None:
        for proc in reversed(self.processes):
            with contextlib.suppress(Exception):
                procs.kill_tree(proc)
        for ns in self.hosts.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        # The machine's leg goes with its peer in the services namespace; make sure of it.
        subprocess.run(["ip", "link", "del", f"{self.tag}0"], capture_output=True)
        if self.pg_data is not None:
            shutil.rmtree(self.pg_data, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_ready(log: Path, timeout_s: float = 45) -> None:
    procs.wait(lambda: log.exists() and b"ready." in log.read_bytes(), timeout_s, f"{log.name}: ready")


def elapsed(since: float) -> float:
    return time.monotonic() - since
