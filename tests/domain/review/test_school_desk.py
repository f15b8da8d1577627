"""The school desk's rules: which moves its history lists, and what waits on it."""

from __future__ import annotations

from domain.roles import Role
from domain.school_desk import AWAITING_SCHOOL_GRADE, HISTORY_ACTIONS, TO_FORWARD, HistoryAction, history_actions
from domain.workflow import TABLE, Action, Authorship, State, allowed_actions


def test_the_history_reads_one_action_or_all_four():
    assert history_actions(HistoryAction.FORWARD) == ("forward",)
    assert set(history_actions(None)) == {"forward", "return", "confirm", "downgrade"} == set(HISTORY_ACTIONS)
    assert all(Action(a) for a in HISTORY_ACTIONS), "every listed move is a workflow action"


def test_what_waits_on_the_desk_is_what_the_school_may_do_next():
    leaders_work = Authorship(author_leads_group=True)
    for state in AWAITING_SCHOOL_GRADE:
        assert Action.SCORE_EXCELLENT in allowed_actions(state, Role.SCHOOL_ADMIN, leaders_work)
    for state in TO_FORWARD:
        assert (state, Action.FORWARD) in TABLE and Action.FORWARD in allowed_actions(state, Role.SCHOOL_ADMIN)
    assert State.SCORED_PASS not in TO_FORWARD, "合格 stays recorded at the school"
