"""Names of scratch files and folders that say which process made them.

Workers pull media into scratch space and build outputs there; a worker killed mid-task
leaves them behind. Each name carries its maker's host and process id
(``obj-<host>.<pid>-…``), so a sweep can tell a dead attempt's leftovers from live work
(``workers.scratch_sweep``) without any bookkeeping elsewhere.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass

_SAFE = re.compile(r"[^A-Za-z0-9_]+")
_OWNER = re.compile(r"-(?P<host>[A-Za-z0-9_]+)\.(?P<pid>\d+)-")


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int


def host_tag() -> str:
    """This machine's (or container's) name, reduced to characters safe in a file name."""
    return _SAFE.sub("_", socket.gethostname())[:40] or "host"


def prefix(kind: str) -> str:
    """A ``mkstemp``/``mkdtemp`` prefix naming this process: ``kind-<host>.<pid>-``."""
    return f"{kind}-{host_tag()}.{os.getpid()}-"


def owner_of(name: str) -> Owner | None:
    """The process a scratch entry's name says made it, or None for a name without one."""
    found = _OWNER.search(name)
    return Owner(found["host"], int(found["pid"])) if found else None
