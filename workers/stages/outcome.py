"""How a stage run ended, and the one error type that asks for a retry."""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"  # nothing to do: already done, or another worker holds it
    FAILED = "failed"  # permanent: the input is bad; never retried


class TransientFailure(Exception):
    """Storage or database trouble: the stage went back to the queue and should be retried."""
