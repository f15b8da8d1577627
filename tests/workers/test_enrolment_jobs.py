"""Reference enrolment is tracked like a recording's stages: a job row, retries, the watchdog, a give-up.

Before, a photo whose task was lost (a broker restart, a dead worker) stayed ``pending``
forever. Now its ``enrol`` job is re-sent by the watchdog, its transient failures are retried
and then given up visibly (the photo ``failed`` with the reason), and a person retries it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.base import utcnow
from db.models import ProcessingJob, TeacherReference
from domain.stages import Stage
from pipeline import jobs, task_names
from storage.errors import StorageUnavailable
from tests import biometric_factories as bf
from tests import review_factories as rf
from tests.shared_media import PHOTOS
from tests.workers.stage_helpers import eager_celery
from workers import runtime as runtime_mod
from workers.stages import enrol_stage, maintenance
from workers.stages.outcome import Outcome, TransientFailure


class FlakyStore:
    """Wraps a real store; reading bytes fails with StorageUnavailable a number of times."""

    def __init__(self, inner, failures: int) -> None:
        self.inner, self.failures = inner, failures

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def read_bytes(self, key):
        if self.failures > 0:
            self.failures -= 1
            raise StorageUnavailable("simulated outage")
        return self.inner.read_bytes(key)


def _flaky(api, failures: int) -> runtime_mod.Runtime:
    rt = api.runtime
    return runtime_mod.Runtime(rt.settings, rt.sessions, FlakyStore(rt.store, failures), rt.send_task)


def _add_photo(api) -> tuple[int, str]:
    teacher_id = rf.demo(api).teachers["T002"]
    with api.transaction() as s:
        bf.consent(s, teacher_id)
    photo = (PHOTOS / "obama" / "obama.jpg").read_bytes()
    response = api.client.post(f"/api/teachers/{teacher_id}/references", content=photo, headers=api.auth("teacher"))
    assert response.status_code == 202, response.text
    return teacher_id, response.json()["id"]


def _state(api, reference_id: str) -> tuple[str, str, str | None]:
    """(job state, photo state, photo reason code)."""
    with api.transaction() as s:
        job = jobs.get(s, reference_id, Stage.ENROL)
        reference = s.get(TeacherReference, reference_id)
        return job.state, reference.state, reference.reason_code


def test_a_new_photo_has_a_queued_enrol_job_that_runs_once(api):
    _, reference_id = _add_photo(api)
    assert _state(api, reference_id) == ("queued", "pending", None)
    assert api.tasks.names() == [task_names.ENROL_REFERENCE]
    assert [o.value for o in api.drain()] == ["done"]
    assert _state(api, reference_id) == ("done", "ok", None)
    # A duplicate delivery finds the job done and does nothing.
    assert enrol_stage.run(api.runtime, reference_id, worker="late") is Outcome.SKIPPED
    with api.transaction() as s:
        assert jobs.get(s, reference_id, Stage.ENROL).attempts == 1


def test_a_storage_outage_sends_the_job_back_to_the_queue(api):
    _, reference_id = _add_photo(api)
    with pytest.raises(TransientFailure):
        enrol_stage.run(_flaky(api, 1), reference_id, worker="w")
    assert _state(api, reference_id) == ("queued", "pending", None)
    assert enrol_stage.run(api.runtime, reference_id, worker="w") is Outcome.DONE
    assert _state(api, reference_id) == ("done", "ok", None)


@pytest.fixture
def enrol_task(api):
    """The real Celery task, run eagerly in-process on a runtime of the test's choosing."""
    from workers.tasks.analyze import enrol_reference

    with eager_celery():
        yield enrol_reference


