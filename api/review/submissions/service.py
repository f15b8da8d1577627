"""Submissions: one teacher's evidence (a lesson recording plus documents) for one chosen point.

A submission can exist only for a point of the teacher's *confirmed* selection, and its
recording must be a lesson of that teacher for that point. Its state changes only through
``transitions``; creating the draft is recorded in the audit log too, so a submission's
history starts at its birth.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from api.errors import BadRequest, Conflict, Forbidden, NotFound
from api.review.submissions import repository, requirements
from api.review.submissions.requirement_schemas import RequirementsOut
from api.review.submissions.schemas import SubmissionIn, SubmissionOut
from api.shared import audit, refusals
from api.shared import repository as shared_rows
from api.shared.keyset import Page, page_of
from api.shared.visibility import submission_facts
from api.teachers import service as teachers
from db.base import utcnow
from db.models import Recording, Submission, Teacher
from domain import review_api_reasons as ar
from domain.recordings import RecordingKind
from domain.roles import Actor, can_upload_lesson
from domain.school_setup import SelectionStatus
from domain.visibility import can_see_submission
from domain.workflow import EDITABLE_STATES, STATE_LABELS, WORKFLOW, Authorship, State


def get_visible(session: Session, actor: Actor, submission_id: int, *, lock: bool = False) -> Submission:
    """The submission (locked with its group when ``lock``), or 404 when the actor may not see it."""
    submission = repository.lock(session, submission_id) if lock else repository.get(session, submission_id)
    teacher = shared_rows.teacher(session, submission.teacher_id) if submission is not None else None
    if submission is None or teacher is None or not can_see_submission(actor, submission_facts(submission, teacher)):
        raise NotFound("作品", "Submission")
    return submission


def author(session: Session, submission: Submission) -> Teacher:
    """The teacher whose work the submission is."""
    return shared_rows.teacher(session, submission.teacher_id)


def authors(session: Session, submissions: list[Submission]) -> dict[int, Teacher]:
    """The teachers whose work these are, by id, in one query."""
    return repository.teachers(session, {s.teacher_id for s in submissions})


def require_author(actor: Actor, teacher: Teacher) -> None:
    """Evidence for a teacher comes from the teacher, their leader or their school (as uploads do)."""
    facts = {"teacher_id": teacher.id, "teacher_school_id": teacher.school_id, "teacher_group_id": teacher.group_id}
    if not can_upload_lesson(actor, **facts):
        raise Forbidden()


def require_editable(submission: Submission) -> None:
    state = State(submission.state)
    if state not in EDITABLE_STATES:
        zh, en = STATE_LABELS[state]
        raise Conflict(ar.SUBMISSION_NOT_EDITABLE.format(state_zh=zh, state_en=en))


def editable(session: Session, actor: Actor, submission_id: int, *, lock: bool = True) -> tuple[Submission, Teacher]:
    """The submission if the actor may change its evidence now (routes check before reading a body)."""
    submission = get_visible(session, actor, submission_id, lock=lock)
    teacher = shared_rows.teacher(session, submission.teacher_id)
    require_author(actor, teacher)
    require_editable(submission)
    return submission, teacher


def authorship(actor: Actor, teacher: Teacher, *, leaders: set[int]) -> Authorship:
    """Whose work it is: the actor's own, or a group leader's (``leaders``: ``repository.leaders_among``)."""
    return Authorship(own_work=actor.teacher_id == teacher.id, author_leads_group=teacher.id in leaders)


def authorships(session: Session, actor: Actor, teachers: Iterable[Teacher]) -> dict[int, Authorship]:
    """:func:`authorship` of each teacher, by id, with the leaders among them read in one query."""
    listed = list(teachers)
    leaders = repository.leaders_among(session, [t.id for t in listed])
    return {t.id: authorship(actor, t, leaders=leaders) for t in listed}


def out(
    session: Session,
    actor: Actor,
    submission: Submission,
    *,
    with_documents: bool = True,
    leaders: set[int] | None = None,
    teacher: Teacher | None = None,
    state: RequirementsOut | None = None,
) -> SubmissionOut:
    """The submission as ``actor`` sees it; ``leaders``, ``teacher`` and ``state`` (its requirements'
    state) save queries on a page."""
    teacher = teacher or shared_rows.teacher(session, submission.teacher_id)
    if leaders is None:
        leaders = repository.leaders_among(session, [teacher.id])
    docs = repository.documents_of(session, submission.id) if with_documents else None
    if state is None:
        state = requirements.states(session, [submission], {teacher.id: teacher})[submission.id]
    return SubmissionOut.of(submission, teacher, actor, docs, authorship(actor, teacher, leaders=leaders), state)


def out_many(session: Session, actor: Actor, submissions: list[Submission]) -> list[SubmissionOut]:
    """A page of submissions without their documents, in a fixed number of queries."""
    teachers_by_id = authors(session, submissions)
    leaders = repository.leaders_among(session, teachers_by_id)
    states = requirements.states(session, submissions, teachers_by_id)
    return [
        out(
            session,
            actor,
            s,
            with_documents=False,
            leaders=leaders,
            teacher=teachers_by_id[s.teacher_id],
            state=states[s.id],
        )
        for s in submissions
    ]


def require_selected(session: Session, teacher_id: int, code: str) -> None:
    """The point must be one of the teacher's confirmed selection."""
    selection = shared_rows.point_selection(session, teacher_id)
    if selection is None or SelectionStatus(selection.status) is not SelectionStatus.CONFIRMED:
        raise Conflict(ar.SUBMISSION_SELECTION_NOT_CONFIRMED)
    if code not in selection.codes:
        raise Conflict(ar.SUBMISSION_POINT_NOT_SELECTED.format(code=code, codes=", ".join(selection.codes)))


