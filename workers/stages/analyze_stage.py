"""The analyze stage: padding, effective duration, and who shows their face on camera.

Its result is a checks summary for the group leader (``domain.evidence_checks``), not a
verdict. Everyone on camera is kept (``RecordingFace``: their face encoding, the frames showing
them, their best crop under ``storage.keys.face_crop_key``), so a photo added later identifies
the recording again without this stage (``workers.stages.identify_stage``). Identification
itself happens when the result is recorded, against the photos enrolled at that moment
(``workers.stages.identification``): a photo enrolled while the video was being decoded counts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.models import Recording
from domain.stages import Stage
from pipeline.group_repository import lock_group_session
from storage.keys import face_crop_key, face_crops_root, face_crops_run
from workers.heartbeat import Progress
from workers.stages import duplicates, identification
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage
from workers.video.analysis import AnalysisResult, analyze
from workers.video.face_detector import load_detector
from workers.video.probe import MediaInfo


@dataclass(frozen=True)
class Analysed:
    result: AnalysisResult
    run: str
    crop_keys: dict[int, str]


def _store_crops(store, recording_id: str, result: AnalysisResult) -> tuple[str, dict[int, str]]:
    """Each person's best crop, under a folder of this run's own (the shown run's stay until replaced)."""
    run = uuid.uuid4().hex[:12]
    keys = {}
    for person in result.people:
        if person.crop:
            keys[person.n] = face_crop_key(recording_id, run, person.n)
            store.put_bytes(keys[person.n], person.crop, "image/jpeg")
    return run, keys


def _forget_other_runs(store, recording_id: str, keep: str) -> None:
    """Delete the crops of earlier runs: the rows that pointed at them are gone."""
    for key in store.list_keys(face_crops_root(recording_id)):
        if face_crops_run(key) != keep:
            store.delete(key)


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    settings = runtime.settings

    def work(recording: Recording, progress: Progress) -> Analysed:
        with runtime.transaction() as session:
            # Only to settle face tracks early; the match itself is made when the result is recorded.
            references = identification.references_of(session, identification.listed(recording))
        with runtime.store.local_path(recording.original_key, settings.scratch_dir) as path:
            result = analyze(
                path,
                references=references,
                detector=load_detector(
                    model_path=settings.face_detector_model,
                    min_face_px=settings.face_min_px,
                    score_threshold=settings.face_score_threshold,
                    threads=settings.analysis_threads,
                ),
                tolerance=settings.face_match_tolerance,
                threads=settings.analysis_threads,
                progress=progress.report,
                info=MediaInfo(**recording.media_info) if recording.media_info else None,
                ffmpeg_binary=settings.ffmpeg_binary,
                ffprobe_binary=settings.ffprobe_binary,
            )
        run_id, crop_keys = _store_crops(runtime.store, recording.id, result)
        return Analysed(result=result, run=run_id, crop_keys=crop_keys)

    def record(session: Session, recording: Recording | None, analysed: Analysed) -> None:
        if recording is None:  # deleted while we worked
            return
        recording = lock_group_session(session, recording.group_id, recording.id)
        if recording is None:
            return
        result = analysed.result
        body = result.as_dict()
        body.pop("participants"), body.pop("unknown")  # written by the identification below
        counted_before = identification.counts_now(recording) and bool(recording.analysis)
        recording.analysis = {**(recording.analysis or {}), **body}
        # A re-run's facts are new: an acceptance given for the earlier ones no longer stands.
        recording.accepted_by = recording.accepted_at = recording.accepted_reason = None
        identification.keep_faces(session, recording, result.people, analysed.crop_keys)
        identification.identify_recording(
            session,
            recording,
            tolerance=settings.face_match_tolerance,
            session_min_s=settings.group_session_min_duration_s,
            counted_before=counted_before,
        )
        # Lessons and sessions alike; None until the analysis gives a fingerprint.
        duplicate = duplicates.check(session, recording, getattr(result, "fingerprint", None), zone=settings.zone)
        if duplicate is not None:
            recording.checks = {**recording.checks, duplicates.CHECK: duplicate}
        _forget_other_runs(runtime.store, recording.id, analysed.run)

    return run_stage(runtime, recording_id, Stage.ANALYZE, worker=worker, work=work, record=record)
