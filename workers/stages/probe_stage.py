"""The probe stage: read the original's metadata with ffprobe and apply the duration rule.

Once the probe succeeds, analysis and transcoding are queued; they run in parallel on
their own queues.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Recording
from domain.duration import check_duration
from domain.stages import Stage
from pipeline import jobs
from workers.heartbeat import Progress
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage
from workers.video.probe import MediaInfo, probe

FOLLOW_UP_STAGES = (Stage.ANALYZE, Stage.TRANSCODE)


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    """Probe one recording; raises TransientFailure when storage or the database failed."""
    settings = runtime.settings

    def work(recording: Recording, _progress: Progress) -> MediaInfo:
        with runtime.store.local_path(recording.original_key, settings.scratch_dir) as path:
            return probe(path, ffprobe_binary=settings.ffprobe_binary, timeout_s=settings.ffprobe_timeout_s)

    def record(session: Session, recording: Recording, info: MediaInfo) -> None:
        problem = check_duration(
            recording.kind, info.duration_s, group_session_min_s=settings.group_session_min_duration_s
        )
        recording.duration_s = info.duration_s
        recording.media_info = info.as_dict()
        recording.checks = {**(recording.checks or {}), "duration": {"ok": problem is None, **_reason(problem)}}
        for stage in FOLLOW_UP_STAGES:
            jobs.enqueue(session, recording.id, stage)

    return run_stage(runtime, recording_id, Stage.PROBE, worker=worker, work=work, record=record)


def _reason(problem) -> dict:
    return problem.as_dict() if problem else {}
