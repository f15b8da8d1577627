"""A research group's submission to the school: open → submitted → reopened → submitted …

Seed 001 §四.6: the leader grades the group's work and “统一汇总发给校级管理员”; a group
short of its quota “需要重新提交”. So a submitted group is not final: when one of its
members' work goes back into the group's hands (the school or the leader returns it, or the
teacher submits or resubmits work the group must grade again), what the group handed in no
longer stands, and the group's submission reopens. The leader submits again once the quota is
met, exactly as the first time. Each move is recorded in the audit log like a submission's.
"""

from __future__ import annotations

from enum import Enum

from domain.state_machine import StateMachine
from domain.workflow import State


class GroupState(str, Enum):
    OPEN = "open"
    SUBMITTED = "submitted"
    REOPENED = "reopened"


class GroupEvent(str, Enum):
    SUBMIT = "submit"  # the leader hands the group's work to the school
    REOPEN = "reopen"  # a member's work came back into the group's hands


GROUPS: StateMachine[GroupState, GroupEvent] = StateMachine(
    "group",
    GroupState,
    GroupState.OPEN,
    {
        (GroupState.OPEN, GroupEvent.SUBMIT): GroupState.SUBMITTED,
        (GroupState.REOPENED, GroupEvent.SUBMIT): GroupState.SUBMITTED,
        (GroupState.SUBMITTED, GroupEvent.REOPEN): GroupState.REOPENED,
    },
)

# A member's work in these states waits on the group (its leader's grading or its author's fix).
_BACK_WITH_THE_GROUP = frozenset({State.SUBMITTED, State.RESUBMITTED, State.RETURNED})


def may_submit(state: GroupState) -> bool:
    """Whether the leader may (quota permitting) hand the group's work to the school now."""
    return GROUPS.allows(state, GroupEvent.SUBMIT)


def back_with_the_group(member_work_now: State) -> bool:
    """Whether a member's work in this state waits on its group, so a submitted group would reopen."""
    return member_work_now in _BACK_WITH_THE_GROUP


def reopens(state: GroupState, member_work_now: State) -> bool:
    """Whether a member's submission moving to ``member_work_now`` reopens the group's submission."""
    return GROUPS.allows(state, GroupEvent.REOPEN) and back_with_the_group(member_work_now)
