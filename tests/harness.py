"""A running app for tests: real database, real store, and a task queue we can drain.

Tasks sent by the app land in :class:`TaskRecorder` (injected through ``create_app``'s
``send_task``, not patched); :meth:`Harness.drain` then runs them through the same stage
functions the Celery tasks call, in this process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import event

from api.main import create_app
from config import Settings
from db.session import session_factory, transaction
from pipeline import task_names
from pipeline.dispatch import TaskMessage
from workers.runtime import Runtime
from workers.stages import analyze_stage, enrol_stage, identify_stage, maintenance, probe_stage, transcode_stage

MiB = 1024 * 1024


@dataclass
class TaskRecorder:
    sent: list[TaskMessage] = field(default_factory=list)

    def __call__(self, message: TaskMessage) -> None:
        self.sent.append(message)

    def names(self) -> list[str]:
        return [m.name for m in self.sent]


_RUNNERS = {
    task_names.PROBE: lambda rt, recording_id: probe_stage.run(rt, recording_id, worker="test-worker"),
    task_names.ANALYZE: lambda rt, recording_id: analyze_stage.run(rt, recording_id, worker="test-worker"),
    task_names.TRANSCODE: lambda rt, recording_id: transcode_stage.run(rt, recording_id, worker="test-worker"),
    task_names.IDENTIFY: lambda rt, recording_id: identify_stage.run(rt, recording_id, worker="test-worker"),
    task_names.ENROL_REFERENCE: lambda rt, reference_id: enrol_stage.run(rt, reference_id, worker="test-worker"),
    task_names.EXPIRE_UPLOADS: lambda rt: maintenance.expire_uploads(rt),
    task_names.WATCHDOG: lambda rt: maintenance.watchdog(rt),
}


class Harness:
    def __init__(self, settings: Settings, store, send_task=None) -> None:
        self.settings = settings
        self.store = store
        self.tasks = TaskRecorder()
        send_task = send_task or self.tasks
        self.app = create_app(settings, store=store, send_task=send_task)
        self.client = TestClient(self.app)
        self.runtime = Runtime(
            settings=settings, sessions=session_factory(settings.database_url), store=store, send_task=send_task
        )
        self._tokens: dict[str, str] = {}

    def transaction(self):
        return transaction(self.runtime.sessions)

    def drain(self, only: set[str] | None = None) -> list:
        """Run queued tasks (and those they queue) in order; return their results.

        ``only`` limits the run to those task names; the others stay queued, which lets a
        test about probing skip the slow analysis and transcoding it would trigger.
        """
        results, skipped = [], []
        while self.tasks.sent:
            message = self.tasks.sent.pop(0)
            if only is not None and message.name not in only:
                skipped.append(message)
                continue
            results.append(_RUNNERS[message.name](self.runtime, *message.args))
        self.tasks.sent[:0] = skipped
        return results

    def probe_only(self) -> list:
        return self.drain(only={task_names.PROBE})

    def token(self, username: str, password: str = "kejian123") -> str:
        if username not in self._tokens:
            response = self.client.post("/api/auth/login", json={"username": username, "password": password})
            assert response.status_code == 200, response.text
            self._tokens[username] = response.json()["token"]
            self.client.cookies.clear()  # bearer tokens only: anonymous requests must stay anonymous
        return self._tokens[username]

    def auth(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}"}

    def queries_for(self, path: str, username: str) -> int:
        """How many SQL statements a GET of ``path`` by ``username`` runs (it must answer 200).

        Tests of "no query per row" compare this for a small and a larger world.
        """
        self.token(username)  # signing in is not the route's cost
        engine = self.runtime.sessions.kw["bind"]
        seen: list[int] = []

        def count(*_args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = self.client.get(path, headers=self.auth(username))
            assert response.status_code == 200, response.text
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)


def make_settings(
    tmp_path: Path, database_url: str, *, backend: str = "local", s3_endpoint: str = "", bucket: str = ""
) -> Settings:
    values = dict(
        environment="test",
        var_dir=tmp_path / "var",
        database_url=database_url,
        storage_backend=backend,
        broker_url="memory://",
        min_part_bytes=5 * MiB,
        log_json=False,
        log_level="WARNING",
        heartbeat_interval_s=1,
    )
    if backend == "s3":
        values.update(s3_endpoint=s3_endpoint, s3_access_key="testing", s3_secret_key="testing", s3_bucket=bucket)
    return Settings(**values)
