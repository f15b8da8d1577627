"""The 学时 ledger: a teacher's online, practice and assessment hours, what is held and whether they completed.

What the seeds say, and what each rule here reads from them:

- Seed 001 §四: “每位教师培训不少于50学时。其中…线上课程学习不少于25学时;线下实践应用不少于25学时”
  — the default requirement (``PROFILES["seed001"]``: 25 + 25, no separate assessment hours).
- Seed 000 §二.5: “每人完成不少于 60 学时…其中网络课程研究 30 学时、校本实践 25学时、校本应用考核 5 学时”
  — the option ``PROFILES["seed000"]`` (30 + 25 + 5).
- Seed 002 §四.2: online-teaching courses (“在线教学”相关的专题课程) count “10学时以内” toward the
  programme: the ``online_teaching`` kind counts at most ``online_teaching_cap`` (10) hours, on the
  online side; more is recorded but not counted.
- Seed 001 §四.6: “研修期间还需…对系统推送的其他学员能力点研修视频进行观看与点评。线下实践应用成果提交
  与学习点评都完成后方可获取线下实践应用学时” — practice hours are *held* (earned, shown, not counted)
  while any pushed peer video is not yet watched and commented, and while the work for the chosen
  points is not all handed in. Nothing pushed is nothing pending: a teacher the system has pushed no
  peer video to is not held for it.
- Practice hours are earned per activity (``PracticeRates``, settings): a group session attended
  (a participant seen on camera, or listed in a session the leader accepted), a pushed peer video
  whose watching counted (seed 004 counts lessons observed as practice: “每学期听课至少20节作为线下研究
  学时”, one 节 one hour by default), a comment with a rating on it (seed 004 观课议课 “给出评价等级”),
  and each chosen point passed (the practice application work itself). The seeds give no hours per
  activity; the defaults are ours and every one is a setting.
- Assessment hours (seed 000's 校本应用考核) are earned when the points pass: the school-based
  application assessment *is* the assessment of the points (``domain.teacher_result``).
- Completion (issue 20 item 6): every required part reached and the points pass (合格 or 优秀).

Hours are decimals with two places (``hours``), so sums never read 24.999999.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from domain import training_hours_reasons as hr
from domain.reasons import Reason
from domain.workflow import State


class HourKind(str, Enum):
    ONLINE = "online"  # 网络研修 / 线上课程 (seed 001, 002)
    ONLINE_TEACHING = "online_teaching"  # 在线教学专题课程, capped (seed 002 “10学时以内”)


def hours(value: float) -> float:
    """Hours as people read them: two decimal places."""
    return round(float(value) + 0.0, 2)


@dataclass(frozen=True)
class Requirement:
    """The hours a teacher must reach in each part."""

    online: float
    practice: float
    assessment: float = 0.0

    @property
    def total(self) -> float:
        return hours(self.online + self.practice + self.assessment)


PROFILES: Mapping[str, Requirement] = {
    "seed001": Requirement(online=25, practice=25, assessment=0),  # “不少于50学时…25…25”
    "seed000": Requirement(online=30, practice=25, assessment=5),  # “60 学时…30…25…5”
}


@dataclass(frozen=True)
class PracticeRates:
    """Practice hours per activity (settings; the seeds give none)."""

    session: float = 2.0  # a group session (教研活动) attended
    peer_view: float = 1.0  # a pushed peer video watched (seed 004: a lesson observed, 一节)
    peer_comment: float = 1.0  # a comment with a rating on a peer video (观课议课)
    point_passed: float = 5.0  # a chosen point's work passed (the practice application itself)


@dataclass(frozen=True)
class PeerWork:
    """The teacher's pushed peer videos: how many, watched so that it counted, commented, still pending."""

    assigned: int = 0
    counted_views: int = 0
    comments: int = 0
    pending: int = 0


@dataclass(frozen=True)
class Activities:
    """What the teacher did that earns practice hours, and the state of their points."""

    sessions_attended: int = 0
    peer: PeerWork = field(default_factory=PeerWork)
    points_passed: int = 0
    work_all_submitted: bool = False  # every chosen point's work handed in (seed 001 “成果提交”)
    points_pass: bool = False  # the overall result is 合格 or 优秀
    result_zh: str = "进行中"
    result_en: str = "in progress"


@dataclass(frozen=True)
class OnlineHours:
    online: float  # 网络研修 hours as imported
    teaching_recorded: float  # 在线教学 hours as imported
    teaching_counted: float  # of which counted (at most the cap)

    @property
    def counted(self) -> float:
        return hours(self.online + self.teaching_counted)


def online_hours(entries: Iterable[tuple[HourKind, float]], *, online_teaching_cap: float) -> OnlineHours:
    """The online part: every online course, plus online-teaching courses up to the cap (seed 002)."""
    online = teaching = 0.0
    for kind, value in entries:
        if HourKind(kind) is HourKind.ONLINE_TEACHING:
            teaching += value
        else:
            online += value
    return OnlineHours(hours(online), hours(teaching), hours(min(teaching, online_teaching_cap)))


@dataclass(frozen=True)
class PracticeParts:
    """Practice hours earned, by activity."""

    sessions: float
    peer_views: float
    peer_comments: float
    points: float

    @property
    def total(self) -> float:
        return hours(self.sessions + self.peer_views + self.peer_comments + self.points)


def practice_parts(activities: Activities, rates: PracticeRates) -> PracticeParts:
    return PracticeParts(
        sessions=hours(activities.sessions_attended * rates.session),
        peer_views=hours(activities.peer.counted_views * rates.peer_view),
        peer_comments=hours(activities.peer.comments * rates.peer_comment),
        points=hours(activities.points_passed * rates.point_passed),
    )


