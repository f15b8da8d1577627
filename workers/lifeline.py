"""Children that die with their parent, so a killed worker leaves no beat or ffmpeg behind.

On Linux a process can ask the kernel to send it SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``). Celery's pool children and embedded beat ask it at start
(``workers.process_guard``), and every ffmpeg/ffprobe is started with :func:`lifeline` as
its ``preexec_fn``, so ``kill -9`` of the worker's main process takes the whole tree down:
main → pool child → ffmpeg. Elsewhere this is a no-op (``lifeline()`` returns None).

The kernel ties that signal to the parent *thread* that forked the child, and Celery may
fork pool processes from a thread that ends early, after which the request is void; so a
long-lived child also watches its parent's pid (:func:`watch_parent`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask for SIGKILL when this process's parent dies; die now if it already has."""
    if _prctl is None:
        return
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os.kill(os.getpid(), signal.SIGKILL)  # the parent died before the request took effect


def lifeline() -> Callable[[], None] | None:
    """A ``preexec_fn`` that ties the new child to this process (None where unsupported)."""
    if _prctl is None:
        return None
    parent = os.getpid()
    return lambda: die_with_parent(parent)


def watch_parent(interval_s: float = 0.5) -> None:
    """Kill this process (and so, by their lifelines, its ffmpeg children) once its parent is gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval_s)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
