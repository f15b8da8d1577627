"""Every query the province's side makes: its works with their flags, the filters' values, the
candidates of a round, the rounds, and the reviews.

A work's flags are columns of one SELECT (joins and EXISTS), never a query per row:

- ``duplicate``: its lesson recording was flagged as a near-copy;
- ``accepted_despite_checks``: graded 优秀 although its lesson recording failed a check, or its
  group's session was counted on the leader's word (accepted, checks failed: the same test as
  ``GET /api/recordings?accepted_despite_checks``);
- ``handed_over``: its school has handed over (``domain.school_handover``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy import (
    ColumnElement,
    case,
    exists,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from db import bulk
from db.models import (
    ProvinceReview,
    Recording,
    ResearchGroup,
    SamplingRound,
    School,
    SchoolHandover,
    Submission,
    Teacher,
    User,
)
from domain.recordings import RecordingKind
from domain.school_handover import HandoverState
from domain.workflow import EXCELLENT_STATES, REACHED_PROVINCE, State

REACHED = sorted(s.value for s in REACHED_PROVINCE)
_ROUNDS_LOCK = 0x6B6A_5352  # "kjSR": the advisory lock of sampling rounds (``take_turns``)
_LESSON = aliased(Recording, name="work_recording")
_GROUP_SESSION = aliased(Recording, name="group_recording")


@dataclass(frozen=True)
class WorkFilters:
    school_id: int | None = None
    subject: str | None = None
    capability_code: str | None = None
    state: State | None = None
    verdict: str | None = None  # "excellent" | "pass"
    accepted_despite_checks: bool | None = None
    duplicate: bool | None = None
    round_id: int | None = None
    handed_over: bool | None = None


def _session_accepted() -> ColumnElement[bool]:
    """The work's group has a session counted on the leader's word (accepted, checks failed)."""
    return exists().where(
        _GROUP_SESSION.kind == RecordingKind.GROUP_SESSION.value,
        _GROUP_SESSION.group_id == Teacher.group_id,
        _GROUP_SESSION.accepted_at.is_not(None),
        _GROUP_SESSION.checks_ok.is_(False),
    )


def accepted_despite_checks() -> ColumnElement[bool]:
    """Over ``Submission`` ⋈ ``Teacher`` ⟕ lesson: 优秀 over failed checks, or a session on the leader's word.

    Every work that reached the province was graded 优秀 by its leader, so the lesson's failed
    checks are enough for the first half.
    """
    return or_(_LESSON.checks_ok.is_(False), _session_accepted())


def duplicate_flag() -> ColumnElement[bool]:
    return func.coalesce(_LESSON.duplicate_flagged, false())


def handed_over(school_id) -> ColumnElement[bool]:
    return exists().where(
        SchoolHandover.school_id == school_id, SchoolHandover.state == HandoverState.HANDED_OVER.value
    )


def _joined(*columns):
    return (
        select(*columns)
        .select_from(Submission)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .outerjoin(ResearchGroup, ResearchGroup.id == Teacher.group_id)
        .outerjoin(_LESSON, _LESSON.id == Submission.recording_id)
        .where(Submission.state.in_(REACHED))
    )


def _filtered(query, f: WorkFilters, *, subject=Submission.subject):
    """``subject``: the column the subject filter reads, the work's own (kept equal to its author's)
    unless the query joins the authors anyway and is better steered through theirs."""
    if f.school_id is not None:
        query = query.where(Submission.school_id == f.school_id)
    if f.subject is not None:
        query = query.where(subject == f.subject)
    if f.capability_code is not None:
        query = query.where(Submission.capability_code == f.capability_code.strip().upper())
    if f.state is not None:
        query = query.where(Submission.state == f.state.value)
    if f.verdict is not None:
        excellent = Submission.state.in_(sorted(s.value for s in EXCELLENT_STATES))
        query = query.where(excellent if f.verdict == "excellent" else ~excellent)
    if f.accepted_despite_checks is not None:
        flagged = accepted_despite_checks()
        query = query.where(flagged if f.accepted_despite_checks else ~flagged)
    if f.duplicate is not None:
        query = query.where(duplicate_flag().is_(True) if f.duplicate else duplicate_flag().is_(False))
    if f.round_id is not None:
        query = query.where(Submission.sampling_round_id == f.round_id)
    if f.handed_over is not None:
        over = handed_over(Submission.school_id)
        query = query.where(over if f.handed_over else ~over)
    return query


@dataclass(frozen=True)
class WorkRow:
    submission: Submission
    teacher: Teacher
    school_name: str
    group_name: str | None
    checks_ok: bool | None
    duplicate_flagged: bool
    accepted_despite_checks: bool
    handed_over: bool


def works_page(session: Session, filters: WorkFilters, *, after: int | None, limit: int) -> list[WorkRow]:
    """Up to ``limit`` works after the id ``after`` (keyset: id ascending), each with its flags."""
    query = _joined(
        Submission,
        Teacher,
        School.name,
        ResearchGroup.name,
        _LESSON.checks_ok,
        duplicate_flag(),
        accepted_despite_checks(),
        handed_over(Teacher.school_id),
    )
    # The page joins the authors for their names: filtered through the teachers' subject index it is
    # reached by nested loops at every size, where the works' column let a small province hash them all.
    query = _filtered(query, filters, subject=Teacher.subject)
    if after is not None:
        query = query.where(Submission.id > after)
    rows = session.execute(query.order_by(Submission.id).limit(limit)).tuples()
    return [
        WorkRow(s, t, school, group, ok, bool(dup), bool(acc), bool(over))
        for s, t, school, group, ok, dup, acc, over in rows
    ]


def works_total(session: Session, filters: WorkFilters) -> int:
    """How many works the filter matches, joining only what its filters read: the works alone (their
    author's subject is on the row), the authors for a session's acceptance, the lesson for its
    flags (the page's joins took 0.4 s). The state index carries the point, author and lesson, the
    school and subject indexes the state (migrations 0021, 0022, 0024), so a count reads indexes
    only: count(*), since counting the id visited every row (158 against 23 ms for all 374,000). A
    flagged lesson is found from the few flagged recordings (``ix_recordings_duplicate``), not by
    joining every lesson."""
    query = select(func.count()).select_from(Submission).where(Submission.state.in_(REACHED))
    if filters.accepted_despite_checks is not None:
        query = query.join(Teacher, Teacher.id == Submission.teacher_id)
    if filters.duplicate:  # the flagged lessons (the partial index's own predicate), then their works
        query = query.join(_LESSON, _LESSON.id == Submission.recording_id).where(_LESSON.duplicate_flagged)
        filters = replace(filters, duplicate=None)  # said above, in the form the index answers
    elif filters.duplicate is not None or filters.accepted_despite_checks is not None:
        query = query.outerjoin(_LESSON, _LESSON.id == Submission.recording_id)
    return session.scalar(_filtered(query, filters)) or 0


def _each_subject():
    """The teachers' distinct subjects as a recursive CTE: the least, then the least above it, each
    one probe of ``ix_teachers_subject_id`` (a loose index scan), where DISTINCT reads every teacher."""
    step = aliased(Teacher, name="step")
    found = select(func.min(Teacher.subject).label("subject")).cte("subjects", recursive=True)
    above = select(func.min(step.subject)).where(step.subject > found.c.subject).scalar_subquery()
    found = found.union_all(select(above).where(found.c.subject.is_not(None)))
    return select(found.c.subject).where(found.c.subject.is_not(None)).subquery("subject")


def filter_values(session: Session) -> tuple[list[tuple[int, str]], list[str], list[str]]:
    """The schools (id, name), subjects and points of the work that reached the province.

    Each from indexes alone (a school's works by state; the works by state with their point and
    author; the teachers' subjects), not through the list's joins: 70 ms on the generated province
    instead of 0.7 s."""
    reached = Submission.state.in_(REACHED)
    present = exists().where(Submission.school_id == School.id, reached)
    schools = session.execute(select(School.id, School.name).where(present).order_by(School.id)).tuples()
    # Each subject asked whether any of its teachers' work reached it: its first such teacher, in the
    # subject index's order, so the planner walks that index rather than joining 374,000 works with
    # 300,000 teachers, as an EXISTS became (251 ms, now under 1 ms). The subjects step through the
    # same index, one probe each.
    subject = _each_subject()
    author = aliased(Teacher, name="author")
    first_with_work = (
        select(author.id)
        .join(Submission, Submission.teacher_id == author.id)
        .where(author.subject == subject.c.subject, reached)
        .order_by(author.id)
        .limit(1)
        .scalar_subquery()
    )
    subjects = session.scalars(
        select(subject.c.subject).where(first_with_work.is_not(None)).order_by(subject.c.subject)
    )
    codes = session.scalars(
        select(Submission.capability_code).where(reached).distinct().order_by(Submission.capability_code)
    )
    return list(schools), list(subjects), list(codes)


# Sampling rounds ----------------------------------------------------------------------------


class CandidateRow(NamedTuple):
    """A round's candidate, as ``domain.sampling`` reads it (a tuple: 100,000 of them are cheap)."""

    submission_id: int
    school_id: int
    school_name: str
    subject: str


def _forwarded(query):
    return query.where(Submission.state == State.FORWARDED.value)


def forwarded_count(session: Session) -> int:
    return session.scalar(_forwarded(select(func.count()).select_from(Submission))) or 0


def take_turns(session: Session) -> None:
    """Take, until commit, the lock that makes rounds drawn at once take turns; the second then reads
    the candidates the first left. One lock for the round, not a row lock on each of 100,000
    candidates (which took seconds); the drawn works' rows are locked as they move. SQLite needs
    none: a writing transaction already holds the database."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ROUNDS_LOCK})


def candidate_query(*columns):
    """Forwarded work of schools that handed over (a round's candidates), with ``columns``."""
    return _forwarded(
        select(*columns)
        .select_from(Submission)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(handed_over(Teacher.school_id))
    )


def candidates(session: Session) -> list[CandidateRow]:
    """A round's candidates, by id."""
    query = candidate_query(Submission.id, Teacher.school_id, School.name, Teacher.subject)
    query = query.join(School, School.id == Teacher.school_id).order_by(Submission.id)
    return list(map(CandidateRow._make, session.execute(query).tuples()))


class MovingWork(NamedTuple):
    """A drawn work as its move reads it (``transitions.plan_many``): plain values, as 13,000 ORM
    objects with their authors took half a second to build."""

    id: int
    state: str
    version: int
    teacher_id: int
    capability_code: str


class Author(NamedTuple):
    """A drawn work's teacher, as its move and its notices read them."""

    id: int
    school_id: int
    group_id: int | None
    name: str


def works_to_move(session: Session, ids: Iterable[int]) -> tuple[list[MovingWork], dict[int, Author]]:
    """The submissions by id, read under their row locks, and their authors by teacher id.

    Two queries, each by key: joined, the planner hashed all 300,000 teachers for every batch."""
    wanted = sorted(set(ids))
    if not wanted:
        return [], {}
    work = (Submission.id, Submission.state, Submission.version, Submission.teacher_id, Submission.capability_code)
    query = select(*work).where(bulk.ids_in(session, Submission.id, wanted)).order_by(Submission.id).with_for_update()
    works = list(map(MovingWork._make, session.execute(query).tuples()))
    teachers = {w.teacher_id for w in works}
    query = select(Teacher.id, Teacher.school_id, Teacher.group_id, Teacher.name)
    authors = map(Author._make, session.execute(query.where(bulk.ids_in(session, Teacher.id, teachers))).tuples())
    return works, {a.id: a for a in authors}


def drawn_works(session: Session, ids: Iterable[int]) -> list[tuple[int, str, str, str, str]]:
    """(id, teacher, school, subject, point) of each drawn work, in id order: who a round names."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = (
        select(Submission.id, Teacher.name, School.name, Teacher.subject, Submission.capability_code)
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .where(Submission.id.in_(wanted))
        .order_by(Submission.id)
    )
    return list(session.execute(query).tuples())


def rounds(session: Session, *, limit: int) -> list[SamplingRound]:
    return list(session.scalars(select(SamplingRound).order_by(SamplingRound.id.desc()).limit(limit)))


def round_(session: Session, round_id: int) -> SamplingRound | None:
    return session.get(SamplingRound, round_id)


def display_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).tuples().all())


# Risk signals -------------------------------------------------------------------------------


def school_signals(session: Session, school_ids: Iterable[int]) -> list[tuple[int, int, int, int, int]]:
    """Per school: (school_id, works that reached the province, downgraded, overridden, duplicates)."""
    ids = sorted(set(school_ids))
    if not ids:
        return []
    downgraded = func.sum(_case(Submission.state == State.DOWNGRADED.value))
    overridden = func.sum(_case(accepted_despite_checks()))
    duplicates = func.sum(_case(duplicate_flag().is_(True)))
    query = (
        _joined(Teacher.school_id, func.count(Submission.id), downgraded, overridden, duplicates)
        .where(Teacher.school_id.in_(ids))
        .group_by(Teacher.school_id)
    )
    return [(s, n, int(d or 0), int(o or 0), int(p or 0)) for s, n, d, o, p in session.execute(query).tuples()]


def _case(condition: ColumnElement[bool]):
    return case((condition, 1), else_=0)


# Reviews ------------------------------------------------------------------------------------


def add_review(session: Session, review: ProvinceReview) -> ProvinceReview:
    session.add(review)
    session.flush()
    return review


def reviews_of(session: Session, submission_id: int) -> list[ProvinceReview]:
    query = select(ProvinceReview).where(ProvinceReview.submission_id == submission_id).order_by(ProvinceReview.id)
    return list(session.scalars(query))
