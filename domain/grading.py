"""The levels of the national spec, the rule that combines them, and a school's numeric score.

《校本应用考核规范》 使用说明 (../shared/domain/CATALOG.md §1): each core evidence item is
优秀 / 合格 / 不合格 by checklists, a work must meet *all* criteria of a level to get it; the
point is 优秀 only if every item is 优秀 and 不合格 if any item is below 合格 (else 合格).
Seed 004 §五.5 adds numbers where a school uses them: “考核要在60分以上即合格” (50岁以上),
“60-80分” (50-40岁), “80分以上” (40岁以下). No seed states an 优秀 score; the line is a setting.
Grading a point criterion by criterion with these building blocks is ``domain.rubric_grading``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Level(str, Enum):
    EXCELLENT = "excellent"  # 优秀
    PASS = "pass"  # 合格
    FAIL = "fail"  # 不合格

    @property
    def zh(self) -> str:
        return {"excellent": "优秀", "pass": "合格", "fail": "不合格"}[self.value]


def combine_item_levels(levels: Iterable[Level]) -> Level:
    """优秀 only if every item is 优秀; 不合格 if any item is 不合格; otherwise 合格."""
    levels = list(levels)
    if not levels:
        raise ValueError("a point needs at least one graded item")
    if any(level is Level.FAIL for level in levels):
        return Level.FAIL
    if all(level is Level.EXCELLENT for level in levels):
        return Level.EXCELLENT
    return Level.PASS


def score_level(score: float, *, pass_line: float, excellent_line: float) -> Level:
    """Seed 004 “60分以上即合格”: a score equal to a line reaches it (以上 includes the number)."""
    if score >= excellent_line:
        return Level.EXCELLENT
    return Level.PASS if score >= pass_line else Level.FAIL


def check_score_lines(*, pass_lines: Iterable[float], excellent_line: float, max_score: float) -> None:
    """Refuse a configuration where a band could never be 合格 or no score could be 优秀."""
    for line in pass_lines:
        if not 0 <= line < excellent_line <= max_score:
            raise ValueError(f"need 0 <= pass line ({line}) < excellent line ({excellent_line}) <= max ({max_score})")
