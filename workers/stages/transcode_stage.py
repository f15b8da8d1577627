"""The transcode stage: browser-ready outputs, published all at once.

Outputs are built in scratch space, uploaded under a fresh versioned prefix
(``storage.keys.playback_prefix``) and only then published by pointing the recording's
single DerivedOutput row at that prefix, in the transaction that marks the job done. A
reader therefore sees the previous complete set or the new complete set, never a mix;
a worker killed part-way leaves an unpublished prefix that the next attempt sweeps away.
"""

from __future__ import annotations

import mimetypes
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import structlog
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import DerivedOutput, Recording
from domain.stages import Stage, StageState
from pipeline import jobs
from storage import scratch
from storage.keys import PLAYBACK_PROFILE, file_in, playback_prefix, playback_root, playback_version
from workers.heartbeat import Progress
from workers.stages import repository
from workers.stages.outcome import Outcome, TransientFailure
from workers.stages.runner import TRANSIENT_ERRORS, run_stage
from workers.video.probe import MediaInfo
from workers.video.transcode import build_outputs

log = structlog.get_logger(__name__)

_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".vtt": "text/vtt",
}


@dataclass(frozen=True)
class Published:
    prefix: str
    manifest: dict


def _content_type(path: str) -> str:
    suffix = path[path.rfind(".") :]
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    settings, store = runtime.settings, runtime.store

    def work(recording: Recording, progress: Progress) -> Published:
        info = MediaInfo(**recording.media_info)
        prefix = playback_prefix(recording_id, uuid.uuid4().hex[:12])
        settings.scratch_dir.mkdir(parents=True, exist_ok=True)
        out_dir = Path(
            tempfile.mkdtemp(prefix=f"{scratch.prefix('transcode')}{recording_id}-", dir=settings.scratch_dir)
        )
        try:
            with store.local_path(recording.original_key, settings.scratch_dir) as source:
                manifest = build_outputs(
                    source,
                    info,
                    out_dir,
                    progress=progress.report,
                    ffmpeg_binary=settings.ffmpeg_binary,
                    ffprobe_binary=settings.ffprobe_binary,
                )
            body = manifest.as_dict()
            for relative in body["files"]:
                store.put_file(file_in(prefix, relative), out_dir / relative, _content_type(relative))
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        return Published(prefix=prefix, manifest=body)

    def record(session: Session, recording: Recording, result: Published) -> None:
        output = repository.playback_output(session, recording.id)
        if output is None:
            output = DerivedOutput(recording_id=recording.id, profile=PLAYBACK_PROFILE)
            session.add(output)
        output.prefix, output.manifest, output.updated_at = result.prefix, result.manifest, utcnow()

    outcome = run_stage(runtime, recording_id, Stage.TRANSCODE, worker=worker, work=work, record=record)
    if outcome is Outcome.DONE or (outcome is Outcome.SKIPPED and _is_done(runtime, recording_id)):
        # A skipped delivery of a done job is the retry of a sweep the store was down for.
        _sweep_unpublished(runtime, recording_id)
    return outcome


def _is_done(runtime, recording_id: str) -> bool:
    try:
        with runtime.transaction() as session:
            job = jobs.get(session, recording_id, Stage.TRANSCODE)
            return job is not None and job.state == StageState.DONE.value
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc


def _published_version(runtime, recording_id: str) -> str | None:
    with runtime.transaction() as session:
        output = repository.playback_output(session, recording_id)
        return playback_version(output.prefix) if output is not None else None


def _sweep_unpublished(runtime, recording_id: str) -> None:
    """After publishing, drop every other version: the previous run's, and a dead attempt's.

    Storage down at this point (the job already done) is a TransientFailure too: the task's
    retry finds the job done, skips the work and sweeps, so an attempt cut short by the outage
    leaves no half-written version behind.
    """
    try:
        keep = _published_version(runtime, recording_id)
        versions = {playback_version(key) for key in runtime.store.list_keys(playback_root(recording_id))}
        for version in versions - {keep}:
            runtime.store.delete_prefix(playback_prefix(recording_id, version) + "/")
    except TRANSIENT_ERRORS as exc:
        log.warning("transcode.sweep_postponed", recording_id=recording_id, error=str(exc))
        raise TransientFailure(str(exc)) from exc
