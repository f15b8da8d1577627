"""The provincial reviewer's list: every work that reached the province, filtered and paged.

Paging is by keyset (``after`` the last id seen), so a page stays right while other reviewers
move work between states; ``total`` counts what the filter matches. Each row's flags and names
come from one SELECT (``repository.works_page``), and ``allowed_actions`` from one query for
the page's leaders.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from api.errors import Forbidden, Unprocessable
from api.review.province import repository
from api.review.province.repository import WorkFilters, WorkRow
from api.review.province.schemas import FiltersOut, SchoolOption, WorkOut, WorksPage
from api.review.submissions import repository as submission_rows
from api.review.submissions import service as submissions
from db.session import transaction
from domain import reasons
from domain.roles import Actor, Role
from domain.workflow import REACHED_PROVINCE, VERDICTS, State, allowed_actions

PROVINCE_READERS = frozenset({Role.PROVINCIAL_REVIEWER, Role.ADMIN})
# The order the reviewer reads the states in: waiting, drawn, then judged.
STATE_ORDER = (State.FORWARDED, State.SAMPLED, State.CONFIRMED, State.DOWNGRADED)


def require_reader(actor: Actor) -> None:
    if actor.role not in PROVINCE_READERS:
        raise Forbidden()


def require_reached(state: State) -> None:
    """Only the states of work that reached the province (422 otherwise)."""
    if state not in REACHED_PROVINCE:
        allowed = ", ".join(s.value for s in STATE_ORDER)
        raise Unprocessable(reasons.INVALID_REQUEST.format(detail=f"state: one of {allowed}"))


def work_out(actor: Actor, row: WorkRow, leaders: set[int]) -> WorkOut:
    s, t = row.submission, row.teacher
    state = State(s.state)
    authorship = submissions.authorship(actor, t, leaders=leaders)
    return WorkOut(
        id=s.id,
        teacher_id=t.id,
        teacher_name=t.name,
        school_id=t.school_id,
        school_name=row.school_name,
        group_id=t.group_id,
        group_name=row.group_name,
        subject=t.subject,
        capability_code=s.capability_code,
        state=s.state,
        verdict=VERDICTS[state].value,
        checks_ok=row.checks_ok,
        duplicate_flagged=row.duplicate_flagged,
        accepted_despite_checks=row.accepted_despite_checks,
        handed_over=row.handed_over,
        sampling_round_id=s.sampling_round_id,
        updated_at=s.updated_at,
        version=s.version,
        allowed_actions=[a.value for a in allowed_actions(state, actor.role, authorship)],
    )


def page(
    session: Session, actor: Actor, filters: WorkFilters, *, after: int | None, limit: int, count: bool = True
) -> WorksPage:
    """A page of the works the filter matches, oldest first, and how many match in all (unless not
    ``count``: a count joins every matching work, 0.2-1 s on the generated province for a filter on the
    teacher or the lesson, and the next page of the same filters does not need it again)."""
    require_reader(actor)
    rows = repository.works_page(session, filters, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    leaders = submission_rows.leaders_among(session, {r.teacher.id for r in rows})
    return WorksPage(
        items=[work_out(actor, r, leaders) for r in rows],
        total=repository.works_total(session, filters) if count else None,
        next_after=rows[-1].submission.id if more else None,
    )


def filters(sessions: sessionmaker[Session]) -> FiltersOut:
    """What the dropdowns offer: the schools, subjects and points present in the province's work.

    In a session of its own, so it can be worked out again after an answer (``api.shared.ttl_memo``).
    The caller checks the reader first."""
    with transaction(sessions) as session:
        schools, subjects, points = repository.filter_values(session)
    return FiltersOut(
        schools=[SchoolOption(id=i, name=n) for i, n in schools],
        subjects=subjects,
        points=points,
        states=[s.value for s in STATE_ORDER if s in REACHED_PROVINCE],
        verdicts=["excellent", "pass"],
    )
