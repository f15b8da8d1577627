"""A teacher's overall result across their chosen points, and a school's 能力点作业通过率.

Seed 001 §六.1 assesses the 学员, not a single work: “学员考核为合格的由校级管理员在系统内记录,
考核为优秀的由校级管理员将该学员应用成果上传至平台”, and §六.2 “必须提交规定的合格的材料,才认定
线下考核合格”. Seed 000 §二.5 assesses the school by, among others, “教师能力点作业通过率”.

The result reads the current state of the submission for each point of the teacher's
*confirmed* selection (``domain.workflow.VERDICTS`` says which level each state stands for):

- 合格 (PASS) when every chosen point passes (合格 or 优秀; a province's 降等 leaves 合格).
- 优秀 (EXCELLENT) when every point passes and the rule in force holds (``ExcellentRule``).
- 不合格 (FAIL) when some point's failure can no longer change. In the workflow a 不合格 grade
  is not the end: its author may revise and resubmit it (``scored_fail → resubmitted``), exactly
  like returned work, and the seeds expect work to be handed in again (001 §四.6 “需要重新提交”).
  So while the assessment is open a 不合格 point is *in progress* (the teacher's move), and
  calling the teacher 不合格 then would tell them to stop when the rules say go on. A failure
  becomes final only when the assessment closes (seed 001: “到2022年底,全部完成能力提升2.0考核
  任务”; the date is ``KEJIAN_REVIEW_ASSESSMENT_CLOSES_ON``): then a 不合格 grade stands, and so
  does work the teacher never handed in or never fixed. One final failure decides the result
  whatever else is still pending, since nothing pending can make every point pass.
- In progress (IN_PROGRESS) otherwise, with what is missing per point: no selection, not
  confirmed, no work, a draft, awaiting grading, returned to fix, 不合格 but still revisable.
  Work awaiting its grade stays in progress even after the close: that move is the reviewer's.

Which 优秀 rule (``KEJIAN_REVIEW_TEACHER_EXCELLENT_RULE``)? The seeds never say "every point".
Seed 001 counts 优秀 *videos* against *people* (“优秀视频数不少于本组总人数的30%”, “视频总数为该校
专任教师数 30%以上”) and has the school upload “该学员应用成果” for each 学员 assessed 优秀: one
优秀 work stands for one 优秀 学员. So the default is ``any_point`` (every point passes and at
least one is 优秀), the weakest rule under which every 优秀 学员 has 优秀 work to upload.
``all_points`` is the strict reading by analogy with the spec's point rule (a point is 优秀
only if every item is, ``domain.grading``). ``forwarded`` reads 001 as "优秀 is what the school
handed up", but the seed puts the assessment first and the upload after it (“考核为优秀的…上传”),
so it is offered for a province that wants the school's act to decide, not as the default.

能力点作业通过率 (seed 000) is the school's: points passed ÷ points chosen, over the confirmed
selections of the school's current teachers (``pass_rate``). A point counts as chosen from the
moment its selection is confirmed, so work not yet handed in lowers the rate; that is what the
seed measures (作业 that passed, of all 作业 due). The seed asks for no per-teacher rate: a
teacher's own figure is “k of n points passed”, which every result carries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from fractions import Fraction

from domain import teacher_result_reasons as tr
from domain.grading import Level
from domain.reasons import Reason
from domain.school_setup import SelectionStatus
from domain.workflow import EXCELLENT_STATES, REACHED_PROVINCE, VERDICTS, State


class Result(str, Enum):
    IN_PROGRESS = "in_progress"
    PASS = "pass"
    EXCELLENT = "excellent"
    FAIL = "fail"


RESULT_LABELS = {
    Result.IN_PROGRESS: ("进行中", "in progress"),
    Result.PASS: ("合格", "pass"),
    Result.EXCELLENT: ("优秀", "excellent"),
    Result.FAIL: ("不合格", "fail"),
}


class ExcellentRule(str, Enum):
    ALL_POINTS = "all_points"  # every chosen point 优秀
    ANY_POINT = "any_point"  # every point passes, at least one 优秀 (the default, see above)
    FORWARDED = "forwarded"  # every point passes, and the school handed some 优秀 work up


_PASSING = frozenset({Level.PASS, Level.EXCELLENT})
# 优秀 work the school forwarded and the province has not downgraded.
_HANDED_UP = EXCELLENT_STATES & REACHED_PROVINCE
# What each unsettled state waits for while the assessment is open.
_OPEN_REASONS = {
    None: tr.NO_WORK,
    State.DRAFT: tr.DRAFT,
    State.SUBMITTED: tr.AWAITING_GRADE,
    State.RESUBMITTED: tr.AWAITING_GRADE,
    State.RETURNED: tr.RETURNED,
    State.SCORED_FAIL: tr.FAILED_REVISABLE,
}
# The reviewer's move: the close does not turn it into the teacher's failure.
_REVIEWERS_MOVE = frozenset({State.SUBMITTED, State.RESUBMITTED})


@dataclass(frozen=True)
class PointResult:
    """One chosen point: its work's state and level, and what it still needs (None when settled)."""

    code: str
    state: State | None
    level: Level | None
    reason: Reason | None = None
    final_fail: bool = False

    @property
    def passed(self) -> bool:
        return self.level in _PASSING


