"""A full scratch disk: the job waits saying why, fails retryably, and the user's retry finishes it once.

Scratch is a real, tiny tmpfs mounted over the worker's scratch folder; the transcode runs
in the embedded worker exactly as ``make run`` starts it. Mounting needs root (CI has it);
without it the test says so and skips.
"""

from __future__ import annotations

import errno
import hashlib
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.demo import seed
from db.models import DerivedOutput, Recording
from pipeline import task_names
from pipeline.celery_factory import make_celery
from pipeline.dispatch import TaskMessage, celery_sender
from storage import build_store
from storage.keys import playback_root, playback_version
from tests.api.uploading import lesson_body, upload_whole
from tests.harness import Harness, make_settings
from tests.plugins import app as app_plugin
from tests.plugins.db import migrate
from tests.workers import processes as procs
from tests.workers.stage_helpers import stage_shown
from workers.stages import probe_stage, transcode_stage
from workers.stages.outcome import Outcome, TransientFailure
from workers.video.ffmpeg_run import run_ffmpeg
from workers.video.probe import probe
from workers.video.transcode import choose_plan, clear_outputs


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[None]:
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for scratch (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], check=True)  # something still had it open


def _resize(path: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(path)], check=True)


class _TranscodesToWorker:
    """The app's task sender: transcodes go to the real broker, the rest wait in a list."""

    def __init__(self, broker) -> None:
        self.broker, self.held = broker, None

    def __call__(self, message: TaskMessage) -> None:
        (self.broker if message.name == task_names.TRANSCODE else self.held)(message)


def _watch_until(h: Harness, recording_id: str, state: str, timeout_s: float) -> list[tuple[str, str | None]]:
    """Poll the recording's status as the UI does; every (state, reason) seen, until ``state``."""
    seen: list[tuple[str, str | None]] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        stage = stage_shown(h, recording_id, "transcode")
        now = (stage["state"], (stage["reason"] or {}).get("code"))
        if not seen or seen[-1] != now:
            seen.append(now)
        if stage["state"] == state:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"transcode not {state} within {timeout_s} s; seen {seen}")


