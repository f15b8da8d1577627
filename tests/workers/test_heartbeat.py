"""The heartbeat thread keeps a running job alive and publishes its progress."""

from __future__ import annotations

import time

from domain.stages import Stage
from pipeline import jobs
from tests.workers.stage_helpers import probe_job, uploaded_recording
from workers.heartbeat import heartbeat


def test_heartbeat_writes_progress_and_keeps_the_job_fresh(api, short_clip):
    api.settings.progress_interval_s = 0.05
    api.settings.heartbeat_interval_s = 1
    recording_id = uploaded_recording(api, short_clip)
    with api.transaction() as session:
        job = jobs.claim(session, recording_id, Stage.PROBE, worker="w", lease_s=60)
        job_id, claimed_beat = job.id, job.heartbeat_at
    with heartbeat(api.runtime, job_id) as progress:
        progress.report(42.0)
        deadline = time.monotonic() + 10
        while probe_job(api, recording_id).percent != 42.0 and time.monotonic() < deadline:
            time.sleep(0.05)
    job = probe_job(api, recording_id)
    assert job.percent == 42.0 and job.state == "running"
    assert job.heartbeat_at > claimed_beat
