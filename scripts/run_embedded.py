"""``make run``: migrate, seed the demo school, then serve the API with an embedded worker.

The worker (with beat for the periodic tasks) uses the filesystem broker under var/, so
nothing but this machine is needed. Ctrl-C stops everything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*args: str) -> None:
    subprocess.run(args, cwd=ROOT, check=True)


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt  # run the same clean shutdown as Ctrl-C


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    env = dict(os.environ)
    host = env.get("KEJIAN_HOST", "127.0.0.1")
    port = env.get("KEJIAN_PORT", "8000")
    var_dir = Path(env.get("KEJIAN_VAR_DIR", ROOT / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)

    _run(str(BIN / "alembic"), "upgrade", "head")
    _run(sys.executable, "-m", "api.demo")

    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "workers.celery_app",
            "worker",
            "--beat",
            "--schedule",
            str(var_dir / "celerybeat-schedule"),
            "-Q",
            "probe,analyze,transcode",
            "--concurrency",
            "2",
            "--loglevel",
            "INFO",
            "-n",
            "embedded@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    api = subprocess.Popen(
        [str(BIN / "uvicorn"), "api.main:app", "--host", host, "--port", port],
        cwd=ROOT,
        env=env,
    )
    print(f"\n课鉴 Kejian is serving at http://{host}:{port}  (API docs: http://{host}:{port}/docs)\n", flush=True)
    children = [api, worker]
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
    return max((child.returncode or 0) for child in children)


if __name__ == "__main__":
    sys.exit(main())
