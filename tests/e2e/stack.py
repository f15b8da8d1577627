"""The whole app as ``make run`` starts it, in a temporary data folder, for the browser tests.

Migrations, the demo seed, uvicorn and a Celery worker on the filesystem broker all come
from scripts/run_embedded.py, so the browser drives exactly what users run. Each child's
output goes to a log file beside the screenshots, so a failure can be read afterwards.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scripts import run_embedded

HOST = "127.0.0.1"
START_TIMEOUT_S = 90.0


class StackError(RuntimeError):
    """The stack did not come up; the message names the log to read."""


@dataclass
class LiveStack:
    base_url: str
    var_dir: Path
    log_dir: Path
    children: dict[str, subprocess.Popen] = field(default_factory=dict)

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def check_alive(self) -> None:
        """Raise with the log's tail if the API or the worker has died."""
        for name, child in self.children.items():
            if child.poll() is not None:
                raise StackError(f"{name} exited with {child.returncode}:\n{tail(self.log_dir / f'{name}.log')}")

    def stop(self) -> None:
        run_embedded.stop(list(self.children.values()))


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"({path} does not exist)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def stack_env(var_dir: Path, port: int, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This machine's environment without any KEJIAN_* setting, plus the test stack's own.

    Dropping the caller's KEJIAN_* variables keeps a developer's database or S3 settings out
    of the throw-away stack. ``extra`` adds settings of the test's own (KEJIAN_* only), e.g.
    other review rules.
    """
    foreign = sorted(key for key in extra or {} if not key.startswith("KEJIAN_"))
    if foreign:
        raise ValueError(f"extra settings must be KEJIAN_* variables: {foreign}")
    env = {key: value for key, value in os.environ.items() if not key.startswith("KEJIAN_")}
    env.update(extra or {})
    env.update(
        KEJIAN_VAR_DIR=str(var_dir),
        KEJIAN_HOST=HOST,
        KEJIAN_PORT=str(port),
        KEJIAN_SECRET_KEY=secrets.token_hex(16),
    )
    return env


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_stack(
    var_dir: Path, log_dir: Path, *, extra_env: Mapping[str, str] | None = None, name: str = "e2e"
) -> LiveStack:
    """Migrate, seed, start the API and the worker, and wait until ``/healthz`` says ok.

    ``extra_env`` (KEJIAN_* settings) starts a stack with other rules; give it its own
    ``log_dir`` and ``name`` (the worker's node name) when it runs beside the default stack.
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = stack_env(var_dir, port, extra_env)
    with open(log_dir / "prepare.log", "wb") as log:
        try:
            run_embedded.prepare(env, log)
        except subprocess.CalledProcessError as exc:
            raise StackError(f"migrate/seed failed ({exc}):\n{tail(log_dir / 'prepare.log')}") from exc
    stack = LiveStack(base_url=f"http://{HOST}:{port}", var_dir=var_dir, log_dir=log_dir)
    for name, command in (
        ("api", run_embedded.api_command(HOST, port)),
        ("worker", run_embedded.worker_command(var_dir, name=f"{name}@%h")),
    ):
        with open(log_dir / f"{name}.log", "wb") as log:
            stack.children[name] = run_embedded.start(command, env, log)  # the child keeps its own descriptor
    try:
        _wait_healthy(stack)
    except BaseException:
        stack.stop()
        raise
    return stack


def _wait_healthy(stack: LiveStack) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        stack.check_alive()
        if _healthy(stack.url("/healthz")):
            return
        time.sleep(0.2)
    raise StackError(f"/healthz did not answer within {START_TIMEOUT_S:.0f} s:\n{tail(stack.log_dir / 'api.log')}")


@contextmanager
def own_stack(
    tmp_path_factory, e2e_artifacts: Path, name: str, *, extra_env: Mapping[str, str] | None = None
) -> Iterator[LiveStack]:
    """A browser-test module's own stack (its own database, settings and logs under logs/{name}/).

    For a module whose steps change what the other modules would find (a school's setup, the
    province's catalogue) or that needs other settings; stopped when the module ends.
    """
    stack = start_stack(
        tmp_path_factory.mktemp(f"e2e-{name}-var"),
        e2e_artifacts / "logs" / name,
        extra_env=extra_env,
        name=f"e2e-{name}",
    )
    try:
        yield stack
    finally:
        stack.stop()
