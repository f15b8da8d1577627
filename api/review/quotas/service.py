"""Where a group and a school stand against their 优秀 quotas (``domain.quotas``).

One reading of a group's numbers, :func:`group_quotas`, serves the workflow (a group hands in
its work, the school forwards it) and every screen and export, so they never disagree:
优秀 counts submissions graded excellent and still excellent further on (not downgraded), the
head count is every teacher of the group, and a session recording counts by
``domain.recordings.session_standing`` (processed, and its checks passed or its leader accepted
it). What the 优秀 count counts is a setting, ``review_group_quota_unit``: 优秀 works (seed 001's
“优秀视频数”, the default) or distinct teachers with one. The school counts its 专任教师 and the subjects they
teach; its 优秀 count is of all its teachers' work on the provincial platform (the seed counts the
videos the school uploads, “视频总数”): forwarded and still 优秀, with the 优秀 not yet forwarded
counted beside it (``awaiting_forward``), so the school sees what forwarding would add.
Callers that act on a group's result hold the group's row lock (``api.shared.repository``).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Select
from sqlalchemy.orm import Session

from api.review.quotas import repository
from api.review.quotas.schemas import GroupQuotaOut, HandOverOut, SchoolQuotaOut
from api.shared.schemas import reasons_out
from config import Settings
from db.models import GroupSubmission, ResearchGroup, School
from domain.group_workflow import GROUPS
from domain.quotas import GroupQuota, check_group_quota
from domain.school_handover import Readiness, readiness
from pipeline import group_repository


def group_quotas(
    session: Session, settings: Settings, group_ids: list[int], *, selected: Select | None = None
) -> dict[int, GroupQuota]:
    """Each group's quota, in three queries whatever the number of groups; ``selected``: a query for
    the same ids, which the counts filter by instead of the list."""
    among = selected if selected is not None else group_ids
    heads = repository.headcounts(session, among)
    teachers = settings.review_group_quota_unit == "teachers"
    excellent = repository.excellent_counts(session, among, distinct_teachers=teachers)
    sessions = repository.accepted_sessions(session, among)
    return {
        group_id: check_group_quota(
            headcount=heads[group_id],
            excellent_count=excellent[group_id],
            accepted_sessions=sessions[group_id],
            excellent_percent=settings.review_group_excellent_percent,
            required_sessions=settings.review_group_sessions_required,
        )
        for group_id in group_ids
    }


def group_quota(session: Session, settings: Settings, group_id: int) -> GroupQuota:
    return group_quotas(session, settings, [group_id])[group_id]


def explanation(quota: GroupQuota) -> dict:
    """The numbers and every missing piece, for error bodies and the group's status."""
    return {
        "quota": {
            "ok": quota.ok,
            "headcount": quota.headcount,
            "excellent_count": quota.excellent_count,
            "required_excellent": quota.required_excellent,
            "missing_excellent": quota.missing_excellent,
            "accepted_sessions": quota.accepted_sessions,
            "required_sessions": quota.required_sessions,
        },
        "violations": [v.as_dict() for v in quota.violations],
    }


def hand_over_out(row: GroupSubmission | None) -> HandOverOut:
    if row is None:
        return HandOverOut(state=GROUPS.initial.value)
    return HandOverOut(
        state=row.state, submitted_at=row.submitted_at, reopened_at=row.reopened_at, reopen_reason=row.reopen_reason
    )


def group_quota_out(
    settings: Settings, group: ResearchGroup, quota: GroupQuota, hand_over: GroupSubmission | None
) -> GroupQuotaOut:
    return GroupQuotaOut(
        group_id=group.id,
        group_name=group.name,
        subject=group.subject,
        headcount=quota.headcount,
        excellent_count=quota.excellent_count,
        excellent_unit=settings.review_group_quota_unit,
        excellent_percent=settings.review_group_excellent_percent,
        required_excellent=quota.required_excellent,
        missing_excellent=quota.missing_excellent,
        accepted_sessions=quota.accepted_sessions,
        required_sessions=quota.required_sessions,
        ok=quota.ok,
        violations=reasons_out(quota.violations),
        hand_over=hand_over_out(hand_over),
    )


def group_status(session: Session, settings: Settings, group: ResearchGroup) -> GroupQuotaOut:
    hand_over = group_repository.hand_over(session, group.id)
    return group_quota_out(settings, group, group_quota(session, settings, group.id), hand_over)


def school_groups(session: Session, settings: Settings, school: School) -> list[GroupQuotaOut]:
    """Every research group of the school with its quota and hand-over (the school dashboard, the workbook)."""
    groups = repository.groups_of_school(session, school.id)
    selected = repository.groups_of(school.id)
    quotas = group_quotas(session, settings, [g.id for g in groups], selected=selected)
    hand_overs = repository.hand_overs(session, selected)
    return [group_quota_out(settings, g, quotas[g.id], hand_overs.get(g.id)) for g in groups]


def school_readiness(session: Session, settings: Settings, school_id: int) -> tuple[list[str], Counter, Readiness]:
    """The school's subjects taught, its forwarded 优秀 work by subject and its standing on it
    (``domain.school_handover``)."""
    full_time = repository.full_time_subjects(session, school_id)
    subjects = list(dict.fromkeys(full_time))
    counted = repository.excellent_by_subject(session, school_id)
    found = readiness(
        full_time_teachers=len(full_time),
        counted_by_subject=counted,
        subjects_taught=subjects,
        awaiting_forward=repository.awaiting_forward(session, school_id),
        excellent_percent=settings.review_school_excellent_percent,
    )
    return subjects, counted, found


def school_status(session: Session, settings: Settings, school: School) -> SchoolQuotaOut:
    subjects, _, found = school_readiness(session, settings, school.id)
    quota = found.quota
    return SchoolQuotaOut(
        school_id=school.id,
        school_name=school.name,
        full_time_teachers=quota.full_time_teachers,
        excellent_count=quota.excellent_count,
        excellent_percent=settings.review_school_excellent_percent,
        required_excellent=quota.required_excellent,
        missing_excellent=quota.missing_excellent,
        awaiting_forward=found.awaiting_forward,
        subjects_taught=subjects,
        uncovered_subjects=list(quota.uncovered_subjects),
        ok=quota.ok,
        violations=reasons_out(quota.violations),
    )
