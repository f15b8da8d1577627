"""Every state change of a submission (one teacher's evidence for one point), as one table.

Seed 001 §四.6: the group leader “负责审核本组教师提交的个人线下实践应用成果,并给出考核结果”;
a group short of its quota “需要重新提交”. Seed 001 §六.1: the school administrator records
合格 results and forwards 优秀 work to the provincial platform (“考核为优秀的由校级管理员将
该学员应用成果上传至平台”). The province then samples forwarded 优秀 work and confirms or
downgrades it (see ``domain.sampling``).

Nobody reviews their own work. The seeds are silent on who grades a group leader's own
submission (001 has the leader grade “本组教师” and the school administrator record results
and forward; 004 says nothing), so we take the conservative reading: a leader never grades or
returns their own work, nor does a second leader of the same group; the school administrator,
the next level up and the one who records results, grades and returns it instead
(``Authorship.author_leads_group``). No role may confirm, downgrade or return work it authored.

``transition`` is pure: it returns the new state and an audit entry, or raises
``TransitionRefused`` carrying a bilingual reason. Nobody assigns a state elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain import review_reasons as rr
from domain.grading import Level
from domain.reasons import Reason
from domain.roles import Role
from domain.state_machine import StateMachine


class State(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    SCORED_EXCELLENT = "scored_excellent"
    SCORED_PASS = "scored_pass"
    SCORED_FAIL = "scored_fail"
    RETURNED = "returned"
    FORWARDED = "forwarded"
    SAMPLED = "sampled"
    CONFIRMED = "confirmed"
    DOWNGRADED = "downgraded"


class Action(str, Enum):
    SUBMIT = "submit"
    SCORE_EXCELLENT = "score_excellent"
    SCORE_PASS = "score_pass"
    SCORE_FAIL = "score_fail"
    RETURN = "return"
    RESUBMIT = "resubmit"
    FORWARD = "forward"
    SAMPLE = "sample"
    CONFIRM = "confirm"
    DOWNGRADE = "downgrade"


STATE_LABELS = {
    State.DRAFT: ("草稿", "a draft"),
    State.SUBMITTED: ("已提交", "submitted"),
    State.RESUBMITTED: ("已重新提交", "resubmitted"),
    State.SCORED_EXCELLENT: ("评为优秀", "graded excellent"),
    State.SCORED_PASS: ("评为合格", "graded pass"),
    State.SCORED_FAIL: ("评为不合格", "graded fail"),
    State.RETURNED: ("已退回", "returned"),
    State.FORWARDED: ("学校已推送", "forwarded by the school"),
    State.SAMPLED: ("已被省级抽检", "sampled by the province"),
    State.CONFIRMED: ("省级确认", "confirmed by the province"),
    State.DOWNGRADED: ("省级降等", "downgraded by the province"),
}
ACTION_LABELS = {
    Action.SUBMIT: ("提交", "submitted"),
    Action.SCORE_EXCELLENT: ("评为优秀", "graded excellent"),
    Action.SCORE_PASS: ("评为合格", "graded pass"),
    Action.SCORE_FAIL: ("评为不合格", "graded fail"),
    Action.RETURN: ("退回", "returned"),
    Action.RESUBMIT: ("重新提交", "resubmitted"),
    Action.FORWARD: ("推送至省平台", "forwarded to the province"),
    Action.SAMPLE: ("抽检", "sampled"),
    Action.CONFIRM: ("确认", "confirmed"),
    Action.DOWNGRADE: ("降等", "downgraded"),
}


@dataclass(frozen=True)
class Edge:
    to_state: State
    roles: frozenset[Role]
    reason_required: bool = False
    grading: bool = False  # the group's own judgement: the school's instead for a leader's work


@dataclass(frozen=True)
class Authorship:
    """Whose work this is, as far as the rules care: the actor's own, or a group leader's."""

    own_work: bool = False
    author_leads_group: bool = False


_AUTHORS = frozenset({Role.TEACHER, Role.GROUP_LEADER, Role.SCHOOL_ADMIN})  # README: who uploads for whom
_LEADER = frozenset({Role.GROUP_LEADER})
_SCHOOL = frozenset({Role.GROUP_LEADER, Role.SCHOOL_ADMIN})
_PROVINCE = frozenset({Role.PROVINCIAL_REVIEWER})
_LEADERS_WORK = frozenset({Role.SCHOOL_ADMIN})  # who grades a group leader's own work
_AWAITING_GRADE = (State.SUBMITTED, State.RESUBMITTED)
_GRADED = (State.SCORED_EXCELLENT, State.SCORED_PASS, State.SCORED_FAIL)
_PROVINCE_JUDGES = (State.FORWARDED, State.SAMPLED, State.CONFIRMED)

TABLE: dict[tuple[State, Action], Edge] = {
    (State.DRAFT, Action.SUBMIT): Edge(State.SUBMITTED, _AUTHORS),
    **{(s, Action.SCORE_EXCELLENT): Edge(State.SCORED_EXCELLENT, _LEADER, grading=True) for s in _AWAITING_GRADE},
    **{(s, Action.SCORE_PASS): Edge(State.SCORED_PASS, _LEADER, grading=True) for s in _AWAITING_GRADE},
    # A 不合格 verdict must tell the teacher why.
    **{(s, Action.SCORE_FAIL): Edge(State.SCORED_FAIL, _LEADER, True, True) for s in _AWAITING_GRADE},
    **{(s, Action.RETURN): Edge(State.RETURNED, _LEADER, True, True) for s in _AWAITING_GRADE},
    # After grading, the leader or the school may send work back (a group short of its quota).
    **{(s, Action.RETURN): Edge(State.RETURNED, _SCHOOL, True) for s in _GRADED},
    (State.RETURNED, Action.RESUBMIT): Edge(State.RESUBMITTED, _AUTHORS),
    (State.SCORED_FAIL, Action.RESUBMIT): Edge(State.RESUBMITTED, _AUTHORS),
    # Only 优秀 work goes to the province; 合格 stays recorded at the school (seed 001 §六.1).
    (State.SCORED_EXCELLENT, Action.FORWARD): Edge(State.FORWARDED, frozenset({Role.SCHOOL_ADMIN})),
    (State.FORWARDED, Action.SAMPLE): Edge(State.SAMPLED, _PROVINCE),
    # Forwarded work the sampler did not draw is confirmed without a second look.
    (State.FORWARDED, Action.CONFIRM): Edge(State.CONFIRMED, _PROVINCE),
    (State.SAMPLED, Action.CONFIRM): Edge(State.CONFIRMED, _PROVINCE),
    # The province may judge any work that reached it, drawn or not (a complaint, a second look):
    # a downgrade always says why, and so does undoing one (an appeal upheld).
    **{(s, Action.DOWNGRADE): Edge(State.DOWNGRADED, _PROVINCE, True) for s in _PROVINCE_JUDGES},
    (State.DOWNGRADED, Action.CONFIRM): Edge(State.CONFIRMED, _PROVINCE, True),
}


# The table's states alone, the shape every stateful row shares (``domain.state_machine``):
# ``db.state.apply`` writes a submission's move with it once ``transition`` has allowed it.
WORKFLOW: StateMachine[State, Action] = StateMachine(
    "submission", State, State.DRAFT, {key: edge.to_state for key, edge in TABLE.items()}
)

# The province sees the work a school forwarded, and what became of it (``domain.visibility``).
REACHED_PROVINCE = frozenset({State.FORWARDED, State.SAMPLED, State.CONFIRMED, State.DOWNGRADED})
# 优秀 counts work graded excellent and still excellent further on; a downgrade takes it out.
EXCELLENT_STATES = frozenset({State.SCORED_EXCELLENT, State.FORWARDED, State.SAMPLED, State.CONFIRMED})

# The verdict a state stands for, as people read it: 优秀 until the province downgrades it
# (降等 leaves it 合格), 合格, 不合格; states without a verdict are absent.
VERDICTS = {
    **{state: Level.EXCELLENT for state in EXCELLENT_STATES},
    State.SCORED_PASS: Level.PASS,
    State.DOWNGRADED: Level.PASS,
    State.SCORED_FAIL: Level.FAIL,
}

# The author may change the evidence (recording, documents) only while the work is theirs:
# before submitting, or after it came back to them.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED, State.SCORED_FAIL})

# Judgements of the work itself, which its author may never make.
REVIEW_ACTIONS = frozenset(
    {Action.SCORE_EXCELLENT, Action.SCORE_PASS, Action.SCORE_FAIL, Action.RETURN, Action.CONFIRM, Action.DOWNGRADE}
)


@dataclass(frozen=True)
class AuditEntry:
    from_state: State
    to_state: State
    action: Action
    actor_role: Role
    reason: str | None


@dataclass(frozen=True)
class Transition:
    state: State
    audit: AuditEntry


class TransitionRefused(ValueError):
    def __init__(self, reason: Reason):
        super().__init__(reason.en)
        self.reason = reason


def transition(
    state: State,
    action: Action,
    *,
    actor_role: Role,
    reason: str | None = None,
    group_quota_met: bool | None = None,
    authorship: Authorship = Authorship(),
) -> Transition:
    """The state after ``action``, with its audit entry; raises ``TransitionRefused`` otherwise.

    ``group_quota_met`` is needed only to forward: the school forwards a group's work once the
    group meets its quota and has a session recording (``domain.quotas.check_group_quota``).
    ``authorship`` says whether the actor wrote the work and whether its author leads a group.
    """
    edge = TABLE.get((state, action))
    state_zh, state_en = STATE_LABELS[state]
    action_zh, action_en = ACTION_LABELS[action]
    if edge is None:
        raise TransitionRefused(
            rr.WORKFLOW_ILLEGAL_MOVE.format(
                state_zh=state_zh, state_en=state_en, action_zh=action_zh, action_en=action_en
            )
        )
    if actor_role not in _roles(edge, authorship):
        # A leader who would grade this were it not a leader's work hears why they may not.
        leaders_work = edge.grading and authorship.author_leads_group and actor_role in edge.roles
        refusal = rr.WORKFLOW_ROLE_NOT_ALLOWED
        if leaders_work:
            refusal = rr.WORKFLOW_OWN_WORK if authorship.own_work else rr.WORKFLOW_LEADER_WORK
        raise TransitionRefused(refusal.format(action_zh=action_zh, action_en=action.value))
    if authorship.own_work and action in REVIEW_ACTIONS:
        raise TransitionRefused(rr.WORKFLOW_OWN_WORK.format(action_zh=action_zh, action_en=action.value))
    cleaned = reason.strip() if reason else None
    if edge.reason_required and not cleaned:
        raise TransitionRefused(rr.WORKFLOW_REASON_REQUIRED.format(action_zh=action_zh, action_en=action.value))
    if action is Action.FORWARD and group_quota_met is not True:
        raise TransitionRefused(rr.WORKFLOW_GROUP_QUOTA_UNMET)
    return Transition(edge.to_state, AuditEntry(state, edge.to_state, action, actor_role, cleaned or None))


def _roles(edge: Edge, authorship: Authorship) -> frozenset[Role]:
    return _LEADERS_WORK if edge.grading and authorship.author_leads_group else edge.roles


def grader_of(authorship: Authorship) -> Role:
    """Who grades the work: the school admin for a group leader's own work, else the group leader."""
    return Role.SCHOOL_ADMIN if authorship.author_leads_group else Role.GROUP_LEADER


def allowed_actions(state: State, actor_role: Role, authorship: Authorship = Authorship()) -> tuple[Action, ...]:
    """Actions ``actor_role`` may take on a submission in ``state`` (for buttons in the UI)."""
    return tuple(
        a
        for (s, a), edge in TABLE.items()
        if s is state and actor_role in _roles(edge, authorship) and not (authorship.own_work and a in REVIEW_ACTIONS)
    )
