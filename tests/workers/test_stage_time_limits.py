"""A Celery soft time limit fails the job with its own stage's timeout reason, not another stage's."""

from __future__ import annotations

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from domain import reasons
from domain.stages import Stage
from pipeline import jobs
from tests.workers.stage_helpers import uploaded_recording
from workers import runtime as runtime_mod


class TimeLimitedStore:
    """Wraps a real store; opening the original raises what Celery raises when the soft limit strikes."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def local_path(self, key, scratch_dir):
        raise SoftTimeLimitExceeded()


def _tasks():
    from workers.tasks.analyze import analyze_recording
    from workers.tasks.probe import probe_recording
    from workers.tasks.transcode import transcode_recording

    return {Stage.PROBE: probe_recording, Stage.ANALYZE: analyze_recording, Stage.TRANSCODE: transcode_recording}


@pytest.fixture
def time_limited(api):
    """The harness runtime, but the work of any stage runs out of time."""
    rt = api.runtime
    runtime_mod.configure(
        runtime_mod.Runtime(
            settings=rt.settings, sessions=rt.sessions, store=TimeLimitedStore(rt.store), send_task=rt.send_task
        )
    )
    yield
    runtime_mod.configure(None)


@pytest.mark.parametrize(
    ("stage", "reason"),
    [
        (Stage.ANALYZE, reasons.ANALYSIS_TIMEOUT),
        (Stage.TRANSCODE, reasons.TRANSCODE_TIMEOUT),
        (Stage.PROBE, reasons.PROBE_TIMEOUT),
    ],
)
def test_a_soft_time_limit_fails_the_job_with_the_stage_s_timeout(api, short_clip, stage, reason, request):
    recording_id = uploaded_recording(api, short_clip)
    if stage is not Stage.PROBE:
        assert [o.value for o in api.probe_only()] == ["done"], "probing queues analysis and transcoding"
    request.getfixturevalue("time_limited")

    assert _tasks()[stage].apply(args=[recording_id]).get() == "failed"

    with api.transaction() as session:
        job = jobs.get(session, recording_id, stage)
        assert (job.state, job.reason_code) == ("failed", reason.code)
        assert (job.reason_zh, job.reason_en) == (reason.zh, reason.en)
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("teacher")).json()
    shown = next(s for s in detail["stages"] if s["stage"] == stage.value)
    assert shown["reason"]["code"] == reason.code
