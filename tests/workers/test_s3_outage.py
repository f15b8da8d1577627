"""The S3 server stops and comes back mid-upload and mid-transcode: nothing lost, nothing done twice.

S3 is a real ``moto_server`` behind :class:`tests.plugins.outage_proxy.OutageProxy`; stopping the
proxy is the server going away (connections reset, the port refusing), starting it again is the
server back with its data, as a restarted MinIO is. The uploads go through the app in this
process; the transcode runs in a real Celery worker process on the embedded broker.
"""

from __future__ import annotations

import hashlib
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from api.demo import seed
from db.models import DerivedOutput, ProcessingJob, Recording, UploadSession
from pipeline import task_names
from pipeline.celery_factory import make_celery
from pipeline.dispatch import celery_sender
from storage import build_store
from storage.keys import file_in, playback_root
from tests.api.uploading import lesson_body, read_part, send_part, sha256_of, upload_whole
from tests.harness import Harness, make_settings
from tests.plugins.outage_proxy import OutageProxy
from tests.plugins.s3 import MOTO_ACCESS_KEY, MOTO_SECRET_KEY
from tests.workers.processes import kill_tree, start_worker, wait
from tests.workers.stage_helpers import stage_shown
from workers.stages import maintenance, transcode_stage
from workers.stages.outcome import Outcome, TransientFailure

# SQLite only for the stage runs: a worker run costs ~10 s, and the job moves are the same
# statements on PostgreSQL (the upload tests here and tests/workers/test_worker_crashes.py run on both).
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def s3_proxy(moto_s3_endpoint):
    proxy = OutageProxy(moto_s3_endpoint)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def s3_api(tmp_path, database_url, s3_proxy) -> Harness:
    """The app on S3 reached through the proxy, on SQLite and on PostgreSQL."""
    bucket = f"outage-{uuid.uuid4().hex[:12]}"
    settings = make_settings(tmp_path, database_url, backend="s3", s3_endpoint=s3_proxy.endpoint, bucket=bucket)
    h = Harness(settings, build_store(settings))
    with h.transaction() as session:
        seed(session)
    return h


def _is_part_put(line: str) -> bool:
    return line.startswith("PUT ") and "partNumber=" in line


def _assert_outage_answer(response: httpx.Response) -> None:
    """503 in the error shape, with Retry-After: the client waits and sends the same request again."""
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "service.storage_unavailable"
    assert error["message_zh"] and error["message_en"]


def _counts(h: Harness) -> tuple[int, int]:
    """How many recordings and probe jobs exist."""
    with h.transaction() as s:
        recordings = s.scalar(select(func.count()).select_from(Recording))
        probes = s.scalar(select(func.count()).select_from(ProcessingJob).where(ProcessingJob.stage == "probe"))
    return recordings, probes


def _stored_sha256(h: Harness, key: str) -> str:
    digest = hashlib.sha256()
    for chunk in h.store.iter_chunks(key):
        digest.update(chunk)
    return digest.hexdigest()


def _create(h: Harness, clip) -> dict:
    created = h.client.post("/api/uploads", json=lesson_body(clip, sha256=sha256_of(clip)), headers=h.auth("teacher"))
    assert created.status_code == 201, created.text
    return created.json()


def _complete(h: Harness, upload: dict) -> httpx.Response:
    return h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("teacher"))


def _assert_one_intact_recording(h: Harness, upload: dict, clip) -> None:
    with h.transaction() as s:
        assert s.get(UploadSession, upload["upload_id"]).state == "completed"
    assert _counts(h) == (1, 1), "one recording, probed once"
    assert h.tasks.names() == ["recordings.probe"]
    assert _stored_sha256(h, f"originals/{upload['recording_id']}") == sha256_of(clip)


