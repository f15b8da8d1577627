"""Rows of a training platform's export of online hours, read into entries by 工号, refusing row by row.

The platform (seed 001: 江苏教师教育管理系统; seed 002: 广州市中小学教师继续教育网) exports one row per
teacher and course. Columns are found by their header, in Chinese or English, in any order:
工号 (staff ID), 课程名称 (course), 学时 (hours), optionally 类型 (kind: 网络研修/线上课程 or
在线教学, seed 002's capped online-teaching courses) and 姓名 (name, checked against the roster).

A row is one (teacher, course, kind): the same course twice in one file is a mistake and the
later row is refused, naming the first. Hours must be a number from 0 up to ``max_hours`` (a
course worth more than the whole online requirement is a typo, not a course). Refusals name the
row as people count it in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain import training_hours_reasons as hr
from domain.reasons import Reason
from domain.training_hours import HourKind

COURSE_MAX = 200
_HEADERS = {
    "staff_id": ("工号", "教师工号", "staffid", "staff_id", "staff id", "员工号", "职工号"),
    "course": ("课程名称", "课程", "course", "coursename", "course name", "course_name"),
    "hours": ("学时", "获得学时", "已获学时", "hours", "credit hours"),
    "kind": ("类型", "课程类型", "kind", "type"),
    "name": ("姓名", "教师姓名", "name"),
}
REQUIRED = ("staff_id", "course", "hours")
_LABELS = {"staff_id": "工号", "course": "课程名称", "hours": "学时"}
_KINDS = {
    "": HourKind.ONLINE,
    "网络研修": HourKind.ONLINE,
    "线上课程": HourKind.ONLINE,
    "线上学习": HourKind.ONLINE,
    "网络课程": HourKind.ONLINE,
    "online": HourKind.ONLINE,
    "在线教学": HourKind.ONLINE_TEACHING,
    "在线教学专题": HourKind.ONLINE_TEACHING,
    "online_teaching": HourKind.ONLINE_TEACHING,
    "online teaching": HourKind.ONLINE_TEACHING,
}


def _norm(value: object) -> str:
    """Text as typed, compared loosely: full-width folded (NFKC), spaces trimmed and collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a 工号 typed as a number comes back 1001.0 from a spreadsheet
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value))).strip()


def _header_keys(value: object) -> set[str]:
    """A header as written, and its halves when it reads “学时 Hours” (Chinese, a space, English)."""
    key = _norm(str(value or "").replace("\ufeff", "")).lower().replace("（", "(").split("(")[0].strip()
    head, _, tail = key.partition(" ")
    return {key, head, tail.strip()}


def find_columns(header: Sequence[object]) -> tuple[dict[str, int], Reason | None]:
    """Which column holds what; a reason naming the required columns that are missing."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        keys = _header_keys(cell)
        for field, names in _HEADERS.items():
            if field not in found and keys & set(names):
                found[field] = index
    missing = [_LABELS[f] for f in REQUIRED if f not in found]
    return found, (hr.IMPORT_COLUMNS.format(missing="、".join(missing)) if missing else None)


def course_key(course: str) -> str:
    """What makes two course names the same course: NFKC, case and spacing folded."""
    return _norm(course).casefold()


@dataclass(frozen=True)
class Entry:
    row: int
    teacher_id: int
    course: str
    course_key: str
    kind: HourKind
    hours: float


@dataclass(frozen=True)
class Roster:
    """The school's teachers by 工号: id and name."""

    by_staff_id: Mapping[str, tuple[int, str]]


def _hours(raw: object, row: int, max_hours: float) -> float | Reason:
    text = _norm(raw)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return hr.ROW_BAD_HOURS.format(row=row, value=text)
    if not value.is_finite():
        return hr.ROW_BAD_HOURS.format(row=row, value=text)
    if value < 0:
        return hr.ROW_NEGATIVE_HOURS.format(row=row, value=text)
    if value > Decimal(str(max_hours)):
        return hr.ROW_ABSURD_HOURS.format(row=row, value=text, limit=f"{max_hours:g}")
    return round(float(value), 2)


def read_rows(
    rows: Sequence[Sequence[object]],
    columns: Mapping[str, int],
    roster: Roster,
    *,
    max_hours: float,
    first_row: int = 2,
) -> tuple[list[Entry], list[tuple[int, Reason]]]:
    """Entries for the rows that hold, (row, refusal) for each that does not; blank rows are skipped.

    ``first_row`` is the spreadsheet's number of ``rows[0]`` (the row after the header).
    """
    entries: list[Entry] = []
    errors: list[tuple[int, Reason]] = []
    first: dict[tuple[int, str, HourKind], int] = {}
    for offset, cells in enumerate(rows):
        row = offset + first_row

        def cell(field: str, cells=cells) -> object:
            index = columns.get(field)
            return cells[index] if index is not None and index < len(cells) else None

        if not any(_norm(c) for c in cells):
            continue
        found = _entry(row, cell, roster, max_hours)
        if isinstance(found, Reason):
            errors.append((row, found))
            continue
        key = (found.teacher_id, found.course_key, found.kind)
        if key in first:
            errors.append((row, hr.ROW_DUPLICATE.format(row=row, first=first[key])))
            continue
        first[key] = row
        entries.append(found)
    return entries, errors


def _entry(row: int, cell, roster: Roster, max_hours: float) -> Entry | Reason:
    staff_id = _norm(cell("staff_id"))
    if not staff_id:
        return hr.ROW_NO_STAFF_ID.format(row=row)
    teacher = roster.by_staff_id.get(staff_id)
    if teacher is None:
        return hr.ROW_UNKNOWN_STAFF_ID.format(row=row, staff_id=staff_id)
    given = _norm(cell("name"))
    if given and given != _norm(teacher[1]):
        return hr.ROW_NAME_MISMATCH.format(row=row, staff_id=staff_id, name=teacher[1], given=given)
    course = _norm(cell("course"))
    if not course:
        return hr.ROW_NO_COURSE.format(row=row)
    if len(course) > COURSE_MAX:
        return hr.ROW_COURSE_TOO_LONG.format(row=row, limit=COURSE_MAX)
    kind_text = _norm(cell("kind"))
    kind = _KINDS.get(kind_text.lower())
    if kind is None:
        return hr.ROW_BAD_KIND.format(row=row, value=kind_text)
    value = _hours(cell("hours"), row, max_hours)
    if isinstance(value, Reason):
        return value
    return Entry(row, teacher[0], course, course_key(course), kind, value)
