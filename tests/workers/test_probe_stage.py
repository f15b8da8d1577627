"""The probe stage: idempotent, permanent failures never retried, transient ones retried."""

from __future__ import annotations

import pytest

from pipeline import task_names
from storage.errors import StorageUnavailable
from tests import media_factory
from tests.workers.stage_helpers import eager_celery, probe_job, uploaded_recording
from workers import runtime as runtime_mod
from workers.stages import probe_stage
from workers.stages.outcome import Outcome, TransientFailure


def test_running_probe_twice_changes_nothing_the_second_time(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    assert probe_stage.run(api.runtime, recording_id, worker="w1") is Outcome.DONE
    first = probe_job(api, recording_id)
    assert probe_stage.run(api.runtime, recording_id, worker="w2") is Outcome.SKIPPED
    second = probe_job(api, recording_id)
    assert (second.state, second.attempts, second.finished_at, second.worker) == ("done", 1, first.finished_at, "w1")


def test_corrupt_media_fails_with_reason_and_is_not_retried(api):
    corrupt = media_factory.make_corrupt_clip()
    recording_id = uploaded_recording(api, corrupt)
    api.tasks.sent.clear()
    assert probe_stage.run(api.runtime, recording_id, worker="w") is Outcome.FAILED
    job = probe_job(api, recording_id)
    assert job.state == "failed" and job.reason_code == "probe.corrupt"
    assert job.reason_zh and job.reason_en
    assert api.tasks.sent == [], "a corrupt file is never queued again by itself"
    assert api.store.stat(f"originals/{recording_id}").size == corrupt.stat().st_size, "the upload is kept"

    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("teacher")).json()
    assert detail["status"] == "failed"
    assert detail["stages"][0]["reason"]["code"] == "probe.corrupt"

    # A person may retry it; it fails the same way, and nothing is lost.
    retried = api.client.post(f"/api/recordings/{recording_id}/stages/probe/retry", headers=api.auth("teacher"))
    assert retried.status_code == 202 and retried.json()["stages"][0]["state"] == "queued"
    assert [o.value for o in api.probe_only()] == ["failed"]
    assert probe_job(api, recording_id).attempts == 2


class FlakyStore:
    """Wraps a real store; its reads fail with StorageUnavailable a number of times."""

    def __init__(self, inner, failures: int) -> None:
        self.inner, self.failures = inner, failures

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def local_path(self, key, scratch_dir):
        if self.failures > 0:
            self.failures -= 1
            raise StorageUnavailable("simulated outage")
        return self.inner.local_path(key, scratch_dir)


def _flaky_runtime(api, failures: int):
    rt = api.runtime
    return runtime_mod.Runtime(
        settings=rt.settings, sessions=rt.sessions, store=FlakyStore(rt.store, failures), send_task=rt.send_task
    )


def test_storage_outage_requeues_the_job_for_retry(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    with pytest.raises(TransientFailure):
        probe_stage.run(_flaky_runtime(api, 1), recording_id, worker="w")
    assert probe_job(api, recording_id).state == "queued"
    assert probe_stage.run(api.runtime, recording_id, worker="w") is Outcome.DONE


@pytest.fixture
def celery_task(api):
    """The real Celery task, run eagerly in-process on the harness runtime."""
    from workers.tasks.probe import probe_recording

    with eager_celery():
        yield probe_recording


def test_celery_task_retries_transient_errors_then_succeeds(api, short_clip, celery_task):
    recording_id = uploaded_recording(api, short_clip)
    runtime_mod.configure(_flaky_runtime(api, 2))
    result = celery_task.apply(args=[recording_id])
    assert result.get() == "done"
    job = probe_job(api, recording_id)
    assert job.state == "done" and job.attempts == 3


def test_celery_task_gives_up_visibly_when_retries_run_out(api, short_clip, celery_task):
    recording_id = uploaded_recording(api, short_clip)
    runtime_mod.configure(_flaky_runtime(api, 100))
    assert celery_task.apply(args=[recording_id]).get() == "failed"
    job = probe_job(api, recording_id)
    assert job.state == "failed" and job.reason_code == "job.retries_exhausted"
    assert job.attempts == api.settings.task_max_retries + 1
    # The original is intact and the stage can be retried once storage is back.
    runtime_mod.configure(api.runtime)
    api.tasks.sent.clear()
    assert (
        api.client.post(f"/api/recordings/{recording_id}/stages/probe/retry", headers=api.auth("teacher")).status_code
        == 202
    )
    assert api.tasks.names() == [task_names.PROBE]
    assert [o.value for o in api.probe_only()] == ["done"]


class FailingSessions:
    """A session factory whose sessions fail on first use, as when the database drops out."""

    def __init__(self, real, failures: int) -> None:
        self.real, self.failures = real, failures

    def __call__(self):
        session = self.real()
        if self.failures > 0:
            self.failures -= 1
            from sqlalchemy.exc import OperationalError

            def broken(*_args, **_kwargs):
                raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

            session.execute = broken
        return session


def test_database_outage_while_claiming_is_transient(api, short_clip):
    recording_id = uploaded_recording(api, short_clip)
    rt = api.runtime
    flaky = runtime_mod.Runtime(
        settings=rt.settings, sessions=FailingSessions(rt.sessions, 1), store=rt.store, send_task=rt.send_task
    )
    with pytest.raises(TransientFailure):
        probe_stage.run(flaky, recording_id, worker="w")
    assert probe_job(api, recording_id).state == "queued", "nothing was claimed"
    assert probe_stage.run(flaky, recording_id, worker="w") is Outcome.DONE
