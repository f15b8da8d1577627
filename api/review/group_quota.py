"""A research group's quota as it stands in the database (``domain.quotas.check_group_quota``).

优秀 counts work graded excellent and still excellent further on (forwarded, sampled,
confirmed); a provincial downgrade takes it out. The head count is every teacher in the group
(seed 001 “本组总人数”). A group-session recording counts once its probe is done and no rule
or stage failed it. Callers that act on the result hold the group's row lock (``locks``).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.recordings.service import overall_status
from config import Settings
from db.models import Recording, Submission, Teacher
from domain.quotas import GroupQuota, check_group_quota
from domain.workflow import State

EXCELLENT_STATES = frozenset({State.SCORED_EXCELLENT, State.FORWARDED, State.SAMPLED, State.CONFIRMED})
_UNACCEPTED = frozenset({"rejected", "failed"})


def _probe_done(recording: Recording) -> bool:
    return any(job.stage == "probe" and job.state == "done" for job in recording.jobs)


def accepted_sessions(session: Session, group_id: int) -> int:
    recordings = session.scalars(
        select(Recording).where(Recording.kind == "group_session", Recording.group_id == group_id)
    )
    return sum(1 for r in recordings if _probe_done(r) and overall_status(r) not in _UNACCEPTED)


def excellent_count(session: Session, group_id: int) -> int:
    return session.scalar(
        select(func.count(Submission.id))
        .join(Teacher, Teacher.id == Submission.teacher_id)
        .where(Teacher.group_id == group_id, Submission.state.in_([s.value for s in EXCELLENT_STATES]))
    )


def headcount(session: Session, group_id: int) -> int:
    return session.scalar(select(func.count(Teacher.id)).where(Teacher.group_id == group_id))


def group_quota(session: Session, settings: Settings, group_id: int) -> GroupQuota:
    return check_group_quota(
        headcount=headcount(session, group_id),
        excellent_count=excellent_count(session, group_id),
        accepted_sessions=accepted_sessions(session, group_id),
        excellent_percent=settings.review_group_excellent_percent,
        required_sessions=settings.review_group_sessions_required,
    )


def explanation(quota: GroupQuota) -> dict:
    """The numbers and every missing piece, for error bodies and the status route."""
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
