"""A teacher's reference photo: enrolled into a face encoding on a worker, or refused.

``pending`` until its enrol job ends: ``ok`` with an encoding, ``refused`` with the photo's
fault (no face, several faces, unreadable; a new photo is needed), or ``failed`` when the
worker gave up on trouble of its own (storage or database down, the worker lost): that one is
retried as it is.
"""

from __future__ import annotations

from enum import Enum

from domain.state_machine import StateMachine


class ReferenceState(str, Enum):
    PENDING = "pending"
    OK = "ok"
    REFUSED = "refused"
    FAILED = "failed"


class ReferenceEvent(str, Enum):
    ENROL = "enrol"
    REFUSE = "refuse"
    GIVE_UP = "give_up"
    RETRY = "retry"


REFERENCES: StateMachine[ReferenceState, ReferenceEvent] = StateMachine(
    "reference",
    ReferenceState,
    ReferenceState.PENDING,
    {
        (ReferenceState.PENDING, ReferenceEvent.ENROL): ReferenceState.OK,
        (ReferenceState.PENDING, ReferenceEvent.REFUSE): ReferenceState.REFUSED,
        (ReferenceState.PENDING, ReferenceEvent.GIVE_UP): ReferenceState.FAILED,
        (ReferenceState.FAILED, ReferenceEvent.RETRY): ReferenceState.PENDING,
    },
)
