"""Arrange review progress for the demo school by writing rows directly (selections, submissions)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook
from sqlalchemy import select

from db.models import PointSelection, ResearchGroup, School, Submission, Teacher
from tests.harness import Harness


@dataclass
class DemoIds:
    school_id: int
    chinese_group_id: int  # 语文教研组: T001 (leader) … T005; `teacher` is T002
    math_group_id: int  # 数学教研组: T006 … T010
    teachers: dict[str, int]


def demo_ids(h: Harness) -> DemoIds:
    with h.transaction() as s:
        school = s.scalar(select(School).where(School.code == "DEMO-001"))
        groups = {g.name: g.id for g in s.scalars(select(ResearchGroup).where(ResearchGroup.school_id == school.id))}
        teachers = {t.staff_id: t.id for t in s.scalars(select(Teacher).where(Teacher.school_id == school.id))}
    return DemoIds(school.id, groups["语文教研组"], groups["数学教研组"], teachers)


def select_points(h: Harness, teacher_id: int, codes: list[str], status: str = "confirmed") -> None:
    with h.transaction() as s:
        s.add(PointSelection(teacher_id=teacher_id, codes=codes, status=status))


def submit(h: Harness, teacher_id: int, code: str, state: str, score: float | None = None) -> None:
    with h.transaction() as s:
        s.add(Submission(teacher_id=teacher_id, capability_code=code, state=state, score=score, item_grades={}))


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def labelled(sheet) -> dict:
    """Column A → column B of a summary sheet."""
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def rows_of(sheet) -> list[tuple]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]
