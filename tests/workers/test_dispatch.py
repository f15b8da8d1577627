"""Tasks leave only after their transaction commits."""

from __future__ import annotations

import pytest

from pipeline.dispatch import bind_sender, queue_after_commit
from tests.harness import TaskRecorder


def test_tasks_are_sent_on_commit_and_dropped_on_rollback(api):
    recorder = TaskRecorder()
    session = api.runtime.sessions()
    bind_sender(session, recorder)
    queue_after_commit(session, "recordings.probe", "r1")
    assert recorder.sent == [], "nothing leaves before commit"
    session.rollback()
    session.commit()
    assert recorder.sent == [], "a rolled-back task is never sent"
    queue_after_commit(session, "recordings.probe", "r2")
    session.commit()
    assert [(m.name, m.args) for m in recorder.sent] == [("recordings.probe", ("r2",))]
    session.close()


def test_failed_request_sends_nothing(api, short_clip):
    from tests.api.uploading import lesson_body

    body = lesson_body(short_clip)
    upload = api.client.post("/api/uploads", json=body, headers=api.auth("teacher")).json()
    api.client.put(upload["parts"][0]["url"], content=short_clip.read_bytes(), headers=api.auth("teacher"))
    api.tasks.sent.clear()
    with api.transaction() as s:
        from db.models import UploadSession

        s.get(UploadSession, upload["upload_id"]).size_bytes += 1  # now the parts can never add up
    response = api.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=api.auth("teacher"))
    assert response.status_code == 400
    assert api.tasks.sent == []


def test_unbound_session_refuses_to_lose_tasks(api):
    session = api.runtime.sessions()
    queue_after_commit(session, "recordings.probe", "x")
    with pytest.raises(RuntimeError, match="no sender"):
        session.commit()
    session.close()


def test_each_queue_has_its_own_route(api):
    """A task routed to one queue must not also land in the others (no shared binding)."""
    from pipeline.celery_factory import make_celery
    from pipeline.task_names import QUEUES, ROUTES

    app = make_celery(api.settings)
    bindings = {(q.exchange.name, q.routing_key) for q in app.conf.task_queues}
    assert len(bindings) == len(QUEUES) == len(app.conf.task_queues)
    for task, queue in ROUTES.items():
        route = app.conf.task_routes[task]
        assert (route["exchange"], route["routing_key"]) == (queue, queue)
