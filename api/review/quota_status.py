"""Where a group and a school stand against their excellent quotas (``domain.quotas``).

The group's numbers come from ``api.review.group_quota``, the same function that gates a
group's submission and the school's forwarding, so the UI and the exports never disagree
with the workflow: 优秀 counts submissions graded excellent and still excellent further on
(not downgraded), and a session recording counts once probed with no failed rule or stage.
The school counts its 专任教师 and the subjects they teach; its 优秀 count is of all its
teachers' work (the seed counts videos, “视频总数”).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.review import group_quota as workflow_quota
from api.review.schemas_admin import GroupQuotaOut, SchoolQuotaOut
from api.review.schemas_selection import ReasonOut
from config import Settings
from db.models import ResearchGroup, School, Submission, Teacher
from domain.quotas import check_school_quota

_EXCELLENT_VALUES = sorted(s.value for s in workflow_quota.EXCELLENT_STATES)


def is_excellent(state: str) -> bool:
    return state in _EXCELLENT_VALUES


def group_quota(session: Session, settings: Settings, group: ResearchGroup) -> GroupQuotaOut:
    quota = workflow_quota.group_quota(session, settings, group.id)
    return GroupQuotaOut(
        group_id=group.id,
        group_name=group.name,
        subject=group.subject,
        headcount=quota.headcount,
        excellent_count=quota.excellent_count,
        excellent_percent=settings.review_group_excellent_percent,
        required_excellent=quota.required_excellent,
        missing_excellent=quota.missing_excellent,
        accepted_sessions=quota.accepted_sessions,
        required_sessions=quota.required_sessions,
        ok=quota.ok,
        violations=[ReasonOut.of(v) for v in quota.violations],
    )


def school_quota(session: Session, settings: Settings, school: School) -> SchoolQuotaOut:
    full_time = list(
        session.scalars(
            select(Teacher.subject)
            .where(Teacher.school_id == school.id, Teacher.full_time.is_(True))
            .order_by(Teacher.id)
        )
    )
    excellent_rows = session.execute(
        select(Teacher.subject, func.count(Submission.id))
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Teacher.school_id == school.id, Submission.state.in_(_EXCELLENT_VALUES))
        .group_by(Teacher.subject)
    )
    by_subject = Counter({subject: count for subject, count in excellent_rows})
    subjects = list(dict.fromkeys(full_time))
    quota = check_school_quota(
        full_time_teachers=len(full_time),
        excellent_by_subject=by_subject,
        subjects_taught=subjects,
        excellent_percent=settings.review_school_excellent_percent,
    )
    return SchoolQuotaOut(
        school_id=school.id,
        school_name=school.name,
        full_time_teachers=quota.full_time_teachers,
        excellent_count=quota.excellent_count,
        excellent_percent=settings.review_school_excellent_percent,
        required_excellent=quota.required_excellent,
        missing_excellent=quota.missing_excellent,
        subjects_taught=subjects,
        uncovered_subjects=list(quota.uncovered_subjects),
        ok=quota.ok,
        violations=[ReasonOut.of(v) for v in quota.violations],
    )


def group_quotas(session: Session, settings: Settings, school: School) -> list[GroupQuotaOut]:
    groups = session.scalars(
        select(ResearchGroup).where(ResearchGroup.school_id == school.id).order_by(ResearchGroup.id)
    )
    return [group_quota(session, settings, g) for g in groups]
