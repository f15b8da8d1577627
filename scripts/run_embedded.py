"""``make run``: migrate, seed the demo school, then serve the API with an embedded worker.

The worker (with beat for the periodic tasks) uses the filesystem broker under var/, so
nothing but this machine is needed. Ctrl-C stops everything. The signing secret is this
setup's own: made at random under var/ on the first run and reused after (never a default).

The pieces are importable so the browser tests (tests/e2e) start exactly this stack.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (``make run``), the project's packages are beside it
    sys.path.insert(0, str(ROOT))

from config.embedded_secret import embedded_secret  # noqa: E402

BIN = Path(sys.executable).parent
QUEUES = "probe,analyze,transcode"
STOP_TIMEOUT_S = 20


def prepare(env: Mapping[str, str], output: IO | None = None) -> None:
    """Migrate the database and seed the demo school (both idempotent)."""
    for command in ([str(BIN / "alembic"), "upgrade", "head"], [sys.executable, "-m", "api.demo"]):
        subprocess.run(command, cwd=ROOT, env=dict(env), check=True, stdout=output, stderr=output)


# glibc gives threads that allocate at once their own malloc arenas (up to 8 per core) and seldom
# hands their freed pages back, so the API's request threads kept growing its RSS under load
# (bench/load.py: +9 to +20 MB/min); with two arenas it levelled off. The Dockerfile sets the same.
ALLOCATOR_ENV = {"MALLOC_ARENA_MAX": "2"}


def embedded_env(env: Mapping[str, str], var_dir: Path) -> dict[str, str]:
    """The children's environment: the setup's own secret (``var/secret_key``) unless one is set,
    and ``ALLOCATOR_ENV`` unless the environment chooses otherwise."""
    env = {**ALLOCATOR_ENV, **env}
    if not env.get("KEJIAN_SECRET_KEY"):
        env["KEJIAN_SECRET_KEY"] = embedded_secret(var_dir)
    return env


def worker_command(var_dir: Path, *, name: str = "embedded@%h") -> list[str]:
    """A Celery worker on every queue, with beat for the periodic maintenance tasks."""
    return [
        str(BIN / "celery"),
        "-A",
        "workers.celery_app",
        "worker",
        "--beat",
        "--schedule",
        str(var_dir / "celerybeat-schedule"),
        "-Q",
        QUEUES,
        "--concurrency",
        "2",
        "--loglevel",
        "INFO",
        "-n",
        name,
    ]


# Longer than uvicorn's 5 s: a client reusing an idle connection just as the server closes it
# gets a reset it may not retry (Playwright's request context does not; a browser retries GETs).
KEEP_ALIVE_S = 75


def api_command(host: str, port: int | str) -> list[str]:
    keep_alive = ["--timeout-keep-alive", str(KEEP_ALIVE_S)]
    return [str(BIN / "uvicorn"), "api.main:app", "--host", host, "--port", str(port), *keep_alive]


def start(command: Sequence[str], env: Mapping[str, str], output: IO | None = None) -> subprocess.Popen:
    """Start one child in the project root; ``output`` (a file) takes its stdout and stderr."""
    stderr = subprocess.STDOUT if output is not None else None
    return subprocess.Popen(list(command), cwd=ROOT, env=dict(env), stdout=output, stderr=stderr)


def stop(children: Sequence[subprocess.Popen], timeout_s: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM every child still running (warm shutdown), then kill whichever will not stop."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt  # run the same clean shutdown as Ctrl-C


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    env = dict(os.environ)
    host = env.get("KEJIAN_HOST", "127.0.0.1")
    port = env.get("KEJIAN_PORT", "8000")
    var_dir = Path(env.get("KEJIAN_VAR_DIR", ROOT / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = embedded_env(env, var_dir)

    prepare(env)
    children = [start(api_command(host, port), env), start(worker_command(var_dir), env)]
    print(f"\n课鉴 Kejian is serving at http://{host}:{port}  (API docs: http://{host}:{port}/docs)\n", flush=True)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop(children)
    return max((child.returncode or 0) for child in children)


if __name__ == "__main__":
    sys.exit(main())