@dataclass(frozen=True)
class TeacherResult:
    result: Result
    points: tuple[PointResult, ...]
    reasons: tuple[Reason, ...]  # what is missing (in progress) or why it failed (不合格)

    @property
    def chosen(self) -> int:
        return len(self.points)

    @property
    def passed(self) -> int:
        return sum(1 for p in self.points if p.passed)

    @property
    def excellent(self) -> int:
        return sum(1 for p in self.points if p.level is Level.EXCELLENT)


def closed_on(closes_on: date | None, today: date) -> date | None:
    """The closing date once the assessment has closed (the whole closing day still counts), else None."""
    return closes_on if closes_on is not None and today > closes_on else None


def teacher_result(
    *,
    selection_status: SelectionStatus,
    codes: Sequence[str],
    states: Mapping[str, State],
    rule: ExcellentRule,
    closed: date | None = None,
) -> TeacherResult:
    """The overall result from the selection and the state of the work for each point.

    ``states`` maps a point code to its submission's state (absent: no work yet); ``closed``
    is the day the assessment closed, or None while it is open (``closed_on``).
    """
    if selection_status is not SelectionStatus.CONFIRMED or not codes:
        if closed is not None:
            return TeacherResult(Result.FAIL, (), (tr.NO_POINTS_BY_CLOSE.format(closed=closed.isoformat()),))
        unconfirmed = selection_status is SelectionStatus.DRAFT and codes
        return TeacherResult(Result.IN_PROGRESS, (), (tr.SELECTION_NOT_CONFIRMED if unconfirmed else tr.NO_SELECTION,))
    points = tuple(_point(code, states.get(code), closed) for code in dict.fromkeys(codes))
    finals = tuple(p.reason for p in points if p.final_fail)
    if finals:
        return TeacherResult(Result.FAIL, points, finals)
    pending = tuple(p.reason for p in points if p.reason is not None)
    if pending:
        return TeacherResult(Result.IN_PROGRESS, points, pending)
    return TeacherResult(Result.EXCELLENT if _excellent(points, rule) else Result.PASS, points, ())


def _point(code: str, state: State | None, closed: date | None) -> PointResult:
    level = VERDICTS.get(state) if state is not None else None
    if level in _PASSING:
        return PointResult(code, state, level)
    if closed is not None and state not in _REVIEWERS_MOVE:
        final = tr.FAILED_FINAL if state is State.SCORED_FAIL else tr.NOT_DONE_BY_CLOSE
        return PointResult(code, state, level, final.format(code=code, closed=closed.isoformat()), final_fail=True)
    return PointResult(code, state, level, _OPEN_REASONS[state].format(code=code))


def _excellent(points: tuple[PointResult, ...], rule: ExcellentRule) -> bool:
    if rule is ExcellentRule.ALL_POINTS:
        return all(p.level is Level.EXCELLENT for p in points)
    if rule is ExcellentRule.ANY_POINT:
        return any(p.level is Level.EXCELLENT for p in points)
    return any(p.state in _HANDED_UP for p in points)


@dataclass(frozen=True)
class PassRate:
    """能力点作业通过率: points passed over points chosen (confirmed selections only)."""

    passed: int
    chosen: int

    @property
    def percent(self) -> float | None:
        """Rounded to one decimal for people; None when nobody has a confirmed selection yet."""
        if not self.chosen:
            return None
        return round(float(Fraction(self.passed * 100, self.chosen)), 1)


def pass_rate(results: Iterable[TeacherResult]) -> PassRate:
    results = list(results)
    return PassRate(sum(r.passed for r in results), sum(r.chosen for r in results))


def counts_by_result(results: Iterable[TeacherResult]) -> dict[Result, int]:
    """How many teachers have each result, every result present (zero included)."""
    found = Counter(r.result for r in results)
    return {result: found[result] for result in Result}