def session_attended(*, counts: bool, listed: bool, seen: bool, accepted: bool, signed_in: bool = False) -> bool:
    """A group session earns a participant hours when it counts and they are on its sign-in sheet.

    The sheet (``domain.session_record``, seed 001 “点名签到”): seen on camera, signed in by hand by
    the leader with a note, or vouched for by the leader's acceptance of the session (issue 16).
    """
    return counts and listed and (seen or signed_in or accepted)


# Work the teacher has not handed in (or must hand in again): seed 001's “成果提交” is not done.
_NOT_HANDED_IN = frozenset({State.DRAFT, State.RETURNED})


def work_handed_in(states: Iterable[State | None]) -> bool:
    """Whether the work of every chosen point is handed in (no point chosen: nothing is)."""
    states = list(states)
    return bool(states) and all(s is not None and s not in _NOT_HANDED_IN for s in states)


@dataclass(frozen=True)
class Ledger:
    online: OnlineHours
    practice_earned: PracticeParts
    practice: float  # counted: 0 while held
    practice_held: float  # earned but held
    assessment: float
    required: Requirement
    held: tuple[Reason, ...]
    missing: tuple[Reason, ...]  # what is still short (empty when complete)
    complete: bool


def ledger(
    *,
    online: OnlineHours,
    activities: Activities,
    required: Requirement,
    rates: PracticeRates,
) -> Ledger:
    """A teacher's hours against the requirement, what is held and why, and whether they completed."""
    parts = practice_parts(activities, rates)
    earned = parts.total
    held: list[Reason] = []
    amount = _held_amount(earned)
    if activities.peer.pending > 0:
        held.append(hr.HELD_PEER_REVIEWS.format(**amount, pending=activities.peer.pending))
    if not activities.work_all_submitted:
        held.append(hr.HELD_WORK_NOT_SUBMITTED.format(**amount))
    practice = 0.0 if held else earned
    assessment = required.assessment if activities.points_pass else 0.0
    missing = _missing(online.counted, practice, assessment, required, activities)
    return Ledger(
        online=online,
        practice_earned=parts,
        practice=hours(practice),
        practice_held=hours(earned if held else 0.0),
        assessment=hours(assessment),
        required=required,
        held=tuple(held),
        missing=tuple(missing),
        complete=not missing,
    )


def _missing(
    online: float, practice: float, assessment: float, required: Requirement, activities: Activities
) -> list[Reason]:
    found = []
    if online < required.online:
        found.append(_short(hr.SHORT_ONLINE, online, required.online))
    if practice < required.practice:
        found.append(_short(hr.SHORT_PRACTICE, practice, required.practice))
    if assessment < required.assessment:
        found.append(hr.SHORT_ASSESSMENT.format(have=_text(assessment), need=_text(required.assessment)))
    if not activities.points_pass:
        found.append(hr.POINTS_NOT_PASSED.format(result=activities.result_zh, result_en=activities.result_en))
    return found


def _short(reason: Reason, have: float, need: float) -> Reason:
    return reason.format(have=_text(have), need=_text(need), missing=_text(hours(need - have)))


def _held_amount(earned: float) -> dict[str, str]:
    """How a held reason names the hours: "线下实践应用 21 学时" / "21 practice hours are", or no number
    while nothing is earned yet (the teacher still learns what will hold them back, not "0 held")."""
    if earned > 0:
        return {"hours_zh": f" {_text(earned)} ", "held_en": f"{_text(earned)} practice hours are"}
    return {"hours_zh": "", "held_en": "Practice hours are"}


def _text(value: float) -> str:
    """``25`` not ``25.0``; ``12.5`` as it is."""
    return f"{hours(value):g}"


# Province: completion by cohort year against seed 002's plan ----------------------------------


def parse_plan(text: str) -> dict[int, float]:
    """``"2020:30,2021:50,2022:20"`` → {2020: 30.0, …}; percentages that must sum to 100."""
    plan: dict[int, float] = {}
    for part in text.split(","):
        year, _, percent = part.strip().partition(":")
        if not year or not percent:
            raise ValueError(f"cohort plan entry {part!r} is not YEAR:PERCENT")
        plan[int(year)] = float(percent)
    if abs(sum(plan.values()) - 100.0) > 1e-6:
        raise ValueError(f"cohort plan percentages sum to {sum(plan.values()):g}, not 100")
    return dict(sorted(plan.items()))


@dataclass(frozen=True)
class CohortLine:
    year: int
    planned_percent: float
    planned: int  # teachers the plan puts in this cohort (of all teachers)
    assigned: int  # teachers whose cohort year is this
    completed: int  # of those, complete


def cohort_lines(
    plan: Mapping[int, float], *, total_teachers: int, cohorts: Mapping[int | None, tuple[int, int]]
) -> list[CohortLine]:
    """Seed 002's “2020年、2021年、2022年分别完成…总数30%、50%、20%” against the teachers' cohorts.

    ``cohorts`` maps a cohort year (None: not yet assigned) to (teachers, completed). The planned
    number is rounded half up; a year outside the plan appears with 0 planned.
    """
    years = sorted(set(plan) | {y for y in cohorts if y is not None})
    return [
        CohortLine(
            year=year,
            planned_percent=plan.get(year, 0.0),
            planned=int(total_teachers * plan.get(year, 0.0) / 100 + 0.5),
            assigned=cohorts.get(year, (0, 0))[0],
            completed=cohorts.get(year, (0, 0))[1],
        )
        for year in years
    ]
