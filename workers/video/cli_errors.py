"""What the media CLIs (``inspect``, ``fingerprint``) exit with, and the refusal they print in both languages.

Why one place: scripts and support staff read the exit code (2: the input is at fault, 3: the
installation is), so every CLI must mean the same by it.
"""

from __future__ import annotations

import sys

BAD_INPUT, BROKEN_INSTALL = 2, 3


class CliError(Exception):
    """A refusal to print as ``错误：…`` then ``Error: …``, ending the CLI with ``code``."""

    def __init__(self, zh: str, en: str, code: int = BAD_INPUT) -> None:
        super().__init__(en)
        self.zh, self.en, self.code = zh, en, code


def refused(error: CliError) -> int:
    """Print the refusal on stderr, Chinese then English; the exit code."""
    print(f"错误：{error.zh}\nError: {error.en}", file=sys.stderr)
    return error.code


def broken(error: Exception) -> int:
    """Print that the installation (a binary, a model) is broken; the exit code."""
    print(f"错误：运行环境不完整（{error}）\nError: the installation is broken: {error}", file=sys.stderr)
    return BROKEN_INSTALL
