"""School setup and who may set a selection when.

Seed 001 §三/§四: “1.选能力点:2022.4.7-4.13日,全体教师选择3个能力点”; “未在规定时间内完成能力点
选择的学员将默认由校级管理员代为选择”; “不可随意改动…如果有改动必须上报给学校管理员进行确认”.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.catalogue import Environment, load_seed_catalogue
from domain.roles import Role
from domain.school_setup import (
    ChangeApproval,
    SchoolSetup,
    SelectionStatus,
    SelectionWindow,
    check_school_setup,
    check_selection_authority,
    default_window,
    environments_up_to,
)

SEED = load_seed_catalogue()
WINDOW = SelectionWindow(date(2022, 4, 7), date(2022, 4, 13))


def test_default_window_is_seven_days_inclusive():
    # seed 001: “在2022. 4.7-4.13日7天中…完成能力点的选择”
    assert default_window(date(2022, 4, 7), days=7) == WINDOW
    assert WINDOW.is_open(date(2022, 4, 13)) and WINDOW.is_past_deadline(date(2022, 4, 14))
    with pytest.raises(ValueError):
        default_window(date(2022, 4, 7), days=0)


# seed 004 §五.1: “提取符合我校教师实际的8个微能力点” (which eight is not said; these are an example)
EIGHT = frozenset({"A1", "A3", "A6", "A12", "B1", "B2", "B6", "B9"})


MM, HY, SM = Environment.MULTIMEDIA, Environment.HYBRID, Environment.SMART


@pytest.mark.parametrize(
    "environments, offered, window, codes",
    [
        # seed 004's school is 多媒体 (§三) and 混合 (§五.1): it declares both
        ({MM, HY}, EIGHT, WINDOW, []),
        ({MM, HY, SM}, frozenset(SEED.codes), WINDOW, []),
        ({MM}, frozenset({"A1", "A2", "A5", "A11"}), WINDOW, []),
        ({MM}, EIGHT, WINDOW, ["setup.environment_not_declared"]),
        ({HY}, EIGHT, WINDOW, ["setup.environment_not_declared"]),  # its A points need multimedia declared
        ({MM, HY}, EIGHT | {"C4"}, WINDOW, ["setup.environment_not_declared"]),
        ({MM, HY}, frozenset(), WINDOW, ["setup.empty_offer"]),
        (set(), frozenset({"A1"}), WINDOW, ["setup.no_environment"]),
        ({MM, HY}, frozenset({"A1", "Z9"}), WINDOW, ["setup.unknown_point"]),
        (
            {MM},
            frozenset({"B1", "Q1"}),
            SelectionWindow(date(2022, 4, 13), date(2022, 4, 7)),
            ["setup.unknown_point", "setup.environment_not_declared", "setup.window_inverted"],
        ),
    ],
)
def test_school_setup_checks(environments, offered, window, codes):
    setup = SchoolSetup(frozenset(environments), offered, window)
    assert [r.code for r in check_school_setup(setup, SEED)] == codes


def test_undeclared_environment_names_the_points():
    (reason,) = check_school_setup(SchoolSetup(frozenset({MM}), EIGHT, WINDOW), SEED)
    assert "B1, B2, B6, B9" in reason.en and "混合学习环境" in reason.zh


def test_one_environment_from_before_means_it_and_the_simpler_ones():
    assert environments_up_to(HY) == {MM, HY} and environments_up_to(MM) == {MM}


ADMIN_OK = ChangeApproval(Role.SCHOOL_ADMIN, "调整任教学科")
T, SA = Role.TEACHER, Role.SCHOOL_ADMIN
NONE, DRAFT, CONFIRMED = SelectionStatus.NONE, SelectionStatus.DRAFT, SelectionStatus.CONFIRMED


@pytest.mark.parametrize(
    "role, status, day, approval, codes",
    [
        (T, NONE, date(2022, 4, 6), None, ["selection.window_not_open"]),
        (T, NONE, date(2022, 4, 7), None, []),
        (T, DRAFT, date(2022, 4, 13), None, []),  # the deadline day is still open
        (T, DRAFT, date(2022, 4, 14), None, ["selection.deadline_passed"]),
        # “未在规定时间内完成能力点选择的学员将默认由校级管理员代为选择”
        (SA, NONE, date(2022, 4, 10), None, ["selection.before_deadline"]),
        (SA, NONE, date(2022, 4, 14), None, []),
        (SA, DRAFT, date(2022, 4, 20), None, []),
        (Role.GROUP_LEADER, NONE, date(2022, 4, 8), None, ["selection.role_not_allowed"]),
        (Role.PROVINCIAL_REVIEWER, NONE, date(2022, 4, 8), None, ["selection.role_not_allowed"]),
        # “不可随意改动…如果有改动必须上报给学校管理员进行确认”
        (T, CONFIRMED, date(2022, 4, 8), None, ["selection.change_needs_approval"]),
        (T, CONFIRMED, date(2022, 5, 8), ADMIN_OK, []),
        (SA, CONFIRMED, date(2022, 5, 8), ADMIN_OK, []),
        (SA, CONFIRMED, date(2022, 5, 8), ChangeApproval(SA, "  "), ["selection.approval_reason_missing"]),
        (
            T,
            CONFIRMED,
            date(2022, 5, 8),
            ChangeApproval(Role.GROUP_LEADER, ""),
            ["selection.approver_not_admin", "selection.approval_reason_missing"],
        ),
    ],
)
def test_who_may_choose_when(role, status, day, approval, codes):
    found = check_selection_authority(actor_role=role, status=status, window=WINDOW, today=day, approval=approval)
    assert [r.code for r in found] == codes
