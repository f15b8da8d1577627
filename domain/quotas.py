"""The excellent quotas a research group and a school must meet.

Seed 001 §四.6: “要求本组提交的优秀视频数不少于本组总人数的30%,否则小组考核不合格,需要
重新提交”, and the leader hands in “其中1 份10分钟以上视频资料” of the group session.
Seed 001 §六.1: “每所学校上传的校级优秀视频资源需普及到每门学科,视频总数为该校专任教师数
30%以上”.

Rounding: “不少于” and “以上” both include the bound, and a count is whole, so the required
number is the ceiling of percent × headcount (10 → 3, 9 → 3, 7 → 3, 1 → 1; the school of
seed 001 with 49 专任教师 → 15). Arithmetic is exact (``Fraction``): 30% × 10 is 3, not 3.0000000000000004.
The counts are of 优秀 videos (submissions), as the seed words it, not of distinct teachers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from domain import review_reasons as rr
from domain.reasons import Reason


def required_excellent(headcount: int, *, percent: float) -> int:
    """The smallest whole count that is at least ``percent`` % of ``headcount``."""
    if headcount < 0 or percent < 0:
        raise ValueError("headcount and percent must not be negative")
    return math.ceil(Fraction(str(percent)) * headcount / 100)


class _QuotaOutcome:
    """What a group's and a school's quota results share: met when nothing is missing."""

    excellent_count: int
    required_excellent: int
    violations: tuple[Reason, ...]

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def missing_excellent(self) -> int:
        return max(0, self.required_excellent - self.excellent_count)


@dataclass(frozen=True)
class GroupQuota(_QuotaOutcome):
    headcount: int
    excellent_count: int
    required_excellent: int
    accepted_sessions: int
    required_sessions: int
    violations: tuple[Reason, ...]


def check_group_quota(
    *,
    headcount: int,
    excellent_count: int,
    accepted_sessions: int,
    excellent_percent: float,
    required_sessions: int,
) -> GroupQuota:
    """Whether a group may submit to the school, and exactly what is missing if not."""
    required = required_excellent(headcount, percent=excellent_percent)
    found: list[Reason] = []
    if excellent_count < required:
        found.append(
            rr.GROUP_EXCELLENT_SHORT.format(
                headcount=headcount,
                count=excellent_count,
                required=required,
                missing=required - excellent_count,
                percent=_percent_text(excellent_percent),
            )
        )
    if accepted_sessions < required_sessions:
        found.append(rr.GROUP_SESSION_MISSING.format(count=accepted_sessions, required=required_sessions))
    return GroupQuota(headcount, excellent_count, required, accepted_sessions, required_sessions, tuple(found))


@dataclass(frozen=True)
class SchoolQuota(_QuotaOutcome):
    full_time_teachers: int
    excellent_count: int
    required_excellent: int
    uncovered_subjects: tuple[str, ...]
    violations: tuple[Reason, ...]


def check_school_quota(
    *,
    full_time_teachers: int,
    excellent_by_subject: Mapping[str, int],
    subjects_taught: Iterable[str],
    excellent_percent: float,
) -> SchoolQuota:
    """30% of 专任教师 excellent overall, and at least one 优秀 in every subject taught."""
    count = sum(excellent_by_subject.values())
    required = required_excellent(full_time_teachers, percent=excellent_percent)
    uncovered = tuple(s for s in dict.fromkeys(subjects_taught) if excellent_by_subject.get(s, 0) < 1)
    found: list[Reason] = []
    if count < required:
        found.append(
            rr.SCHOOL_EXCELLENT_SHORT.format(
                teachers=full_time_teachers,
                count=count,
                required=required,
                missing=required - count,
                percent=_percent_text(excellent_percent),
            )
        )
    if uncovered:
        found.append(rr.SCHOOL_SUBJECTS_UNCOVERED.format(subjects="、".join(uncovered)))
    return SchoolQuota(full_time_teachers, count, required, uncovered, tuple(found))


def _percent_text(percent: float) -> str:
    return f"{percent:g}"
