"""A school's setup for the programme, and who may set a teacher's selection when.

Seed 004 §五.1: a school assesses its environment (“确立学校信息化环境为混合学习环境”) and
narrows the 30 points (“提取符合我校教师实际的8个微能力点,每名教师再选择3个”). Seed 001
§三/§四: a selection window (“2022.4.7-4.13日7天中”), after which “未在规定时间内完成能力点
选择的学员将默认由校级管理员代为选择”, and once fixed “不可随意改动…如果有改动必须上报给
学校管理员进行确认”.

Dates are whole days in the school's local time; the window includes both ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from domain import review_reasons as rr
from domain.catalogue import Catalogue, Environment
from domain.reasons import Reason
from domain.roles import Role
from domain.state_machine import StateMachine


@dataclass(frozen=True)
class SelectionWindow:
    opens_on: date
    closes_on: date  # the deadline, inclusive

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on

    def is_past_deadline(self, today: date) -> bool:
        return today > self.closes_on


def default_window(opens_on: date, *, days: int) -> SelectionWindow:
    """A window of ``days`` calendar days (seed 001: 4.7–4.13 is 7 days)."""
    if days < 1:
        raise ValueError("a selection window lasts at least one day")
    return SelectionWindow(opens_on, opens_on + timedelta(days=days - 1))


@dataclass(frozen=True)
class SchoolSetup:
    # Declared by the school after its self-assessment; several where its classrooms differ
    # (seed 004's school calls itself 多媒体 in §三 and 混合 in §五.1).
    environments: frozenset[Environment]
    offered_codes: frozenset[str]  # the subset of the catalogue its teachers choose from
    window: SelectionWindow


def check_school_setup(setup: SchoolSetup, catalogue: Catalogue) -> tuple[Reason, ...]:
    """Every reason the setup is unusable.

    A school offers only points of environments it declared: a point's evidence is teaching in
    that environment, so a school without networked or smart classrooms cannot produce it. The
    seeds do not state this outright (see CATALOG.md §4); a school with several kinds of rooms
    declares each of them, which is what makes the multimedia points of a hybrid school offerable.
    """
    found: list[Reason] = []
    if not setup.environments:
        found.append(rr.SETUP_NO_ENVIRONMENT)
    if not setup.offered_codes:
        found.append(rr.SETUP_EMPTY_OFFER)
    unknown = sorted(c for c in setup.offered_codes if c not in catalogue)
    if unknown:
        found.append(rr.SETUP_UNKNOWN_POINT.format(codes=", ".join(unknown)))
    for env in Environment:
        undeclared = [
            p.code
            for p in catalogue.points
            if p.code in setup.offered_codes and p.environment is env and env not in setup.environments
        ]
        if undeclared and setup.environments:
            found.append(
                rr.SETUP_ENVIRONMENT_NOT_DECLARED.format(env_zh=env.zh, env_en=env.value, codes=", ".join(undeclared))
            )
    if setup.window.closes_on < setup.window.opens_on:
        found.append(rr.SETUP_WINDOW_INVERTED.format(opens=setup.window.opens_on, closes=setup.window.closes_on))
    return tuple(found)


def environments_up_to(environment: Environment) -> frozenset[Environment]:
    """What a single declared environment meant before schools declared several: it and the simpler ones."""
    return frozenset(e for e in Environment if e.rank <= environment.rank)


class WindowState(str, Enum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    PAST_DEADLINE = "past_deadline"


def window_state(window: SelectionWindow, today: date) -> WindowState:
    """Before the first day, inside the window, or after the deadline (the admin's turn)."""
    if today < window.opens_on:
        return WindowState.NOT_OPEN
    return WindowState.PAST_DEADLINE if window.is_past_deadline(today) else WindowState.OPEN


class SelectionStatus(str, Enum):
    NONE = "none"  # nothing chosen yet
    DRAFT = "draft"  # chosen but not confirmed
    CONFIRMED = "confirmed"


class SelectionEvent(str, Enum):
    SAVE = "save"  # store a (possibly incomplete) choice
    CONFIRM = "confirm"  # fix a complete, valid choice
    CHANGE = "change"  # an approved change of a confirmed choice, itself confirmed


SELECTIONS: StateMachine[SelectionStatus, SelectionEvent] = StateMachine(
    "selection",
    SelectionStatus,
    SelectionStatus.NONE,
    {
        (SelectionStatus.NONE, SelectionEvent.SAVE): SelectionStatus.DRAFT,
        (SelectionStatus.DRAFT, SelectionEvent.SAVE): SelectionStatus.DRAFT,
        (SelectionStatus.DRAFT, SelectionEvent.CONFIRM): SelectionStatus.CONFIRMED,
        (SelectionStatus.CONFIRMED, SelectionEvent.CHANGE): SelectionStatus.CONFIRMED,
    },
)


@dataclass(frozen=True)
class ChangeApproval:
    """An administrator's consent to change a confirmed selection, with the recorded reason."""

    approver_role: Role
    reason: str


APPROVER_ROLES = frozenset({Role.SCHOOL_ADMIN})


def check_selection_authority(
    *,
    actor_role: Role,
    status: SelectionStatus,
    window: SelectionWindow,
    today: date,
    approval: ChangeApproval | None = None,
) -> tuple[Reason, ...]:
    """Whether ``actor_role`` may set or change a teacher's selection today; empty means yes.

    Teachers choose their own points inside the window; after the deadline a school
    administrator chooses for those who have not confirmed (seed 001 “由校级管理员代为选择”).
    A confirmed selection changes only with an approval whose reason is recorded.
    """
    if actor_role not in (Role.TEACHER, Role.SCHOOL_ADMIN):
        return (rr.SELECTION_ROLE_NOT_ALLOWED,)
    if status is SelectionStatus.CONFIRMED:
        found: list[Reason] = []
        if approval is None:
            return (rr.SELECTION_CHANGE_NEEDS_APPROVAL,)
        if approval.approver_role not in APPROVER_ROLES:
            found.append(rr.SELECTION_APPROVER_NOT_ADMIN)
        if not approval.reason.strip():
            found.append(rr.SELECTION_APPROVAL_REASON_MISSING)
        return tuple(found)
    if today < window.opens_on:
        return (rr.SELECTION_WINDOW_NOT_OPEN.format(opens=window.opens_on),)
    if actor_role is Role.TEACHER and window.is_past_deadline(today):
        return (rr.SELECTION_DEADLINE_PASSED.format(closes=window.closes_on),)
    if actor_role is Role.SCHOOL_ADMIN and not window.is_past_deadline(today):
        return (rr.SELECTION_BEFORE_DEADLINE.format(closes=window.closes_on),)
    return ()