def test_retries_run_out_visibly_and_a_person_retries_the_photo(api, enrol_task):
    teacher_id, reference_id = _add_photo(api)
    runtime_mod.configure(_flaky(api, 100))
    assert enrol_task.apply(args=[reference_id]).get() == "failed"
    assert _state(api, reference_id) == ("failed", "failed", "job.retries_exhausted")
    listed = api.client.get(f"/api/teachers/{teacher_id}/references", headers=api.auth("teacher")).json()
    assert listed[0]["state"] == "failed" and listed[0]["reason_zh"] and listed[0]["reason_en"]

    runtime_mod.configure(api.runtime)
    api.tasks.sent.clear()
    url = f"/api/teachers/{teacher_id}/references/{reference_id}/retry"
    retried = api.client.post(url, headers=api.auth("teacher"))
    assert retried.status_code == 202 and retried.json()["state"] == "pending" and retried.json()["reason_code"] is None
    assert api.tasks.names() == [task_names.ENROL_REFERENCE]
    assert [o.value for o in api.drain()] == ["done"]
    assert _state(api, reference_id) == ("done", "ok", None)
    again = api.client.post(url, headers=api.auth("teacher"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "reference.not_retryable"


def test_a_photo_whose_bytes_are_gone_fails_with_a_photo_reason(api):
    _, reference_id = _add_photo(api)
    with api.transaction() as s:
        api.store.delete(s.get(TeacherReference, reference_id).photo_key)
    assert [o.value for o in api.drain()] == ["failed"]
    assert _state(api, reference_id) == ("failed", "failed", "face.photo_unreadable")


def test_a_refused_photo_is_not_retried(api):
    teacher_id = rf.demo(api).teachers["T002"]
    with api.transaction() as s:
        bf.consent(s, teacher_id)
    group_photo = sorted((PHOTOS / "multi").iterdir())[0].read_bytes()
    url = f"/api/teachers/{teacher_id}/references"
    reference_id = api.client.post(url, content=group_photo, headers=api.auth("teacher")).json()["id"]
    assert [o.value for o in api.drain()] == ["done"]
    assert _state(api, reference_id) == ("done", "refused", "face.several_in_photo")
    refused = api.client.post(f"{url}/{reference_id}/retry", headers=api.auth("teacher"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "reference.not_retryable"
    other = api.client.post(f"{url}/{reference_id}/retry", headers=api.auth("reviewer"))
    assert other.status_code == 404  # nobody else's to retry, nor to see


def _stall(api, reference_id: str, *, requeues: int = 0) -> None:
    with api.transaction() as s:
        job = s.query(ProcessingJob).filter_by(reference_id=reference_id).one()
        job.state, job.worker, job.requeues = "running", "dead-worker", requeues
        job.heartbeat_at = utcnow() - timedelta(seconds=api.settings.job_lease_s + 5)


def test_the_watchdog_resends_a_lost_enrol_task(api):
    _, reference_id = _add_photo(api)
    api.tasks.sent.clear()  # as if the broker lost the message: before, the photo stayed pending for good
    later = utcnow() + timedelta(seconds=api.settings.queued_resend_after_s + 1)
    assert maintenance.watchdog(api.runtime, now=later)["resent"] == 1
    assert [(m.name, m.args) for m in api.tasks.sent] == [(task_names.ENROL_REFERENCE, (reference_id,))]
    assert [o.value for o in api.drain()] == ["done"]
    assert _state(api, reference_id) == ("done", "ok", None)


def test_the_watchdog_requeues_a_dead_workers_enrolment_then_gives_up(api):
    _, reference_id = _add_photo(api)
    api.tasks.sent.clear()
    _stall(api, reference_id)
    assert maintenance.watchdog(api.runtime)["requeued"] == 1
    assert _state(api, reference_id) == ("queued", "pending", None)
    assert api.tasks.names() == [task_names.ENROL_REFERENCE]
    _stall(api, reference_id, requeues=api.settings.watchdog_max_requeues)
    assert maintenance.watchdog(api.runtime)["failed"] == 1
    assert _state(api, reference_id) == ("failed", "failed", "job.worker_lost")


def test_deleting_a_photo_takes_its_encoding_and_job_with_it(api):
    teacher_id, reference_id = _add_photo(api)
    api.drain()
    url = f"/api/teachers/{teacher_id}/references/{reference_id}"
    assert api.client.delete(url, headers=api.auth("teacher")).status_code == 204
    with api.transaction() as s:
        assert s.get(TeacherReference, reference_id) is None
        assert s.query(ProcessingJob).filter_by(reference_id=reference_id).count() == 0
