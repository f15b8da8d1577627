"""The identify stage: a recording's participants matched again from its stored faces.

Queued by ``pipeline.reidentify`` when a participant's photo is added, replaced or removed, or a
leader assigned a face. It reads no video: the stored faces are matched against the photos
enrolled now, under the recording's lock (``workers.stages.identification``). A recording
analysed before faces were kept has nothing to match from, so its analysis is queued again
instead (the one case that decodes the video once more).
"""

from __future__ import annotations

import structlog
from sqlalchemy.orm import Session

from db.models import Recording
from domain.stages import Stage
from pipeline import jobs
from pipeline.group_repository import lock_group_session
from workers.heartbeat import Progress
from workers.stages import identification
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage

log = structlog.get_logger(__name__)


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    settings = runtime.settings

    def work(_recording: Recording, _progress: Progress) -> None:
        return None  # everything happens under the lock, when the result is recorded

    def record(session: Session, recording: Recording | None, _nothing: None) -> None:
        if recording is None:  # deleted meanwhile
            return
        recording = lock_group_session(session, recording.group_id, recording.id)
        if recording is None:
            return
        if not (recording.analysis or {}).get("identified_at"):
            jobs.enqueue(session, recording.id, Stage.ANALYZE)
            log.info("identify.needs_analysis", recording_id=recording.id)
            return
        identification.identify_recording(
            session,
            recording,
            tolerance=settings.face_match_tolerance,
            session_min_s=settings.group_session_min_duration_s,
        )

    return run_stage(runtime, recording_id, Stage.IDENTIFY, worker=worker, work=work, record=record)