def test_a_full_scratch_disk_requeues_saying_so_fails_retryably_and_the_users_retry_finishes_once(tmp_path, short_clip):
    var_dir = tmp_path / "var"
    scratch_dir = var_dir / "scratch"
    with tmpfs(scratch_dir, "64k"):  # the clip's MP4 alone needs more
        database_url = f"sqlite:///{var_dir / 'kejian.sqlite3'}"
        migrate(database_url)
        settings = make_settings(tmp_path, database_url).model_copy(update={"broker_url": "filesystem://"})
        assert settings.scratch_dir == scratch_dir
        sender = _TranscodesToWorker(celery_sender(make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}")))
        h = Harness(settings, build_store(settings), send_task=sender)
        sender.held = h.tasks
        with h.transaction() as session:
            seed(session)
        recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
        h.probe_only()  # here; the transcode it queues goes to the worker, the analysis waits
        with h.transaction() as session:
            original_key = session.get(Recording, recording_id).original_key

        worker = procs.start_worker(
            var_dir,
            tmp_path / "worker.log",
            "scratch",
            task_max_retries="2",
            task_retry_backoff_s="1",
            task_retry_backoff_max_s="1",
        )
        try:
            seen = _watch_until(h, recording_id, "failed", 60)
            assert ("queued", "job.scratch_full") in seen, seen
            failed = stage_shown(h, recording_id, "transcode")
            assert failed["reason"]["code"] == "job.retries_exhausted"
            assert "scratch disk" in failed["reason"]["message_en"]  # the user is told what it may have been
            assert failed["attempts"] == 3  # the first try and two retries
            # Nothing lost, nothing half-written left behind.
            digest = hashlib.sha256(h.store.read_bytes(original_key)).hexdigest()
            assert digest == hashlib.sha256(short_clip.read_bytes()).hexdigest()
            assert list(scratch_dir.iterdir()) == []
            assert h.store.list_keys(playback_root(recording_id)) == []

            _resize(scratch_dir, "16m")
            retried = h.client.post(f"/api/recordings/{recording_id}/stages/transcode/retry", headers=h.auth("teacher"))
            assert retried.status_code == 202, retried.text
            _watch_until(h, recording_id, "done", 60)
        finally:
            procs.kill_tree(worker)
        # Done exactly once: one published output, one stored version, no scratch left.
        with h.transaction() as session:
            outputs = session.scalars(select(DerivedOutput).where(DerivedOutput.recording_id == recording_id)).all()
            assert session.scalar(select(func.count()).select_from(DerivedOutput)) == 1
        versions = {playback_version(key) for key in h.store.list_keys(playback_root(recording_id))}
        assert versions == {playback_version(outputs[0].prefix)}
        assert list(scratch_dir.iterdir()) == []
        log = (tmp_path / "worker.log").read_text(errors="replace").splitlines()
        assert sum('"stage.done"' in line and '"transcode"' in line for line in log) == 1


PAGE = 4096


def test_hls_segments_cut_short_by_a_full_disk_are_a_full_disk_not_a_success(tmp_path, short_clip):
    """ffmpeg's HLS muxer does not report a failed segment write: it exits 0 with a 4 KiB segment
    and empty playlists. A disk left without room after ffmpeg is therefore taken as full, or the
    output check would fail the recording for good as ``transcode.failed``."""
    info = probe(short_clip)
    out = tmp_path / "scratch"
    with tmpfs(out, "16m"):
        plan = choose_plan(short_clip, info)
        for directory in plan.output_dirs():
            (out / directory).mkdir(parents=True, exist_ok=True)
        run_ffmpeg(plan.ffmpeg_args(short_clip), cwd=out)  # with room: all written
        mp4 = (out / "video.mp4").stat().st_size
        clear_outputs(out)
        for directory in plan.output_dirs():
            (out / directory).mkdir(parents=True, exist_ok=True)
        _resize(out, str((mp4 // PAGE + 2) * PAGE))  # the MP4 fits, the HLS segment does not
        with pytest.raises(OSError) as full:
            run_ffmpeg(plan.ffmpeg_args(short_clip), cwd=out)
        assert full.value.errno == errno.ENOSPC


@pytest.mark.parametrize("stage", ["probe", "transcode"])
def test_an_original_that_cannot_be_downloaded_into_a_full_scratch_says_scratch_full(
    tmp_path, short_clip, moto_s3_endpoint, _sqlite_template, stage
):
    """On S3 the original is first downloaded into scratch; a full disk there is the worker's,
    not the storage's (``service.storage_unavailable``) nor the upload's (``transcode.failed``)."""
    database = tmp_path / "kejian.sqlite3"
    shutil.copy(_sqlite_template, database)
    h = app_plugin._harness(tmp_path, f"sqlite:///{database}", "s3", moto_s3_endpoint)
    scratch_dir = h.settings.scratch_dir
    run = {"probe": probe_stage.run, "transcode": transcode_stage.run}[stage]
    with tmpfs(scratch_dir, "16m"):
        recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
        if stage == "transcode":
            h.probe_only()
        _resize(scratch_dir, "64k")  # less than the original
        with pytest.raises(TransientFailure):
            run(h.runtime, recording_id, worker="test-worker")
        stage_out = stage_shown(h, recording_id, stage)
        assert (stage_out["state"], stage_out["reason"]["code"]) == ("queued", "job.scratch_full")
        assert list(scratch_dir.iterdir()) == []  # the partial download is gone
        with h.transaction() as session:
            original_key = session.get(Recording, recording_id).original_key
        digest = hashlib.sha256(h.store.read_bytes(original_key)).hexdigest()
        assert digest == hashlib.sha256(short_clip.read_bytes()).hexdigest()

        _resize(scratch_dir, "16m")
        assert run(h.runtime, recording_id, worker="test-worker") is Outcome.DONE
        assert stage_shown(h, recording_id, stage)["state"] == "done"
        assert list(scratch_dir.iterdir()) == []