def test_a_part_cut_off_by_the_outage_is_sent_again_after_the_restart(s3_api, s3_proxy, short_clip):
    h = s3_api
    upload = _create(h, short_clip)
    (part,) = upload["parts"]
    data = read_part(short_clip, part, upload["part_size"])

    def dying_mid_part():
        yield data[: len(data) // 2]
        s3_proxy.stop()  # S3 goes away with half the part on the wire
        yield data[len(data) // 2 :]

    with pytest.raises(httpx.TransportError):
        httpx.put(part["url"], content=dying_mid_part(), headers={"Content-Length": str(len(data))}, timeout=10)
    with pytest.raises(httpx.ConnectError):  # the browser's retry while it is down
        httpx.put(part["url"], content=data, timeout=10)
    status = h.client.get(f"/api/uploads/{upload['upload_id']}", headers=h.auth("teacher"))
    _assert_outage_answer(status)

    s3_proxy.start()
    status = h.client.get(f"/api/uploads/{upload['upload_id']}", headers=h.auth("teacher"))
    assert status.status_code == 200, status.text
    assert status.json()["state"] == "open" and status.json()["missing_parts"] == [1], "half a part is no part"
    assert send_part(h, "teacher", part["url"], data).status_code == 200
    done = _complete(h, upload)
    assert done.status_code == 200, done.text
    _assert_one_intact_recording(h, upload, short_clip)


@pytest.mark.parametrize(
    "outage_at",
    [
        # Before assembly: listing the parts is the complete's first S3 request.
        pytest.param(lambda line: line.startswith("GET ") and "uploadId=" in line, id="before-assembly"),
        # After S3 joined the parts into the object: its size is checked next.
        pytest.param(lambda line: line.startswith("HEAD ") and "/originals/" in line, id="after-assembly"),
    ],
)
def test_a_complete_during_the_outage_answers_503_and_completes_once_after_it(s3_api, s3_proxy, short_clip, outage_at):
    h = s3_api
    upload = _create(h, short_clip)
    for part in upload["parts"]:
        assert send_part(h, "teacher", part["url"], read_part(short_clip, part, upload["part_size"])).status_code == 200
    s3_proxy.stop_at(outage_at)

    _assert_outage_answer(_complete(h, upload))
    assert s3_proxy.stopped.is_set()
    _assert_outage_answer(_complete(h, upload))  # a retry too soon: S3 is still down
    with h.transaction() as s:
        assert s.get(UploadSession, upload["upload_id"]).state == "open", "the upload waits for the retry"
    assert _counts(h) == (0, 0)

    s3_proxy.start()
    done = _complete(h, upload)
    assert done.status_code == 200, done.text
    assert done.json()["recording_id"] == upload["recording_id"]
    again = _complete(h, upload)  # the client's own retry of an answer it lost
    assert again.status_code == 200 and again.json()["recording_id"] == upload["recording_id"]
    _assert_one_intact_recording(h, upload, short_clip)


def _direct(h: Harness, clip) -> httpx.Response:
    return h.client.post(
        "/api/uploads/direct",
        params={"kind": "lesson", "filename": clip.name, "capability_code": "A1", "sha256": sha256_of(clip)},
        content=clip.read_bytes(),
        headers={**h.auth("teacher"), "Content-Type": "video/mp4"},
    )


def test_a_direct_upload_during_the_outage_answers_503_and_the_same_upload_sent_again_succeeds(
    s3_api, s3_proxy, short_clip
):
    h = s3_api
    s3_proxy.stop_at(_is_part_put)  # the body streams through the app to S3, part by part

    _assert_outage_answer(_direct(h, short_clip))
    assert _counts(h) == (0, 0), "nothing half-received became a recording"
    with h.transaction() as s:
        (first,) = s.scalars(select(UploadSession)).all()
        assert first.state == "aborted", "the client cannot resume a direct upload: it is closed, not left open"

    s3_proxy.start()
    sent = _direct(h, short_clip)
    assert sent.status_code == 201, sent.text
    recording_id = sent.json()["recording_id"]
    assert _counts(h) == (1, 1)
    assert _stored_sha256(h, f"originals/{recording_id}") == sha256_of(short_clip)
    # The parts of the upload the outage cut short do not linger in the bucket.
    maintenance.expire_uploads(h.runtime)
    assert h.store.list_multipart_uploads() == []


# --- mid-transcode ----------------------------------------------------------------------------------


def _is_segment_put(line: str) -> bool:
    return line.startswith("PUT ") and "/derived/" in line


def _reason(stage: dict) -> str | None:
    return (stage.get("reason") or {}).get("code")


def _assert_one_published_output(h: Harness, recording_id: str, clip) -> None:
    """One DerivedOutput; the bucket holds exactly its files (a cut-short attempt's are swept); the original intact."""
    with h.transaction() as s:
        (output,) = s.scalars(select(DerivedOutput).where(DerivedOutput.recording_id == recording_id)).all()
        prefix, files = output.prefix, output.manifest["files"]
    assert files
    assert h.store.list_keys(playback_root(recording_id)) == sorted(file_in(prefix, f) for f in files)
    assert _stored_sha256(h, f"originals/{recording_id}") == sha256_of(clip)


def _is_listing(line: str) -> bool:
    return line.startswith("GET ") and "list-type=2" in line


@sqlite_only
def test_a_transcode_whose_sweep_meets_the_outage_sweeps_on_its_retry(s3_api, s3_proxy, short_clip):
    """The outage strikes after publishing, as the half-written version of a cut attempt is swept."""
    h = s3_api
    recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]
    h.probe_only()
    s3_proxy.stop_at(_is_segment_put, nth=2)
    with pytest.raises(TransientFailure):
        transcode_stage.run(h.runtime, recording_id, worker="test-worker")  # half a version stored
    s3_proxy.start()
    s3_proxy.stop_at(_is_listing)  # the sweep's listing comes only after the publishing commit
    with pytest.raises(TransientFailure):  # so the task is retried, though its job is done
        transcode_stage.run(h.runtime, recording_id, worker="test-worker")
    assert stage_shown(h, recording_id, "transcode")["state"] == "done"
    s3_proxy.start()
    assert transcode_stage.run(h.runtime, recording_id, worker="test-worker") is Outcome.SKIPPED
    _assert_one_published_output(h, recording_id, short_clip)


# A real worker process from here on.

RETRY_LINE = b"retry: Retry in"  # Celery's log line for each retry it schedules


class _WorkerOnS3:
    """A Celery worker process on the embedded broker, its S3 through the proxy, and the app beside it."""

    def __init__(self, tmp_path, database_url: str, proxy: OutageProxy, **settings: str) -> None:
        bucket = f"outage-{uuid.uuid4().hex[:12]}"
        app_settings = make_settings(
            tmp_path, database_url, backend="s3", s3_endpoint=proxy.endpoint, bucket=bucket
        ).model_copy(update={"broker_url": "filesystem://"})
        self.h = Harness(app_settings, build_store(app_settings))  # its tasks wait in its recorder
        with self.h.transaction() as session:
            seed(session)
        self.broker = celery_sender(make_celery(app_settings, main=f"test-{uuid.uuid4().hex[:6]}"))
        self.log = tmp_path / "worker.log"
        self._var_dir = app_settings.var_dir
        self._settings = dict(database_url=database_url, storage_backend="s3", s3_endpoint=proxy.endpoint, **settings)
        self._settings.update(s3_bucket=bucket, s3_access_key=MOTO_ACCESS_KEY, s3_secret_key=MOTO_SECRET_KEY)
        self.proc = None

    def start(self) -> None:
        self.proc = start_worker(self._var_dir, self.log, "s3outage", **self._settings)
        wait(lambda: b"ready." in self.log.read_bytes(), 60, "the worker to be ready")

    def send_queued(self) -> None:
        """Hand what the app queued (a transcode, a retried stage) to the worker's broker."""
        while self.h.tasks.sent:
            self.broker(self.h.tasks.sent.pop(0))

    def retries_scheduled(self) -> int:
        return self.log.read_bytes().count(RETRY_LINE)

    def stop(self) -> None:
        if self.proc is not None:
            kill_tree(self.proc)


@pytest.fixture
def worker_on_s3(tmp_path, database_url, s3_proxy):
    # Retries 1 s, 2 s apart: an outage longer than ~3 s exhausts them.
    worker = _WorkerOnS3(tmp_path, database_url, s3_proxy, task_retry_backoff_s="1", task_max_retries="2")
    try:
        yield worker
    finally:
        worker.stop()


def _probed(h: Harness, clip) -> str:
    """A recording uploaded and probed (in this process); its transcode waits in the app's recorder."""
    recording_id = upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"]
    h.probe_only()
    h.tasks.sent[:] = [m for m in h.tasks.sent if m.name == task_names.TRANSCODE]
    return recording_id


@sqlite_only
def test_a_transcode_cut_off_by_the_outage_waits_saying_why_and_finishes_once_after_the_restart(
    worker_on_s3, s3_proxy, short_clip
):
    w, h = worker_on_s3, worker_on_s3.h
    recording_id = _probed(h, short_clip)
    w.start()
    s3_proxy.stop_at(_is_segment_put, nth=2)  # one segment stored, then S3 is gone
    w.send_queued()

    waiting = wait(
        lambda: (stage := stage_shown(h, recording_id, "transcode"))["state"] == "queued" and _reason(stage) and stage,
        60,
        "the transcode to go back to the queue saying why",
    )
    assert s3_proxy.stopped.is_set()
    assert _reason(waiting) == "service.storage_unavailable" and waiting["reason"]["message_zh"]
    s3_proxy.start()

    done = wait(
        lambda: (s := stage_shown(h, recording_id, "transcode"))["state"] == "done" and s, 30, "the retry to finish"
    )
    assert _reason(done) is None, "the reason it waited no longer holds"
    assert done["attempts"] == 1 + w.retries_scheduled() >= 2
    _assert_one_published_output(h, recording_id, short_clip)


@sqlite_only
def test_when_the_outage_outlasts_the_retries_the_transcode_fails_saying_why_and_the_users_retry_finishes_it(
    worker_on_s3, s3_proxy, short_clip
):
    w, h = worker_on_s3, worker_on_s3.h
    recording_id = _probed(h, short_clip)
    s3_proxy.stop()
    w.start()  # its processes start during the outage: each meets it first when it builds its runtime
    w.send_queued()

    failed = wait(
        lambda: (stage := stage_shown(h, recording_id, "transcode"))["state"] == "failed" and stage,
        30,
        "the retries to run out",
    )
    assert _reason(failed) == "job.retries_exhausted" and failed["reason"]["message_zh"]
    assert failed["attempts"] == 3 and w.retries_scheduled() == 2
    s3_proxy.start()

    retried = h.client.post(f"/api/recordings/{recording_id}/stages/transcode/retry", headers=h.auth("teacher"))
    assert retried.status_code == 202, retried.text
    w.send_queued()
    done = wait(
        lambda: (s := stage_shown(h, recording_id, "transcode"))["state"] == "done" and s, 30, "the user's retry"
    )
    assert done["attempts"] == 4 and _reason(done) is None
    _assert_one_published_output(h, recording_id, short_clip)
