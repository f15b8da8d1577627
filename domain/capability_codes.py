"""Codes of the 30 micro-capability points (微能力点): A1–A13, B1–B10, C1–C7.

The full catalogue (names, dimensions, evidence) is data loaded later; uploads only need
to know whether a code names a real point.
"""

from __future__ import annotations

_RANGES = {"A": 13, "B": 10, "C": 7}

ALL_CODES: tuple[str, ...] = tuple(f"{env}{n}" for env, count in _RANGES.items() for n in range(1, count + 1))


def normalise_code(code: str) -> str | None:
    """Upper-case, trimmed code if it names one of the 30 points, else ``None``."""
    cleaned = code.strip().upper()
    return cleaned if cleaned in ALL_CODES else None
