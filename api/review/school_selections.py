"""Every teacher's point selection in one school, for the school admin's 教师选点 panel.

One read instead of one request per teacher, with the window's state, so the panel can say
who still has to choose and whether the admin may now choose for them (seed 001: after the
deadline “由校级管理员代为选择”).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.review import review_inputs as inputs
from api.review.schemas_selection import SchoolSelectionsOut, TeacherSelectionOut
from db.models import PointSelection, ResearchGroup, School, Teacher, User
from domain.school_setup import SelectionStatus, SelectionWindow


def window_state(window: SelectionWindow, today) -> str:
    """``not_open`` before the first day, ``open`` inside the window, ``past_deadline`` after."""
    if today < window.opens_on:
        return "not_open"
    return "past_deadline" if window.is_past_deadline(today) else "open"


def school_selections(session: Session, school: School) -> SchoolSelectionsOut:
    window = inputs.setup_for(session, school.id).window
    today = inputs.today()
    rows = session.execute(
        select(Teacher, ResearchGroup.name, PointSelection, User.teacher_id)
        .outerjoin(ResearchGroup, ResearchGroup.id == Teacher.group_id)
        .outerjoin(PointSelection, PointSelection.teacher_id == Teacher.id)
        .outerjoin(User, User.id == PointSelection.chosen_by)
        .where(Teacher.school_id == school.id)
        .order_by(Teacher.staff_id, Teacher.id)
    ).all()
    teachers = [
        TeacherSelectionOut(
            teacher_id=teacher.id,
            name=teacher.name,
            staff_id=teacher.staff_id,
            subject=teacher.subject,
            group_name=group_name,
            status=row.status if row is not None else SelectionStatus.NONE.value,
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
