"""What waits on the school administrator's desk, and which moves their history lists.

The school admin grades a group leader's own work (``domain.workflow.grader_of``), receives each
group's hand-over, and forwards 优秀 work to the province or returns graded work (seed 001 §六.1).
Their desk counts what is still to do; their history lists the moves whose outcome they answer
for: their own forwards and returns, and the province's confirmations and downgrades.
"""

from __future__ import annotations

from enum import Enum

from domain.workflow import Action, State

# A leader's own work waits for the school's grade in these states.
AWAITING_SCHOOL_GRADE = (State.SUBMITTED, State.RESUBMITTED)
# Graded 优秀 work the school forwards to the province (or returns instead).
TO_FORWARD = (State.SCORED_EXCELLENT,)


class HistoryAction(str, Enum):
    """The moves the school's history lists (a filter of GET /api/schools/{id}/history)."""

    FORWARD = Action.FORWARD.value
    RETURN = Action.RETURN.value
    CONFIRM = Action.CONFIRM.value
    DOWNGRADE = Action.DOWNGRADE.value


HISTORY_ACTIONS = tuple(a.value for a in HistoryAction)


def history_actions(only: HistoryAction | None) -> tuple[str, ...]:
    """The audit actions a history page reads: the one asked for, or all four."""
    return (only.value,) if only is not None else HISTORY_ACTIONS
