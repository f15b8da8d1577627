"""A teacher's reference photo: enrolled into a face encoding on a worker, or refused.

``pending`` until its enrol job ends: ``ok`` with an encoding, ``refused`` with the photo's
fault (no face, several faces, unreadable; a new photo is needed), or ``failed`` when the
worker gave up on trouble of its own (storage or database down, the worker lost): that one is
retried as it is.

What a roster shows of a teacher's photos is one word (:func:`photo_status`): ``ok`` as soon
as any photo is usable, since identification needs only one encoding; otherwise the state
that tells the person what to do next (wait, retry, or upload another).
"""

from __future__ import annotations

from collections.abc import Iterable
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


class ReferenceSource(str, Enum):
    PHOTO = "photo"  # a photo someone uploaded
    SESSION_FACE = "session_face"  # a face a group leader assigned from a session recording


class PhotoStatus(str, Enum):
    NONE = "none"
    PENDING = "pending"
    OK = "ok"
    REFUSED = "refused"
    FAILED = "failed"


# The first state present wins: a usable encoding, then one that may still become usable
# (waiting, or retryable as it is), and only then a refusal (a new photo is needed).
_STATUS_ORDER = (
    (ReferenceState.OK, PhotoStatus.OK),
    (ReferenceState.PENDING, PhotoStatus.PENDING),
    (ReferenceState.FAILED, PhotoStatus.FAILED),
    (ReferenceState.REFUSED, PhotoStatus.REFUSED),
)


def photo_status(states: Iterable[ReferenceState | str]) -> PhotoStatus:
    """One teacher's photo status from the states of all their references."""
    present = {ReferenceState(s) for s in states}
    return next((status for state, status in _STATUS_ORDER if state in present), PhotoStatus.NONE)
