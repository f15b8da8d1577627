"""A group's submission reopens when a member's work comes back to the group (seed 001 §四.6:
a group short of its quota “需要重新提交”), and only then."""

from __future__ import annotations

from itertools import product

import pytest

from domain.group_workflow import GroupState, may_submit, reopens
from domain.workflow import State

BACK_WITH_THE_GROUP = {State.SUBMITTED, State.RESUBMITTED, State.RETURNED}


@pytest.mark.parametrize("group, work", list(product(GroupState, State)))
def test_reopens_only_a_submitted_group_and_only_when_work_comes_back(group, work):
    assert reopens(group, work) is (group is GroupState.SUBMITTED and work in BACK_WITH_THE_GROUP)


@pytest.mark.parametrize("group, allowed", [("open", True), ("submitted", False), ("reopened", True)])
def test_the_leader_may_submit_while_not_submitted(group, allowed):
    assert may_submit(GroupState(group)) is allowed
