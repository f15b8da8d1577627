"""Identify a teacher's group sessions again when their reference photos change.

A photo added, replaced or removed (or a face a leader assigned) changes who the analysis can
recognise, so every session listing that teacher is matched again from the faces it stored
(``db.models.RecordingFace``), without decoding the video: an ``identify`` job per recording.
Both the API (a photo removed, a face assigned) and the workers (a photo enrolled) call this,
in the transaction that made the change.

A session whose analysis has not finished needs nothing: its analyze stage reads the photos
when it records its result. A running ``identify`` job needs nothing either: it reads them
after taking the recording's lock, which this transaction holds until it commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.stages import Stage, StageState
from pipeline import jobs
from pipeline.reidentify_repository import sessions_listing


def after_reference_change(session: Session, teacher_id: int) -> list[str]:
    """Queue an ``identify`` job for each analysed session listing ``teacher_id``; their ids."""
    queued = []
    for recording in sessions_listing(session, teacher_id):
        states = {Stage(job.stage): StageState(job.state) for job in recording.jobs}
        if states.get(Stage.ANALYZE) is not StageState.DONE:
            continue
        if states.get(Stage.IDENTIFY) in (StageState.QUEUED, StageState.RUNNING):
            continue
        jobs.enqueue(session, recording.id, Stage.IDENTIFY)
        queued.append(recording.id)
    return queued
