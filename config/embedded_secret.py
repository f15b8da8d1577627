"""The embedded setup's own signing secret: random on first run, kept under ``var/``, reused after.

``make run`` (and every process it starts: migrations, the API, the worker) needs one secret
that signs media links; a default written in the source would let anyone forge them. The file
is created with mode 0600 in one step (``O_EXCL``), so two processes starting at once agree on
whichever wrote first and nobody else on the machine can read it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "secret_key"
_MIN_LENGTH = 32


def embedded_secret(var_dir: Path) -> str:
    """The secret in ``var_dir/secret_key``, created (random, 0600) when it is missing."""
    path = Path(var_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(48))
    return _read(path)


def _read(path: Path) -> str:
    secret = path.read_text().strip()
    if len(secret) < _MIN_LENGTH:  # a file cut short by a crash mid-write: refuse, never sign with it
        raise ValueError(f"{path} holds no usable secret; delete it to have a new one made")
    return secret
