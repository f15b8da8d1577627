"""Children that die with their parent, so a killed worker leaves no beat or ffmpeg behind.

On Linux a process can ask the kernel to send it SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``). Celery's pool children and embedded beat ask it at start
(``workers.process_guard``), and every ffmpeg/ffprobe is started with :func:`lifeline` as
its ``preexec_fn``, so ``kill -9`` of the worker's main process takes the whole tree down:
main → pool child → ffmpeg. Elsewhere this is a no-op (``lifeline()`` returns None).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
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
