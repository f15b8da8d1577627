"""Processing stages of a recording and the legal moves between their states.

Every change of a stage's state goes through :func:`check_transition`, so a job can never
jump from ``done`` back to ``running`` behind the status stream's back.
"""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
    PROBE = "probe"
    ANALYZE = "analyze"
    TRANSCODE = "transcode"


class StageState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


# (old, new) pairs that are allowed. RUNNING -> QUEUED is the watchdog re-queueing a job
# whose worker died; FAILED -> QUEUED is an explicit retry by a person.
_ALLOWED: frozenset[tuple[StageState, StageState]] = frozenset(
    {
        (StageState.QUEUED, StageState.RUNNING),
        (StageState.QUEUED, StageState.FAILED),
        (StageState.RUNNING, StageState.RUNNING),  # progress update / heartbeat
        (StageState.RUNNING, StageState.DONE),
        (StageState.RUNNING, StageState.FAILED),
        (StageState.RUNNING, StageState.QUEUED),
        (StageState.FAILED, StageState.QUEUED),
        (StageState.DONE, StageState.QUEUED),  # explicit re-run
    }
)


class IllegalTransition(ValueError):
    """A stage was asked to move between two states that have no edge."""


def check_transition(old: StageState, new: StageState) -> None:
    if (old, new) not in _ALLOWED:
        raise IllegalTransition(f"stage state cannot go from {old.value} to {new.value}")


def is_terminal(state: StageState) -> bool:
    return state in (StageState.DONE, StageState.FAILED)


def clamp_percent(value: float) -> float:
    """Progress is shown as 0–100 with one decimal; ffmpeg can overshoot at the end."""
    return round(min(100.0, max(0.0, value)), 1)
