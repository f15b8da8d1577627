"""Pushing peer videos to a school's teachers (issue 20 item 1): the school admin's 推送观摩视频.

Triggered per school, by its school admin (or an admin) from the school page or
``POST /api/peer/schools/{id}/push``. Idempotent: existing pushes are kept and counted, so a
second run adds only what is missing (a teacher added since, a larger N) and otherwise nothing.
The pool (``peer_pool``) decides where videos come from; ``domain.peer_push`` decides who gets
which, seeded by the school so every run and every server agrees.
"""

from __future__ import annotations

from datetime import timedelta

import structlog
from sqlalchemy.orm import Session

from api.notifications import repository as notices
from api.peer import repository
from api.peer.schemas import PushOut
from api.shared import audit, refusals
from api.shared.access import ADMINS, school_for
from config import Settings
from db.base import utcnow
from db.models import PeerAssignment, School
from domain.notifications import Kind
from domain.peer_push import Pool, Push, Video, Viewer, assign
from domain.roles import Actor
from domain.school_time import zone_words
from domain.workflow import State

log = structlog.get_logger(__name__)

# Work a teacher handed in (not a draft, not returned for revision): what peers may learn from.
_SUBMITTED = frozenset(State) - {State.DRAFT, State.RETURNED}
# The province's 优秀 library: 优秀 work the schools uploaded to it (seed 001 “供全省教师学习点评使用”).
_LIBRARY = frozenset({State.FORWARDED, State.SAMPLED, State.CONFIRMED})


def _pool_videos(session: Session, school: School, pool: Pool) -> dict[Video, str]:
    """The pool's videos, each with its lesson recording."""
    if pool is Pool.PROVINCE:
        rows = repository.pool_videos(
            session, school_ids=None, province=school.province, states=[s.value for s in _LIBRARY]
        )
    else:
        schools = [school.id] if pool is Pool.SCHOOL else repository.district_school_ids(session, school)
        rows = repository.pool_videos(session, school_ids=schools, province=None, states=[s.value for s in _SUBMITTED])
    return {Video(submission_id, author, group_id): recording for submission_id, author, group_id, recording in rows}


def _tell(session: Session, actor: Actor, new: list[Push], due, settings: Settings) -> None:
    """One notification per account of each teacher who was pushed something new, with the count and deadline."""
    counts: dict[int, int] = {}
    for push in new:
        counts[push.viewer_teacher_id] = counts.get(push.viewer_teacher_id, 0) + 1
    accounts = repository.accounts_of(session, sorted(counts))
    when = due.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
    zone_zh, zone_en = zone_words(settings.zone)
    for teacher_id, count in counts.items():
        payload = {
            "detail_zh": f"新推送 {count} 个，截止 {when}（{zone_zh}）。",
            "detail_en": f"{count} new, due {when} ({zone_en}).",
        }
        users = accounts.get(teacher_id, [])
        notices.add(
            session,
            dict.fromkeys(users, Kind.PEER_PUSHED),
            payload,
            submission_id=None,
            group_id=None,
            actor_id=actor.user_id,
        )


def push_school(session: Session, actor: Actor, school_id: int, settings: Settings) -> PushOut:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    pool = Pool(settings.peer_pool)
    teachers = repository.school_teachers(session, school.id)
    videos = _pool_videos(session, school, pool)
    recordings = {v.submission_id: recording for v, recording in videos.items()}
    existing = [
        Push(viewer, submission)
        for viewer, submission in repository.pushes_of(
            session, viewer_ids=[t.id for t in teachers], submission_ids=[v.submission_id for v in videos]
        )
    ]
    new = assign(
        [Viewer(t.id, t.group_id) for t in teachers],
        list(videos),
        n=settings.peer_videos_per_teacher,
        seed=f"school-{school.id}",
        existing=existing,
    )
    now = utcnow()
    due = now + timedelta(days=settings.peer_due_days)
    for push in new:
        session.add(
            PeerAssignment(
                viewer_teacher_id=push.viewer_teacher_id,
                submission_id=push.submission_id,
                recording_id=recordings[push.submission_id],
                pool=pool.value,
                assigned_by=actor.user_id,
                assigned_at=now,
                due_at=due,
                played=[],
                played_share=0.0,
            )
        )
    refusals.flush(session)
    _tell(session, actor, new, due, settings)
    audit.record(
        session,
        entity_type="school",
        entity_id=school.id,
        actor=actor,
        action="peer_push",
        reason=f"pool={pool.value} n={settings.peer_videos_per_teacher} created={len(new)}",
    )
    log.info("peer.pushed", school_id=school.id, pool=pool.value, created=len(new), videos=len(videos))
    return PushOut(
        school_id=school.id,
        pool=pool.value,
        per_teacher=settings.peer_videos_per_teacher,
        teachers=len(teachers),
        videos=len(videos),
        created=len(new),
        due_at=due,
    )
