"""A session deleted by its leader while a stage works on it: the stage ends quietly, and what it
wrote for the recording is removed (issue 16: delete until the group submits)."""

from __future__ import annotations

from db.models import Recording
from domain.stages import Stage
from pipeline import jobs
from tests import factories
from tests.api.review.admin.progress import demo_ids
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage


def test_a_recording_deleted_mid_stage_leaves_no_outputs_behind(api):
    ids = demo_ids(api)
    with api.runtime.transaction() as s:
        group = s.get(factories.ResearchGroup, ids.chinese_group_id)
        recording_id = factories.make_recording(s, group=group).id
        jobs.enqueue(s, recording_id, Stage.ANALYZE)
    api.tasks.sent.clear()
    recorded = []

    def work(recording, _progress):
        api.store.put_bytes(f"derived/{recording.id}/analysis/faces/r/0.jpg", b"crop", "image/jpeg")
        with api.transaction() as s:  # the leader deletes the session meanwhile
            s.delete(s.get(Recording, recording.id))
        return "result"

    outcome = run_stage(
        api.runtime, recording_id, Stage.ANALYZE, worker="w", work=work, record=lambda *a: recorded.append(a)
    )
    assert outcome is Outcome.DONE and recorded == []
    assert api.store.list_keys(f"derived/{recording_id}/") == []
