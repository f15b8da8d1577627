"""Bounded exponential backoff for transient failures."""

from __future__ import annotations


def backoff_seconds(retries: int, *, base_s: int, max_s: int) -> int:
    return int(min(max_s, base_s * (2**retries)))
