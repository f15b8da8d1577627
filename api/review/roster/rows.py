"""Turn a roster table's raw cells into checked rows, collecting every cell's problem.

Defaults for blank optional cells (the file is the truth for each row it lists):
角色 blank → teacher; 专任 blank → 是 (full-time); 教研组 blank → in no group;
教研组学科 blank → the teacher's own 学科 (so without that column every teacher of a group
teaches the group's subject).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from api.review.roster.read import COLUMNS, Table, file_problems
from domain import review_admin_reasons as ar
from domain import training_hours_reasons as hr
from domain.reasons import Reason
from domain.roles import Role

# Column widths of the tables the values land in (PostgreSQL enforces them).
MAX_LENGTHS = {
    "school_name": 200,
    "school_code": 64,
    "province": 64,
    "group": 200,
    "group_subject": 64,
    "subject": 64,
    "name": 100,
    "staff_id": 64,
}
# Plausible birth years: nobody born before 1940 still teaches; nobody under 16 teaches yet.
MIN_BIRTH_YEAR = 1940
YOUNGEST_TEACHER_AGE = 16
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")

_ROLES = {"teacher": Role.TEACHER, "教师": Role.TEACHER, "老师": Role.TEACHER}
_ROLES.update({k: Role.GROUP_LEADER for k in ("groupleader", "leader", "组长", "教研组长")})
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "专任"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "兼任", "非专任"}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    field: str | None
    reason: Reason

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "field": self.field, **self.reason.as_dict()}


@dataclass(frozen=True)
class RosterRow:
    row: int
    school_code: str | None
    school_name: str | None
    province: str | None
    group: str | None
    group_subject: str  # explicit, or the teacher's own subject
    subject: str
    name: str
    staff_id: str
    birth_year: int
    role: Role
    full_time: bool
    photos: tuple[str, ...]
    cohort_year: int | None = None  # None: not given, the teacher keeps theirs


def text_of(value: Any) -> str | None:
    """A cell as trimmed text; spreadsheet numbers lose their ``.0`` (工号 1001, not 1001.0)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def parse_rows(table: Table, *, today: date) -> tuple[list[RosterRow], list[RowError]]:
    """Checked rows (only those without problems) and every problem found."""
    errors = [RowError(row, column, None, reason) for row, column, reason in file_problems(table)]
    if errors:
        return [], errors
    rows: list[RosterRow] = []
    for number, cells in table.rows:
        parser = _RowParser(table, number, cells, today)
        row = parser.parse()
        errors.extend(parser.errors)
        if row is not None:
            rows.append(row)
    return rows, errors


class _RowParser:
    def __init__(self, table: Table, number: int, cells: dict[str, Any], today: date) -> None:
        self.table, self.number, self.cells, self.today = table, number, cells, today
        self.errors: list[RowError] = []

    def column(self, name: str) -> str:
        return self.table.headers.get(name) or COLUMNS[name][0]

    def fail(self, name: str, reason: Reason) -> None:
        self.errors.append(RowError(self.number, self.column(name), name, reason))

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = text_of(self.cells.get(name))
        if value is None and required:
            self.fail(name, ar.ROSTER_MISSING_VALUE.format(row=self.number, column=self.column(name)))
        elif value is not None and len(value) > MAX_LENGTHS[name]:
            self.fail(
                name, ar.ROSTER_TOO_LONG.format(row=self.number, column=self.column(name), limit=MAX_LENGTHS[name])
            )
            return None
        return value

    def parse(self) -> RosterRow | None:
        staff_id = self.text("staff_id", required=True)
        if staff_id is not None and re.search(r"\s", staff_id):
            self.fail("staff_id", ar.ROSTER_BAD_STAFF_ID.format(row=self.number, value=staff_id))
        values = dict(
            school_code=self.text("school_code"),
            school_name=self.text("school_name"),
            province=self.text("province"),
            group=self.text("group"),
            name=self.text("name", required=True),
            subject=self.text("subject", required=True),
            staff_id=staff_id,
            birth_year=self.birth_year(),
            role=self.role(),
            full_time=self.full_time(),
            photos=self.photos(),
            cohort_year=self.cohort_year(),
        )
        group_subject = self.text("group_subject")
        if self.errors:
            return None
        if values["role"] is Role.GROUP_LEADER and values["group"] is None:
            self.fail("group", ar.ROSTER_LEADER_WITHOUT_GROUP.format(row=self.number))
            return None
        return RosterRow(row=self.number, group_subject=group_subject or values["subject"], **values)

    def birth_year(self) -> int | None:
        value = self.cells.get("birth_year")
        if text_of(value) is None:
            self.fail("birth_year", ar.ROSTER_MISSING_VALUE.format(row=self.number, column=self.column("birth_year")))
            return None
        year: int | None = None
        if isinstance(value, (datetime, date)):
            year = value.year
        elif not isinstance(value, bool):
            text = (text_of(value) or "").removesuffix("年")
            year = int(text) if re.fullmatch(r"\d{4}", text) else None
        latest = self.today.year - YOUNGEST_TEACHER_AGE
        if year is None or not MIN_BIRTH_YEAR <= year <= latest:
            reason = ar.ROSTER_BAD_BIRTH_YEAR.format(
                row=self.number, value=text_of(value), min=MIN_BIRTH_YEAR, max=latest
            )
            self.fail("birth_year", reason)
            return None
        return year

    def role(self) -> Role | None:
        text = text_of(self.cells.get("role"))
        if text is None:
            return Role.TEACHER
        role = _ROLES.get(re.sub(r"[\s_\-]", "", text).lower())
        if role is None:
            self.fail("role", ar.ROSTER_UNKNOWN_ROLE.format(row=self.number, value=text))
        return role

    def full_time(self) -> bool | None:
        value = self.cells.get("full_time")
        if isinstance(value, bool):
            return value
        text = text_of(value)
        if text is None or text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        self.fail("full_time", ar.ROSTER_BAD_FLAG.format(row=self.number, column=self.column("full_time"), value=text))
        return None

    def cohort_year(self) -> int | None:
        """Seed 002's cohort year (its plan names 2020–2022); blank leaves the teacher's as it is."""
        value = self.cells.get("cohort_year")
        text = (text_of(value) or "").removesuffix("年")
        if not text:
            return None
        if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text) or not 2000 <= int(text) <= 2100:
            self.fail("cohort_year", hr.ROSTER_BAD_COHORT_YEAR.format(row=self.number, value=text))
            return None
        return int(text)

    def photos(self) -> tuple[str, ...]:
        names = [n for n in re.split(r"[;,；，、\s]+", text_of(self.cells.get("photos")) or "") if n]
        for name in names:
            bad = "/" in name or "\\" in name or name.startswith(".") or len(name) > 255
            if bad or not name.lower().endswith(PHOTO_SUFFIXES):
                self.fail("photos", ar.ROSTER_BAD_PHOTO_NAME.format(row=self.number, value=name))
        return tuple(dict.fromkeys(names))
