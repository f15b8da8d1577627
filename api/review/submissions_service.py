"""Submissions: one teacher's evidence (a lesson recording plus documents) for one chosen point.

A submission can exist only for a point of the teacher's *confirmed* selection, and its
recording must be a lesson of that teacher for that point. States change only through
``api.review.audit.apply_transition`` (see ``transitions_service``); creating the draft is
recorded in the audit log too, so a submission's history starts at its birth.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import BadRequest, Conflict
from api.recordings.service import overall_status
from api.review import audit, authorship, documents, refusals, scope
from api.review.schemas_submissions import SubmissionIn, SubmissionOut
from db.base import utcnow
from db.models import PointSelection, Recording, Submission, Teacher
from domain import review_api_reasons as ar
from domain.roles import Actor
from domain.school_setup import SelectionStatus
from domain.workflow import State

_UNUSABLE_RECORDINGS = frozenset({"rejected", "failed"})


def out(
    session: Session,
    actor: Actor,
    submission: Submission,
    *,
    with_documents: bool = True,
    leaders: set[int] | None = None,
) -> SubmissionOut:
    """The submission as ``actor`` sees it; ``leaders`` (``authorship.leaders_among``) saves a query a row."""
    teacher = session.get(Teacher, submission.teacher_id)
    if leaders is None:
        leaders = authorship.leaders_among(session, [teacher.id])
    docs = documents.of_submission(session, submission.id) if with_documents else None
    return SubmissionOut.of(submission, teacher, actor, docs, authorship.authorship(actor, teacher, leaders=leaders))


def out_many(session: Session, actor: Actor, submissions: list[Submission]) -> list[SubmissionOut]:
    """A page of submissions without their documents."""
    leaders = authorship.leaders_among(session, {s.teacher_id for s in submissions})
    return [out(session, actor, s, with_documents=False, leaders=leaders) for s in submissions]


def require_selected(session: Session, teacher_id: int, code: str) -> None:
    """The point must be one of the teacher's confirmed selection."""
    selection = session.get(PointSelection, teacher_id)
    if selection is None or selection.status != SelectionStatus.CONFIRMED.value:
        raise Conflict(ar.SUBMISSION_SELECTION_NOT_CONFIRMED)
    if code not in selection.codes:
        raise Conflict(ar.SUBMISSION_POINT_NOT_SELECTED.format(code=code, codes=", ".join(selection.codes)))


def _lesson_of(session: Session, recording_id: str, teacher: Teacher, code: str) -> Recording:
    recording = session.get(Recording, recording_id)
    if (
        recording is None
        or recording.kind != "lesson"
        or recording.teacher_id != teacher.id
        or recording.capability_code != code
    ):
        # One answer whether the recording is missing or someone else's: ids cannot be probed.
        raise BadRequest(ar.SUBMISSION_RECORDING_MISMATCH.format(code=code))
    return recording


def create(session: Session, actor: Actor, body: SubmissionIn) -> Submission:
    """A draft for a chosen point, optionally with its recording attached already."""
    teacher = scope.authorable_teacher(session, actor, body.teacher_id)
    code = body.capability_code.strip().upper()
    require_selected(session, teacher.id, code)
    existing = session.scalar(
        select(Submission.id).where(Submission.teacher_id == teacher.id, Submission.capability_code == code)
    )
    if existing is not None:
        raise Conflict(ar.SUBMISSION_EXISTS.format(code=code, id=existing), extra={"submission_id": existing})
    recording = _lesson_of(session, body.recording_id, teacher, code) if body.recording_id else None
    now = utcnow()
    submission = Submission(
        teacher_id=teacher.id,
        capability_code=code,
        state=State.DRAFT.value,  # the initial state; every later one goes through apply_transition
        recording_id=recording.id if recording else None,
        item_grades={},
        created_at=now,
        updated_at=now,
    )
    session.add(submission)
    refusals.flush(session)  # a concurrent duplicate hits the unique constraint here → 409
    audit.record(
        session, entity_type="submission", entity_id=submission.id, actor=actor, action="create", to_state="draft"
    )
    return submission


def attach_recording(session: Session, actor: Actor, submission_id: int, recording_id: str) -> Submission:
    """Attach (or replace) the lesson recording while the work is the author's to change."""
    submission = scope.visible_submission(session, actor, submission_id, lock=True)
    teacher = session.get(Teacher, submission.teacher_id)
    scope.require_author(actor, teacher)
    documents.require_editable(submission)
    submission.recording_id = _lesson_of(session, recording_id, teacher, submission.capability_code).id
    submission.updated_at = utcnow()
    refusals.flush(session)
    return submission


def require_ready(session: Session, submission: Submission) -> None:
    """What submitting needs beyond the workflow: a usable recording of a still-chosen point."""
    require_selected(session, submission.teacher_id, submission.capability_code)
    recording = session.get(Recording, submission.recording_id) if submission.recording_id else None
    if recording is None:
        raise Conflict(ar.SUBMISSION_RECORDING_MISSING)
    status = overall_status(recording)
    if status in _UNUSABLE_RECORDINGS:
        raise Conflict(ar.SUBMISSION_RECORDING_UNUSABLE.format(status=status))
    if status != "ready":
        # Until its checks and transcoding finish, the leader could neither trust nor play it.
        raise Conflict(ar.SUBMISSION_RECORDING_PROCESSING)


def listing(
    session: Session,
    actor: Actor,
    *,
    state: State | None,
    teacher_id: int | None,
    group_id: int | None,
    limit: int,
    offset: int,
) -> list[SubmissionOut]:
    query = scope.visible_submissions(actor)
    if state is not None:
        query = query.where(Submission.state == state.value)
    if teacher_id is not None:
        query = query.where(Submission.teacher_id == teacher_id)
    if group_id is not None:
        query = query.where(Teacher.group_id == group_id)
    return out_many(session, actor, list(session.scalars(query.limit(limit).offset(offset))))


def detail(session: Session, actor: Actor, submission_id: int) -> SubmissionOut:
    return out(session, actor, scope.visible_submission(session, actor, submission_id))
