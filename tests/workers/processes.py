"""Real worker processes for the crash and outage tests: start one as ``make run`` does, watch its
children through ``/proc``, wait for what a real process does, and clean up whatever is left."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from scripts import run_embedded
from tests.e2e.stack import stack_env


def children(pid: int) -> list[int]:
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


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def beat_pid(var_dir: Path) -> int | None:
    """The pid the beat wrote into its lock file once it held the lock."""
    try:
        return int((var_dir / "beat.lock").read_text().strip() or 0) or None
    except (FileNotFoundError, ValueError):
        return None


def worker_env(var_dir: Path, **settings: str) -> dict[str, str]:
    """The embedded stack's environment with a 1 s heartbeat (a 3 s lease); ``settings`` win."""
    defaults = {"broker_url": "filesystem://", "heartbeat_interval_s": "1", "log_level": "INFO"}
    return stack_env(var_dir, 0, {f"KEJIAN_{k.upper()}": v for k, v in {**defaults, **settings}.items()})


def start_worker(var_dir: Path, log: Path, name: str, **settings: str) -> subprocess.Popen:
    with open(log, "ab") as out:
        return run_embedded.start(
            run_embedded.worker_command(var_dir, name=f"{name}@%h"), worker_env(var_dir, **settings), out
        )


def kill_tree(proc: subprocess.Popen, also: list[int] = ()) -> None:
    """Clean up after a test whatever it left (by pid, the test's own processes only)."""
    for pid in [*also, *children(proc.pid), proc.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
