"""A worker whose PostgreSQL connection dies mid-task: the job goes back to the queue, then finishes once.

The embedded worker as ``make run`` starts it, on PostgreSQL. The test holds the recording's
row lock, so the probe's result waits to be written; the worker's backend is killed while it
waits, exactly as a server restart would cut it. Only the worker's own connection is touched
(``tests.pg_outage``): the server is shared.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from api.demo import seed
from db.models import ProcessingJob, Recording
from pipeline import task_names
from pipeline.celery_factory import make_celery
from pipeline.dispatch import TaskMessage, celery_sender
from storage import build_store
from tests import pg_outage
from tests.api.uploading import lesson_body, upload_whole
from tests.harness import Harness, make_settings
from tests.workers import processes as procs
from tests.workers.stage_helpers import stage_shown

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(request) -> str:
    return pg_outage.emptied_database(request)


class _ToWorker:
    """The app's task sender: tasks named ``to_worker`` go to the real broker, the rest wait in a list."""

    def __init__(self, broker, to_worker: str) -> None:
        self.broker, self.to_worker, self.held = broker, to_worker, None

    def __call__(self, message: TaskMessage) -> None:
        (self.broker if message.name == self.to_worker else self.held)(message)


def _app(tmp_path, pg_url: str, to_worker: str) -> Harness:
    """The app (in this process) on its own connections, sending ``to_worker`` tasks to the worker."""
    harness_url, _ = pg_outage.own_url(pg_url, "harness")
    settings = make_settings(tmp_path, harness_url).model_copy(update={"broker_url": "filesystem://"})
    sender = _ToWorker(celery_sender(make_celery(settings, main=f"test-{uuid.uuid4().hex[:6]}")), to_worker)
    h = Harness(settings, build_store(settings), send_task=sender)
    sender.held = h.tasks
    with h.transaction() as session:
        seed(session)
    return h


def test_a_probe_whose_connection_dies_goes_back_to_the_queue_and_finishes_once(tmp_path, pg_url, short_clip):
    var_dir = tmp_path / "var"
    h = _app(tmp_path, pg_url, task_names.PROBE)
    recording_id = upload_whole(h, "teacher", short_clip, lesson_body(short_clip))["recording_id"]

    worker_url, worker_name = pg_outage.own_url(pg_url, "worker")
    worker = None
    try:
        with pg_outage.row_locked(pg_url, Recording.__tablename__, recording_id):
            worker = procs.start_worker(
                var_dir,
                tmp_path / "worker.log",
                "pg",
                database_url=worker_url,
                task_max_retries="3",
                task_retry_backoff_s="1",
                task_retry_backoff_max_s="1",
            )
            # The probe is done and waits to write its result: cut its connection there.
            pg_outage.terminate(pg_outage.wait_for_backend(worker_name, waiting_on_lock=True, timeout_s=45))
            waiting = procs.wait(
                lambda: (s := stage_shown(h, recording_id, "probe"))["state"] == "queued" and s,
                10,
                "the probe back in the queue",
            )
            assert waiting["reason"]["code"] == "service.database_unavailable"
        done = procs.wait(
            lambda: (s := stage_shown(h, recording_id, "probe"))["state"] == "done" and s, 30, "the retried probe"
        )
    finally:
        if worker is not None:
            procs.kill_tree(worker)
    assert done["attempts"] == 2 and done["reason"] is None
    with h.transaction() as session:
        recording = session.get(Recording, recording_id)
        assert recording.media_info and recording.duration_s
        stages = session.scalars(
            select(ProcessingJob.stage).where(ProcessingJob.recording_id == recording_id).order_by(ProcessingJob.stage)
        ).all()
        assert stages == ["analyze", "probe", "transcode"]  # each follow-up queued once
        assert session.scalar(select(func.count()).select_from(Recording)) == 1
    log = (tmp_path / "worker.log").read_text(errors="replace")
    assert sum('"stage.done"' in line and '"probe"' in line for line in log.splitlines()) == 1
