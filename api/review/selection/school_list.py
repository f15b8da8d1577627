"""Every teacher's point selection in one school, for the school admin's 教师选点 panel.

One read instead of one request per teacher, with the window's state, so the panel can say
who still has to choose and whether the admin may now choose for them (seed 001: after the
deadline “由校级管理员代为选择”).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.review.selection import repository
from api.review.selection.schemas import SchoolSelectionsOut, TeacherSelectionOut
from api.shared import review_inputs as inputs
from config import Settings
from db.models import School
from domain.school_setup import SELECTIONS, window_state


def school_selections(session: Session, settings: Settings, school: School) -> SchoolSelectionsOut:
    window = inputs.setup_for(session, school.id).window
    today = inputs.today(settings)
    rows = repository.school_rows(session, school.id)
    teachers = [
        TeacherSelectionOut(
            teacher_id=teacher.id,
            name=teacher.name,
            staff_id=teacher.staff_id,
            subject=teacher.subject,
            group_name=group_name,
            status=row.status if row is not None else SELECTIONS.initial.value,
            codes=list(row.codes) if row is not None else [],
            version=row.version if row is not None else 0,
            confirmed_at=row.confirmed_at if row is not None else None,
            chosen_by_teacher=None if row is None or row.chosen_by is None else chooser_teacher_id == teacher.id,
        )
        for teacher, group_name, row, chooser_teacher_id in rows
    ]
    return SchoolSelectionsOut(
        school_id=school.id,
        opens_on=window.opens_on,
        closes_on=window.closes_on,
        today=today,
        window_state=window_state(window, today),
        teachers=teachers,
    )