def _lesson_of(session: Session, recording_id: str, teacher: Teacher, code: str) -> Recording:
    recording = repository.recording(session, recording_id)
    if (
        recording is None
        or RecordingKind(recording.kind) is not RecordingKind.LESSON
        or recording.teacher_id != teacher.id
        or recording.capability_code != code
    ):
        # One answer whether the recording is missing or someone else's: ids cannot be probed.
        raise BadRequest(ar.SUBMISSION_RECORDING_MISMATCH.format(code=code))
    return recording


def create(session: Session, actor: Actor, body: SubmissionIn) -> Submission:
    """A draft for a chosen point, optionally with its recording attached already."""
    teacher = teachers.get_visible(session, actor, body.teacher_id)
    require_author(actor, teacher)
    code = body.capability_code.strip().upper()
    require_selected(session, teacher.id, code)
    existing = repository.id_for_point(session, teacher.id, code)
    if existing is not None:
        raise Conflict(ar.SUBMISSION_EXISTS.format(code=code, id=existing), extra={"submission_id": existing})
    recording = _lesson_of(session, body.recording_id, teacher, code) if body.recording_id else None
    if recording is not None:
        requirements.require_attachable(session, teacher, code, recording)
    now = utcnow()
    submission = Submission(
        teacher_id=teacher.id,
        school_id=teacher.school_id,
        capability_code=code,
        state=WORKFLOW.initial.value,  # every later state goes through ``transitions``
        recording_id=recording.id if recording else None,
        item_grades={},
        created_at=now,
        updated_at=now,
    )
    session.add(submission)
    refusals.flush(session)  # a concurrent duplicate hits the unique constraint here → 409
    audit.record(
        session,
        entity_type="submission",
        entity_id=submission.id,
        actor=actor,
        action="create",
        to_state=WORKFLOW.initial,
    )
    return submission


def attach_recording(session: Session, actor: Actor, submission_id: int, recording_id: str) -> Submission:
    """Attach (or replace) the lesson recording while the work is the author's to change."""
    submission, teacher = editable(session, actor, submission_id)
    recording = _lesson_of(session, recording_id, teacher, submission.capability_code)
    requirements.require_attachable(session, teacher, submission.capability_code, recording)
    submission.recording_id = recording.id
    submission.updated_at = utcnow()
    refusals.flush(session)
    return submission


def require_ready(session: Session, submission: Submission) -> None:
    """What submitting needs beyond the workflow: a still-chosen point, and every evidence item the
    point asks for (``requirements``: its documents, its video ready and within limits)."""
    require_selected(session, submission.teacher_id, submission.capability_code)
    requirements.require_complete(session, submission)


def listing(
    session: Session, actor: Actor, *, after: int | None = None, limit: int, offset: int = 0, **filters
) -> Page[SubmissionOut]:
    """A page of what the actor may see, newest first, and the id the next page starts after;
    ``filters``: ``repository.visible_page``'s."""
    rows = repository.visible_page(session, actor, after=after, limit=limit + 1, offset=offset, **filters)
    rows, next_key = page_of(rows, limit, lambda s: (s.id,))
    return Page(out_many(session, actor, rows), next_key)


def detail(session: Session, actor: Actor, submission_id: int) -> SubmissionOut:
    return out(session, actor, get_visible(session, actor, submission_id))
