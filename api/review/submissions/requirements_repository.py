"""The queries behind a page of submissions' requirement states: a fixed number, whatever its length."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CatalogueVersion, ProcessingJob, Recording, School, SubmissionDocument
from domain.evidence_requirements import RecordingFacts
from domain.recordings import recording_status
from domain.stages import StageState


def provinces_of(session: Session, school_ids: Iterable[int]) -> dict[int, str]:
    """Each school's province (whose catalogue its teachers' points follow)."""
    ids = set(school_ids)
    if not ids:
        return {}
    return {i: p for i, p in session.execute(select(School.id, School.province).where(School.id.in_(ids)))}


def catalogue_rows(session: Session, provinces: Iterable[str]) -> dict[str, CatalogueVersion]:
    """The provinces' own catalogue copies; a province missing here follows the national seed."""
    names = set(provinces)
    if not names:
        return {}
    rows = session.scalars(select(CatalogueVersion).where(CatalogueVersion.province.in_(names)))
    return {row.province: row for row in rows}


def recording_facts(session: Session, recording_ids: Iterable[str]) -> dict[str, RecordingFacts]:
    """What the requirements judge of each attached recording (``requirements.facts``), read as plain
    rows: its probed figures and its stages' states. Loading whole recordings with their stages
    (their JSON columns, an object per stage) was most of a 100-row page's time."""
    ids = set(recording_ids)
    if not ids:
        return {}
    stages: dict[str, list[StageState]] = {}
    jobs = select(ProcessingJob.recording_id, ProcessingJob.state).where(ProcessingJob.recording_id.in_(ids))
    for recording_id, state in session.execute(jobs):
        stages.setdefault(recording_id, []).append(StageState(state))
    figures = select(
        Recording.id, Recording.duration_s, Recording.size_bytes, Recording.sniffed_container, Recording.checks_ok
    ).where(Recording.id.in_(ids))
    return {
        rid: RecordingFacts(
            status=recording_status(stages.get(rid, ()), checks_ok=checks_ok),
            duration_s=duration_s,
            size_bytes=size_bytes,
            container=container,
        )
        for rid, duration_s, size_bytes, container, checks_ok in session.execute(figures)
    }


def document_keys(session: Session, submission_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For each submission, the evidence items it has a document for."""
    ids = set(submission_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(SubmissionDocument.submission_id, SubmissionDocument.item_key)
        .where(SubmissionDocument.submission_id.in_(ids), SubmissionDocument.item_key.is_not(None))
        .distinct()
    ).tuples()
    found: dict[int, set[str]] = {}
    for submission_id, key in rows:
        found.setdefault(submission_id, set()).add(key)
    return {k: frozenset(v) for k, v in found.items()}
