"""Refusals of a school administrator's password reset, in Chinese and English."""

from __future__ import annotations

from domain.reasons import Reason

NO_ACCOUNT = Reason(
    "account.reset_no_account",
    "该教师还没有账号，无法重置密码；请先通过名单导入为其创建账号。",
    "This teacher has no account, so there is no password to reset; create one with a roster import first.",
)
NOT_A_TEACHER_ACCOUNT = Reason(
    "account.reset_not_teacher",
    "只能重置教师和教研组长账号的密码；该账号的角色是 {role}。",
    "Only teachers' and group leaders' passwords can be reset here; this account's role is {role}.",
)
