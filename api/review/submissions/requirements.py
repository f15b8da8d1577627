"""The point's evidence requirements at the submissions gate, and their state on every submission.

Attaching a recording is refused (422) when the point asks for no video or the recording breaks
its video item's limits; submitting (and resubmitting) is refused (409) with every missing or
violating item in ``violations``. A recording probed only after it was attached is judged
whenever the work is read or submitted, so the card shows the problem once the duration is known.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Conflict, Unprocessable
from api.recordings.service import status_of
from api.review.submissions import repository
from api.review.submissions import requirements_repository as rows
from api.review.submissions.requirement_schemas import RequirementsOut
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.models import Recording, Submission, Teacher
from domain import requirement_reasons as qr
from domain.catalogue import Catalogue
from domain.evidence_requirements import (
    RecordingFacts,
    Requirements,
    attach_refusal,
    check_work,
    default_requirements,
    problems,
    requirements_for,
)


def facts(recording: Recording) -> RecordingFacts:
    return RecordingFacts(
        status=status_of(recording),
        duration_s=recording.duration_s,
        size_bytes=recording.size_bytes,
        container=recording.sniffed_container,
    )


def _of(catalogue: Catalogue, code: str) -> Requirements:
    point = catalogue.get(code)
    return requirements_for(point) if point is not None else default_requirements(code)


def of_point(session: Session, teacher: Teacher, code: str) -> Requirements:
    """What the point asks of this teacher's work, by the teacher's school's catalogue."""
    return _of(inputs.catalogue_for(session, teacher.school_id), code)


def require_attachable(session: Session, teacher: Teacher, code: str, recording: Recording) -> None:
    """422 naming the limit (and the recording's duration) when the point cannot take this recording."""
    reason = attach_refusal(of_point(session, teacher, code), facts(recording))
    if reason is not None:
        raise Unprocessable(reason, extra=refusals.violations((reason,)))


def require_complete(session: Session, submission: Submission) -> None:
    """409 listing every item still missing or violating; nothing when the work is complete."""
    teacher = repository.teachers(session, [submission.teacher_id])[submission.teacher_id]
    recording = repository.recording(session, submission.recording_id) if submission.recording_id else None
    keys = rows.document_keys(session, [submission.id]).get(submission.id, frozenset())
    checks = check_work(
        of_point(session, teacher, submission.capability_code),
        recording=facts(recording) if recording is not None else None,
        document_keys=keys,
    )
    found = problems(checks)
    if found:
        summary = found[0] if len(found) == 1 else qr.UNMET.format(count=len(found))
        raise Conflict(summary, extra=refusals.violations(found))


def states(
    session: Session, submissions: list[Submission], teachers_by_id: dict[int, Teacher]
) -> dict[int, RequirementsOut]:
    """Each submission's requirements and their state, in four queries for the whole page."""
    provinces = rows.provinces_of(session, {t.school_id for t in teachers_by_id.values()})
    stored = rows.catalogue_rows(session, set(provinces.values()))
    catalogues = {p: inputs.catalogue_of(stored.get(p)) for p in set(provinces.values())}
    recordings = rows.recording_facts(session, {s.recording_id for s in submissions if s.recording_id})
    keys = rows.document_keys(session, [s.id for s in submissions])
    found = {}
    for submission in submissions:
        province = provinces.get(teachers_by_id[submission.teacher_id].school_id)
        catalogue = catalogues.get(province) or inputs.seed_catalogue()
        requirements = _of(catalogue, submission.capability_code)
        checks = check_work(
            requirements,
            recording=recordings.get(submission.recording_id) if submission.recording_id else None,
            document_keys=keys.get(submission.id, frozenset()),
        )
        found[submission.id] = RequirementsOut.of(requirements, checks)
    return found
