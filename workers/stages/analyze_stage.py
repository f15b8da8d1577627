"""The analyze stage: padding, effective duration, and who shows their face on camera.

Its result is a checks summary for the group leader (``domain.evidence_checks``), not a
verdict. Evidence crops go to ``storage.keys.evidence_crop_key`` (a re-run overwrites them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from db.models import Recording
from domain.evidence_checks import ParticipantEvidence, summarize
from domain.recordings import RecordingKind
from domain.stages import Stage
from storage.keys import evidence_crop_key, unknown_crop_key, unknown_crops_prefix
from workers.heartbeat import Progress
from workers.stages import duplicates, repository
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage
from workers.video.analysis import AnalysisResult, analyze
from workers.video.face_detector import load_detector
from workers.video.probe import MediaInfo


@dataclass(frozen=True)
class Analysed:
    result: AnalysisResult
    names: dict[int, str]
    crop_keys: dict[int, str]
    unknown_keys: list[str | None]


def _people(runtime, recording: Recording) -> tuple[dict[int, str], dict[str, list[np.ndarray]]]:
    """Listed participants (or the lesson's teacher) and their enrolled encodings."""
    ids = [p.teacher_id for p in recording.participants] or ([recording.teacher_id] if recording.teacher_id else [])
    with runtime.transaction() as session:
        names = repository.teacher_names(session, ids)
        rows = repository.enrolled_encodings(session, ids)
    references: dict[str, list[np.ndarray]] = {str(i): [] for i in ids}
    for teacher_id, encoding in rows:
        references[str(teacher_id)].append(np.asarray(encoding, dtype=np.float64))
    return names, references


def _store_unknown(store, recording_id: str, result: AnalysisResult) -> list[str | None]:
    """Each unknown person's best crop, where the leader can look at it; a re-run's crops replace these."""
    store.delete_prefix(unknown_crops_prefix(recording_id))
    keys: list[str | None] = []
    for index, person in enumerate(result.unknown):
        key = unknown_crop_key(recording_id, index) if person.evidence_jpeg else None
        if key:
            store.put_bytes(key, person.evidence_jpeg, "image/jpeg")
        keys.append(key)
    return keys


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    settings = runtime.settings

    def work(recording: Recording, progress: Progress) -> Analysed:
        names, references = _people(runtime, recording)
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
        crop_keys = {}
        for participant in result.participants:
            crop = result.evidence(participant.name)
            if crop is not None:
                key = evidence_crop_key(recording.id, participant.name)
                runtime.store.put_bytes(key, crop, "image/jpeg")
                crop_keys[int(participant.name)] = key
        return Analysed(
            result=result,
            names=names,
            crop_keys=crop_keys,
            unknown_keys=_store_unknown(runtime.store, recording.id, result),
        )

    def record(session: Session, recording: Recording, analysed: Analysed) -> None:
        result = analysed.result
        body = result.as_dict()
        for row, key in zip(body["unknown"], analysed.unknown_keys, strict=True):
            row["evidence_key"] = key
        people = []
        for participant, row in zip(result.participants, body["participants"], strict=True):
            teacher_id = int(participant.name)
            row.update(teacher_id=teacher_id, name=analysed.names.get(teacher_id, participant.name))
            row["evidence_key"] = analysed.crop_keys.get(teacher_id)
            people.append(
                ParticipantEvidence(
                    teacher_id=teacher_id,
                    name=row["name"],
                    has_reference=participant.has_reference,
                    seen=participant.seen,
                    first_seen_s=participant.first_seen_s,
                    seen_fraction=participant.seen_fraction,
                )
            )
        recording.analysis = body
        checks = summarize(
            recording.kind,
            duration_s=recording.duration_s,
            effective_duration_s=result.effective_duration_s,
            participants=people if RecordingKind(recording.kind) is RecordingKind.GROUP_SESSION else [],
            unknown_faces=result.unknown_faces,
            frames_with_faces=result.frames_with_faces,
            group_session_min_s=settings.group_session_min_duration_s,
        )
        # Lessons and sessions alike; None until the analysis gives a fingerprint.
        duplicate = duplicates.check(session, recording, getattr(result, "fingerprint", None))
        if duplicate is not None:
            checks[duplicates.CHECK] = duplicate
        recording.checks = {**(recording.checks or {}), **checks}

    return run_stage(runtime, recording_id, Stage.ANALYZE, worker=worker, work=work, record=record)
