"""Roster import: read, check every row, then write everything or nothing.

Any problem anywhere refuses the whole file (422, every row's problems listed) before a
single row is written. A dry run stops after planning, so it writes nothing and reports the
same counts a real import would. Re-importing updates teachers found by (school, 工号) and
never deletes anyone missing from the file.

New accounts: the username is the 工号, or ``{学校编码}-{工号}`` when another account has the
工号 already (``roster_plan``). Each gets a one-time password (``api.auth.passwords``: 120
random bits, so a light argon2id profile is enough, and 2,000 accounts hash in seconds rather
than minutes) that must be changed at first sign-in; the plain text appears only in this
import's report and is never stored or logged. Existing accounts keep theirs.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from datetime import date

from sqlalchemy.orm import Session

from api.auth.passwords import one_time_password
from api.errors import BadRequest, Unprocessable
from api.review.roster.plan import MANAGED_ROLES, Planner, TeacherPlan
from api.review.roster.read import read_table
from api.review.roster.rows import RowError, parse_rows
from api.review.roster.schemas import Counts, ImportReport, NewAccount, PhotoPlan
from api.shared import audit, refusals
from api.shared.access import ADMINS, require_role
from db.models import ResearchGroup, School, Teacher, User
from domain import review_admin_reasons as ar
from domain.roles import Actor

# Big enough for any school's roster (10 000 rows of CSV is about 1 MiB), small enough to parse
# in memory. A module constant rather than a setting until someone needs to change it.
MAX_ROSTER_BYTES = 5 * 1024 * 1024


def require_importer(actor: Actor) -> None:
    """Only administrators import: admins any school, school admins their own."""
    require_role(actor, ADMINS)


def import_roster(session: Session, actor: Actor, *, data: bytes, fmt: str, dry_run: bool, today: date) -> ImportReport:
    require_importer(actor)
    if not data:
        raise BadRequest(ar.ROSTER_EMPTY)
    table = read_table(data, fmt)
    rows, errors = parse_rows(table, today=today)
    planner = Planner(session, actor, table.headers)
    planner.plan(rows)
    errors = sorted([*errors, *planner.errors], key=lambda e: e.row or 0)  # stable: cells stay in order
    if errors:
        raise _refuse(errors)
    passwords = {} if dry_run else _apply(session, planner)
    report = _report(planner, fmt=fmt, dry_run=dry_run, passwords=passwords, ignored=table.ignored_columns)
    if not dry_run:
        _audit(session, actor, planner, report, digest=hashlib.sha256(data).hexdigest())
    return report


def _refuse(errors: list[RowError]) -> Unprocessable:
    return Unprocessable(
        ar.ROSTER_INVALID.format(count=len(errors)), extra={"row_errors": [e.as_dict() for e in errors]}
    )


def _apply(session: Session, planner: Planner) -> dict[int, str]:
    """Write the plan; returns the initial password of each new account by row number."""
    with refusals.conflicts_as_409():  # another import or edit got there first: nothing is kept
        for plan in planner.schools.values():
            if plan.school is None:
                plan.school = School(code=plan.code, name=plan.name, province=plan.province or "default")
                session.add(plan.school)
            elif plan.outcome == "updated":  # decided while planning
                plan.school.name = plan.name or plan.school.name
                plan.school.province = plan.province or plan.school.province
        session.flush()
        for group in planner.groups.values():
            if group.group is None:
                group.group = ResearchGroup(school_id=group.school.school.id, name=group.name, subject=group.subject)
                session.add(group.group)
        session.flush()
        for plan in planner.teachers:
            _write_teacher(session, plan)
        session.flush()
        passwords = {plan.row.row: _write_account(session, plan) for plan in planner.teachers}
        session.flush()
    return {row: password for row, password in passwords.items() if password}


def _write_teacher(session: Session, plan: TeacherPlan) -> None:
    row = plan.row
    if plan.teacher is None:
        plan.teacher = Teacher(school_id=plan.school.school.id, staff_id=row.staff_id)
        session.add(plan.teacher)
    plan.teacher.name, plan.teacher.subject = row.name, row.subject
    plan.teacher.birth_year, plan.teacher.full_time = row.birth_year, row.full_time
    if row.cohort_year is not None:
        plan.teacher.cohort_year = row.cohort_year
    plan.teacher.group_id = plan.group.group.id if plan.group else None


def _write_account(session: Session, plan: TeacherPlan) -> str | None:
    """Create or align the teacher's account; returns the initial password of a new one."""
    password = None
    if plan.user is None:
        password, password_hash = one_time_password()
        plan.user = User(username=plan.username, password_hash=password_hash, must_change_password=True, is_active=True)
        session.add(plan.user)
    elif plan.user.role not in MANAGED_ROLES:
        return None
    plan.user.display_name, plan.user.role = plan.row.name, plan.row.role.value
    plan.user.school_id, plan.user.teacher_id = plan.school.school.id, plan.teacher.id
    plan.user.group_id = plan.teacher.group_id
    return password


def _report(
    planner: Planner, *, fmt: str, dry_run: bool, passwords: dict[int, str], ignored: list[str]
) -> ImportReport:
    def counts(outcomes) -> Counts:
        return Counts(**Counter(outcomes))

    teachers = planner.teachers
    return ImportReport(
        import_id=uuid.uuid4().hex,
        dry_run=dry_run,
        format=fmt,
        rows=len(teachers),
        schools=counts(p.outcome for p in planner.schools.values()),
        groups=counts(g.outcome for g in planner.groups.values()),
        teachers=counts(p.teacher_outcome for p in teachers),
        accounts=counts(p.account_outcome for p in teachers),
        new_accounts=[
            NewAccount(
                row=p.row.row,
                school_code=p.school.code,
                school_name=p.school.name or (p.school.school.name if p.school.school else None),
                staff_id=p.row.staff_id,
                name=p.row.name,
                username=p.username,
                role=p.row.role.value,
                initial_password=passwords.get(p.row.row),
            )
            for p in teachers
            if p.account_outcome == "created"
        ],
        photos=[
            PhotoPlan(
                row=p.row.row,
                school_code=p.school.code,
                staff_id=p.row.staff_id,
                teacher_id=p.teacher.id if p.teacher else None,
                files=list(p.row.photos),
            )
            for p in teachers
            if p.row.photos
        ],
        ignored_columns=ignored,
    )


def _audit(session: Session, actor: Actor, planner: Planner, report: ImportReport, *, digest: str) -> None:
    """One entry per school the import touched, so each school's history shows it."""
    for code, school in planner.schools.items():
        mine = [p for p in planner.teachers if p.school.code == code]
        summary = {
            "import_id": report.import_id,
            "format": report.format,
            "sha256": digest,
            "school": {"code": code, "outcome": school.outcome},
            "teachers": dict(Counter(p.teacher_outcome for p in mine)),
            "accounts_created": sum(p.account_outcome == "created" for p in mine),
        }
        audit.record(
            session,
            entity_type="school",
            entity_id=school.school.id,
            actor=actor,
            action="roster_import",
            reason=json.dumps(summary, ensure_ascii=False, sort_keys=True),
        )
