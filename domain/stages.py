"""Processing stages and the legal moves of a stage's job between its states.

A recording goes through probe, analyze and transcode; a reference photo through enrol. Each
stage is one job row whose state moves only along :data:`JOBS`, so a job can never jump from
``done`` back to ``running`` behind the status stream's back. The event of a move is the state
it asks for (a heartbeat is RUNNING → RUNNING).
"""

from __future__ import annotations

from enum import Enum

from domain.state_machine import StateMachine


class Stage(str, Enum):
    PROBE = "probe"
    ANALYZE = "analyze"
    TRANSCODE = "transcode"
    ENROL = "enrol"  # a teacher's reference photo → its face encoding
    # Matching a recording's stored faces to its participants' photos again, after a photo
    # changed: no pass over the video. Queued on demand, never at upload.
    IDENTIFY = "identify"


# The stages of a recording, in the order they start; ENROL belongs to reference photos, IDENTIFY
# comes later and only when a participant's photo changed.
RECORDING_STAGES = (Stage.PROBE, Stage.ANALYZE, Stage.TRANSCODE)


class StageState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


_EDGES = (
    (StageState.QUEUED, StageState.RUNNING),
    (StageState.QUEUED, StageState.FAILED),
    (StageState.RUNNING, StageState.RUNNING),  # progress update / heartbeat
    (StageState.RUNNING, StageState.DONE),
    (StageState.RUNNING, StageState.FAILED),
    # The watchdog re-queues a job whose worker died, or a transient failure waits for its retry.
    (StageState.RUNNING, StageState.QUEUED),
    (StageState.FAILED, StageState.QUEUED),  # an explicit retry by a person
    (StageState.DONE, StageState.QUEUED),  # an explicit re-run
)
JOBS: StateMachine[StageState, StageState] = StateMachine(
    "job", StageState, StageState.QUEUED, {(old, new): new for old, new in _EDGES}
)


def is_terminal(state: StageState) -> bool:
    return state in (StageState.DONE, StageState.FAILED)


def clamp_percent(value: float) -> float:
    """Progress is shown as 0–100 with one decimal; ffmpeg can overshoot at the end."""
    return round(min(100.0, max(0.0, value)), 1)
