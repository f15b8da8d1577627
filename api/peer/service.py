"""The viewer's side of peer learning: their 待观看 list, reporting what was played, and the 观课议课.

Only the teacher the video was pushed to reads or writes their assignment (another account gets
404, as for an id that does not exist). Reports are merged into the stored intervals under the
row's lock, so reloads and several tabs add up and never count a stretch twice; the view counts
(``counted_at``) the first time the share reaches ``peer_count_fraction`` and stays counted.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

import structlog
from sqlalchemy.orm import Session

from api.errors import Conflict, Forbidden, NotFound, Unprocessable
from api.peer import repository
from api.peer.schemas import AssignmentOut, CommentIn, PeerCommentOut, PeerRulesOut, ProgressIn, ProgressOut
from api.shared import refusals
from config import Settings
from db.base import utcnow
from db.models import PeerAssignment, PeerComment
from domain import peer_reasons as pr
from domain.catalogue import load_seed_catalogue
from domain.roles import Actor
from domain.watch_coverage import Segment, add_report, within_wall_budget

# A real player makes a handful of stretches (one per seek); thousands are a script, and would
# only bloat the stored row.
MAX_INTERVALS = 1000

log = structlog.get_logger(__name__)


@lru_cache
def _point_names() -> dict[str, str]:
    return {p.code: p.name_zh for p in load_seed_catalogue().points}


def point_name(code: str) -> str | None:
    return _point_names().get(code)


def viewer_id(actor: Actor) -> int:
    if actor.teacher_id is None:
        raise Forbidden(pr.NOT_A_TEACHER)
    return actor.teacher_id


def rules(settings: Settings) -> PeerRulesOut:
    return PeerRulesOut(
        per_teacher=settings.peer_videos_per_teacher,
        pool=settings.peer_pool,
        due_days=settings.peer_due_days,
        rating_levels=list(settings.peer_ratings),
        comment_min_chars=settings.peer_comment_min_chars,
        comment_max_chars=settings.peer_comment_max_chars,
        count_fraction=settings.peer_count_fraction,
        max_rate=settings.peer_max_rate,
    )


def _out(row: tuple, settings: Settings, now) -> AssignmentOut:
    assignment, work, recording, author, school, comment = row
    counted = assignment.counted_at is not None
    done = counted and comment is not None
    return AssignmentOut(
        id=assignment.id,
        submission_id=work.id,
        recording_id=recording.id,
        capability_code=work.capability_code,
        point_name=point_name(work.capability_code),
        author_name=author.name,
        school_name=school.name,
        pool=assignment.pool,
        assigned_at=assignment.assigned_at,
        due_at=assignment.due_at,
        overdue=not done and assignment.due_at is not None and assignment.due_at < now,
        duration_s=recording.duration_s,
        played=[list(i) for i in assignment.played or []],
        played_share=assignment.played_share,
        needed_share=settings.peer_count_fraction,
        counted=counted,
        comment=PeerCommentOut.model_validate(comment, from_attributes=True) if comment else None,
        done=done,
    )


def my_list(session: Session, actor: Actor, settings: Settings) -> list[AssignmentOut]:
    now = utcnow()
    return [_out(row, settings, now) for row in repository.of_viewer(session, viewer_id(actor))]


def _row(session: Session, actor: Actor, assignment_id: int) -> tuple:
    row = repository.one_of_viewer(session, viewer_id(actor), assignment_id)
    if row is None:
        raise NotFound("观摩任务", "Peer video")
    return row


def detail(session: Session, actor: Actor, assignment_id: int, settings: Settings) -> AssignmentOut:
    return _out(_row(session, actor, assignment_id), settings, utcnow())


def report(session: Session, actor: Actor, assignment_id: int, body: ProgressIn, settings: Settings) -> ProgressOut:
    """Merge a player's report into what is stored; count the view once the share is reached."""
    _, _, recording, _, _, _ = _row(session, actor, assignment_id)
    if not recording.duration_s:
        raise Conflict(pr.DURATION_UNKNOWN)
    assignment = repository.locked_assignment(session, assignment_id)
    now = utcnow()
    # The server's clock bounds the claimed wall time: the first report starts it (with the slack
    # for what that report itself covers), each report spends what it claims.
    clock = assignment.watch_clock_at or now - timedelta(seconds=settings.peer_clock_slack_s)
    segments, spent = within_wall_budget(
        [Segment(s.start, s.end, s.wall_s) for s in body.segments], (now - clock).total_seconds()
    )
    assignment.watch_clock_at = clock + timedelta(seconds=spent)
    coverage = add_report(
        assignment.played or [],
        segments,
        duration_s=recording.duration_s,
        max_rate=settings.peer_max_rate,
        fraction=settings.peer_count_fraction,
    )
    if len(coverage.played) > MAX_INTERVALS:
        raise Unprocessable(pr.TOO_FRAGMENTED.format(max=MAX_INTERVALS))
    assignment.played = [list(i) for i in coverage.played]
    assignment.played_share = coverage.share
    if coverage.counts and assignment.counted_at is None:
        assignment.counted_at = utcnow()
        log.info("peer.view_counted", assignment_id=assignment.id, share=coverage.share)
    refusals.flush(session)
    return ProgressOut(
        played=assignment.played,
        played_share=assignment.played_share,
        needed_share=settings.peer_count_fraction,
        counted=assignment.counted_at is not None,
    )


def _check_comment(body: CommentIn, settings: Settings) -> tuple[str, str]:
    levels = settings.peer_ratings
    rating = body.rating.strip()
    if rating not in levels:
        raise Unprocessable(pr.RATING_UNKNOWN.format(rating=rating, levels="、".join(levels)))
    text = body.text.strip()
    if len(text) < settings.peer_comment_min_chars:
        raise Unprocessable(pr.COMMENT_TOO_SHORT.format(min=settings.peer_comment_min_chars, got=len(text)))
    if len(text) > settings.peer_comment_max_chars:
        raise Unprocessable(pr.COMMENT_TOO_LONG.format(max=settings.peer_comment_max_chars, got=len(text)))
    return rating, text


def comment(session: Session, actor: Actor, assignment_id: int, body: CommentIn, settings: Settings) -> AssignmentOut:
    """Write (or rewrite) the viewer's 观课议课: only once the view counted (seed 001 观看与点评)."""
    assignment: PeerAssignment = _row(session, actor, assignment_id)[0]
    if assignment.counted_at is None:
        raise Conflict(
            pr.NOT_WATCHED.format(
                share=round(assignment.played_share * 100), need=round(settings.peer_count_fraction * 100)
            )
        )
    rating, text = _check_comment(body, settings)
    now = utcnow()
    row = repository.comment_of(session, assignment.id)
    if row is None:
        row = PeerComment(assignment_id=assignment.id, rating=rating, text=text, created_at=now, updated_at=now)
        session.add(row)
    else:
        row.rating, row.text, row.updated_at = rating, text, now
    refusals.flush(session)
    log.info("peer.commented", assignment_id=assignment.id, rating=rating)
    return detail(session, actor, assignment_id, settings)
