"""Check checked rows against each other and the database, and plan every change without writing.

A school is found by its code (学校编码), a group by (school, name), a teacher by (school, 工号),
a teacher's account by its link to the teacher; a new account's username is the 工号 when free,
else ``{学校编码}-{工号}`` (``domain.usernames``), since a 工号 is unique only within its school.
A school administrator's rows must all be their own school's. Outcomes and usernames are decided
here, so a dry run and a real import report exactly the same counts and names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from api.review.roster import repository
from api.review.roster.read import COLUMNS
from api.review.roster.rows import RosterRow, RowError
from api.shared import repository as shared_rows
from db.models import ResearchGroup, School, Teacher, User
from domain import review_admin_reasons as ar
from domain.reasons import Reason
from domain.roles import Actor, Role
from domain.usernames import choose_username

MANAGED_ROLES = (Role.TEACHER.value, Role.GROUP_LEADER.value)  # accounts the import may change
_IN_CHUNK = 500


@dataclass
class SchoolPlan:
    code: str
    first_row: int
    school: School | None
    name: str | None = None
    province: str | None = None
    teachers: dict[str, Teacher] = field(default_factory=dict)  # existing, by staff id
    users: dict[int, User] = field(default_factory=dict)  # existing accounts, by teacher id

    outcome: str = "unchanged"

    def decide(self) -> None:
        changed = self.school is not None and (
            (self.name and self.name != self.school.name) or (self.province and self.province != self.school.province)
        )
        self.outcome = "created" if self.school is None else "updated" if changed else "unchanged"


@dataclass
class GroupPlan:
    school: SchoolPlan
    name: str
    subject: str
    group: ResearchGroup | None
    outcome: str = "unchanged"


@dataclass
class TeacherPlan:
    row: RosterRow
    school: SchoolPlan
    group: GroupPlan | None
    teacher: Teacher | None
    user: User | None
    username: str | None = None  # of the account to create; None when the teacher has one
    teacher_outcome: str = "unchanged"
    account_outcome: str = "unchanged"


class Planner:
    def __init__(self, session: Session, actor: Actor, headers: dict[str, str]) -> None:
        self.session, self.actor, self.headers = session, actor, headers
        # A school admin's rows must be their school's; an admin's may name any school.
        self.scoped = actor.role is not Role.ADMIN
        self.own_school = shared_rows.school(session, actor.school_id) if actor.school_id is not None else None
        self.schools: dict[str, SchoolPlan] = {}
        self.groups: dict[tuple[str, str], GroupPlan] = {}
        self.teachers: list[TeacherPlan] = []
        self.errors: list[RowError] = []
        self._seen: dict[tuple[str, str], int] = {}
        self._planned: set[str] = set()  # usernames of the accounts this import will create
        self._existing: dict[str, bool] = {}  # username → whether an account has it (looked up once)

    def plan(self, rows: list[RosterRow]) -> None:
        own_code = self.own_school.code if self.own_school is not None else None
        self._load_existing([r.staff_id for r in rows])
        self._load_existing([f"{r.school_code or own_code}-{r.staff_id}" for r in rows])
        for row in rows:
            self._plan_row(row)
        for school in self.schools.values():
            school.decide()  # before any write: outcomes describe the database as it was

    def _fail(self, row: RosterRow, name: str, reason: Reason) -> None:
        self.errors.append(RowError(row.row, self.headers.get(name) or COLUMNS[name][0], name, reason))

    def _plan_row(self, row: RosterRow) -> None:
        school = self._school(row)
        if school is None:
            return
        key = (school.code, row.staff_id)
        if key in self._seen:
            reason = ar.ROSTER_DUPLICATE_STAFF_ID.format(row=row.row, staff_id=row.staff_id, first_row=self._seen[key])
            return self._fail(row, "staff_id", reason)
        self._seen[key] = row.row
        group = self._group(row, school) if row.group else None
        if row.group and group is None:
            return
        teacher = school.teachers.get(row.staff_id)
        plan = TeacherPlan(row, school, group, teacher, school.users.get(teacher.id) if teacher else None)
        if plan.user is None:
            plan.username = choose_username(row.staff_id, school.code, taken=self._taken)
            self._planned.add(plan.username)
        plan.teacher_outcome = _teacher_outcome(plan)
        plan.account_outcome = _account_outcome(plan)
        self.teachers.append(plan)

    def _school(self, row: RosterRow) -> SchoolPlan | None:
        if self.scoped:
            own = self.own_school
            other = own is None or (
                (row.school_code and row.school_code != own.code)
                or (not row.school_code and row.school_name and row.school_name != own.name)
            )
            if other:
                reason = ar.ROSTER_OTHER_SCHOOL.format(row=row.row, school=row.school_code or row.school_name or "?")
                self._fail(row, "school_code" if row.school_code else "school_name", reason)
                return None
            return self._school_plan(own.code, row, own)
        if row.school_code is None:
            column = self.headers.get("school_code") or COLUMNS["school_code"][0]
            return self._fail(row, "school_code", ar.ROSTER_MISSING_VALUE.format(row=row.row, column=column))
        existing = self.schools.get(row.school_code)
        school = existing.school if existing else repository.school_by_code(self.session, row.school_code)
        if school is None and not row.school_name and not (existing and existing.name):
            reason = ar.ROSTER_UNKNOWN_SCHOOL.format(row=row.row, code=row.school_code)
            return self._fail(row, "school_name", reason)
        if existing and existing.name and row.school_name and row.school_name != existing.name:
            reason = ar.ROSTER_SCHOOL_CONFLICT.format(
                row=row.row,
                code=row.school_code,
                first_row=existing.first_row,
                first=existing.name,
                value=row.school_name,
            )
            return self._fail(row, "school_name", reason)
        plan = self._school_plan(row.school_code, row, school)
        plan.name = plan.name or row.school_name
        plan.province = plan.province or row.province
        return plan

    def _school_plan(self, code: str, row: RosterRow, school: School | None) -> SchoolPlan:
        if code not in self.schools:
            plan = SchoolPlan(code, row.row, school)
            if school is not None:
                plan.teachers = repository.teachers_by_staff_id(self.session, school.id)
                plan.users = repository.accounts_by_teacher(self.session, school.id)
            self.schools[code] = plan
        return self.schools[code]

    def _group(self, row: RosterRow, school: SchoolPlan) -> GroupPlan | None:
        key = (school.code, row.group)
        if key not in self.groups:
            existing = None
            if school.school is not None:
                existing = repository.group_named(self.session, school.school.id, row.group)
            subject = existing.subject if existing else row.group_subject
            self.groups[key] = GroupPlan(school, row.group, subject, existing, "unchanged" if existing else "created")
        plan = self.groups[key]
        if plan.subject != row.group_subject:
            reason = ar.ROSTER_GROUP_SUBJECT_MISMATCH.format(
                row=row.row, group=row.group, existing=plan.subject, value=row.group_subject
            )
            self._fail(row, "group_subject" if row.group_subject != row.subject else "subject", reason)
            return None
        return plan

    def _taken(self, username: str) -> bool:
        if username in self._planned:
            return True
        if username not in self._existing:  # a rare numbered fallback: one query
            self._load_existing([username])
        return self._existing[username]

    def _load_existing(self, names: list[str]) -> None:
        unique = sorted(set(names) - set(self._existing))
        for start in range(0, len(unique), _IN_CHUNK):
            chunk = unique[start : start + _IN_CHUNK]
            found = repository.taken_usernames(self.session, chunk)
            self._existing.update({name: name in found for name in chunk})


def _teacher_outcome(plan: TeacherPlan) -> str:
    if plan.teacher is None:
        return "created"
    row, teacher = plan.row, plan.teacher
    group_same = (plan.group is None and teacher.group_id is None) or (
        plan.group is not None and plan.group.group is not None and plan.group.group.id == teacher.group_id
    )
    same = (teacher.name, teacher.subject, teacher.birth_year, teacher.full_time) == (
        row.name,
        row.subject,
        row.birth_year,
        row.full_time,
    )
    cohort_same = row.cohort_year is None or row.cohort_year == teacher.cohort_year
    return "unchanged" if same and group_same and cohort_same else "updated"


def _account_outcome(plan: TeacherPlan) -> str:
    user = plan.user
    if user is None:
        return "created"
    if user.role not in MANAGED_ROLES:
        return "unchanged"  # a school admin who also teaches keeps their account as it is
    group_id = plan.group.group.id if plan.group and plan.group.group else None
    new_group = plan.group is not None and plan.group.group is None
    same = (user.role, user.display_name, user.group_id, user.school_id) == (
        plan.row.role.value,
        plan.row.name,
        group_id,
        plan.school.school.id if plan.school.school else None,
    )
    return "unchanged" if same and not new_group else "updated"
