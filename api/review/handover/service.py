"""The school's hand-over to the province (学校提交, ``domain.school_handover``).

The school admin hands over once the school's forwarded, still-优秀 work reaches 30% of its
专任教师 and covers every subject they teach; until then the status and the refusal both list
what is missing, with the 优秀 still waiting to be forwarded. A hand-over is made once and is
not withdrawn: later forwards only add, and a downgrade by the province shows in ``since``.
The school's row lock serialises two clicks at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict
from api.review.handover import package as handover_package
from api.review.handover import repository
from api.review.handover.schemas import HandoverOut, SinceOut, SubjectCountOut
from api.review.quotas import service as quotas
from api.shared import audit, refusals
from api.shared.access import EVERYWHERE, school_for
from api.shared.schemas import reasons_out
from db.base import utcnow
from db.models import School, SchoolHandover
from db.state import apply, current
from domain import handover_reasons as hr
from domain.roles import Actor, Role
from domain.school_handover import HANDOVERS, HandoverEvent, Readiness, Since, may_hand_over, refusal
from domain.school_time import minute_text

READERS = EVERYWHERE | {Role.SCHOOL_ADMIN}
_HANDERS = frozenset({Role.SCHOOL_ADMIN})


def _since(session: Session, school_id: int, row: SchoolHandover | None, found: Readiness) -> Since | None:
    if row is None or row.handed_over_at is None:
        return None
    return Since(
        at_hand_over=row.excellent_count or 0,
        now=found.quota.excellent_count,
        downgraded=repository.downgraded_since(session, school_id, row.handed_over_at),
        forwarded=repository.forwarded_since(session, school_id, row.handed_over_at),
    )


def _out(session: Session, ctx: AppContext, school: School, row: SchoolHandover | None) -> HandoverOut:
    subjects, counted, found = quotas.school_readiness(session, ctx.settings, school.id)
    quota = found.quota
    since = _since(session, school.id, row, found)
    return HandoverOut(
        school_id=school.id,
        school_name=school.name,
        state=row.state if row is not None else HANDOVERS.initial.value,
        handed_over_at=row.handed_over_at if row is not None else None,
        handed_over_by=row.handed_over_by if row is not None else None,
        handed_over_by_name=repository.user_name(session, row.handed_over_by) if row is not None else None,
        full_time_teachers=quota.full_time_teachers,
        excellent_percent=ctx.settings.review_school_excellent_percent,
        required_excellent=quota.required_excellent,
        excellent_count=quota.excellent_count,
        missing_excellent=quota.missing_excellent,
        awaiting_forward=found.awaiting_forward,
        subjects_taught=subjects,
        by_subject=[SubjectCountOut(subject=s, count=counted.get(s, 0)) for s in _subjects(subjects, counted)],
        uncovered_subjects=list(quota.uncovered_subjects),
        ready=found.ready,
        missing=reasons_out(found.missing),
        since=SinceOut(
            excellent_at_hand_over=since.at_hand_over,
            excellent_now=since.now,
            change=since.change,
            downgraded=since.downgraded,
            forwarded=since.forwarded,
        )
        if since is not None
        else None,
        version=row.version if row is not None else 0,
    )


def _subjects(taught: list[str], counted) -> list[str]:
    """The subjects taught, then any other subject with counted work (a part-time teacher's)."""
    return [*taught, *sorted(s for s in counted if s not in taught)]


def status(session: Session, ctx: AppContext, actor: Actor, school_id: int) -> HandoverOut:
    school = school_for(session, actor, school_id, allowed=READERS)
    return _out(session, ctx, school, repository.handover(session, school.id))


def hand_over(session: Session, ctx: AppContext, actor: Actor, school_id: int) -> HandoverOut:
    """The school admin hands the school's 优秀 work over; 409 saying what is missing, or that it was done."""
    school = school_for(session, actor, school_id, allowed=_HANDERS)
    row = repository.lock(session, school.id)
    state = current(row, HANDOVERS) if row is not None else HANDOVERS.initial
    if not may_hand_over(state):
        raise Conflict(hr.ALREADY_HANDED_OVER.format(at=minute_text(row.handed_over_at, ctx.settings.zone)))
    _, _, found = quotas.school_readiness(session, ctx.settings, school.id)
    if not found.ready:
        raise Conflict(refusal(found), extra=refusals.violations(found.missing))
    if row is None:
        row = SchoolHandover(school_id=school.id, state=HANDOVERS.initial.value)
        session.add(row)
    step = apply(row, HANDOVERS, HandoverEvent.HAND_OVER)
    row.handed_over_at, row.handed_over_by = utcnow(), actor.user_id
    row.excellent_count, row.full_time_teachers = found.quota.excellent_count, found.quota.full_time_teachers
    refusals.flush(session)
    audit.record_move(session, actor, ("school", school.id), HandoverEvent.HAND_OVER, step)
    return _out(session, ctx, school, row)


def state_of(session: Session, school_id: int) -> str:
    """The school's hand-over state (the desk's 待办 card reads it)."""
    row = repository.handover(session, school_id)
    return row.state if row is not None else HANDOVERS.initial.value


def package(
    session: Session, ctx: AppContext, actor: Actor, school_id: int, *, now: datetime
) -> tuple[bytes, tuple[str, str]]:
    """The ZIP for the provincial platform and its (name, ASCII fallback); a draft before the hand-over."""
    school = school_for(session, actor, school_id, allowed=READERS)
    out = _out(session, ctx, school, repository.handover(session, school.id))
    data = handover_package.build(session, ctx, out, school_code=school.code, now=now)
    return data, handover_package.filenames(out, now, ctx)
