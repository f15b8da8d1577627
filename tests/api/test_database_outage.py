"""PostgreSQL connections dropped in the middle of a request: 503 and Retry-After, nothing half-saved.

Real server throughout. The in-process app has its connection killed at a chosen moment of
a write (its last INSERT, or its COMMIT); the API as ``make run`` starts it (uvicorn in its
own process) has its connection killed while the request waits on a row lock, and its idle
pooled connections killed between requests. Only the test's own connections are touched
(``tests.pg_outage``): the server is shared.
"""

from __future__ import annotations

import hashlib
import threading
import time

import httpx
import pytest
from sqlalchemy import func, select

from api.demo import seed
from db.models import ProcessingJob, Recording, UploadSession
from pipeline import task_names
from scripts import run_embedded
from storage import build_store
from tests import pg_outage
from tests.api.uploading import lesson_body, read_part
from tests.e2e.stack import HOST, free_port, stack_env, tail
from tests.harness import Harness, make_settings

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(request) -> str:
    return pg_outage.emptied_database(request)


def _harness(tmp_path, url: str) -> Harness:
    settings = make_settings(tmp_path, url)
    harness = Harness(settings, build_store(settings))
    with harness.transaction() as session:
        seed(session)
    return harness


def _open_upload(client, headers: dict, path) -> dict:
    """Create an upload and send every part: ready to complete."""
    created = client.post("/api/uploads", json=lesson_body(path), headers=headers)
    assert created.status_code == 201, created.text
    upload = created.json()
    for part in upload["parts"]:
        data = read_part(path, part, upload["part_size"])
        response = client.put(part["url"], content=data, headers=headers)
        assert response.status_code == 200, response.text
    return upload


def _assert_outage(response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "service.database_unavailable"
    assert error["message_zh"] and error["message_en"]


def _counts(harness: Harness, upload_id: str) -> tuple[int, int, str]:
    with harness.transaction() as session:
        recordings = session.scalar(select(func.count()).select_from(Recording))
        probe_jobs = session.scalar(select(func.count()).select_from(ProcessingJob))
        state = session.get(UploadSession, upload_id).state
    return recordings, probe_jobs, state


@pytest.mark.parametrize("where", ["last_insert", "commit"])
def test_a_complete_whose_connection_dies_answers_503_saves_nothing_and_its_retry_completes_once(
    tmp_path, pg_url, short_clip, where
):
    url, _name = pg_outage.own_url(pg_url, "api")
    h = _harness(tmp_path, url)
    headers = h.auth("teacher")
    upload = _open_upload(h.client, headers, short_clip)
    engine = h.runtime.sessions.kw["bind"]
    drop = (
        pg_outage.dropped_at(engine, lambda sql: sql.startswith("INSERT INTO processing_jobs"))
        if where == "last_insert"
        else pg_outage.dropped_at_commit(engine)
    )
    with drop as hit:
        response = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=headers)
    assert hit, "the connection was never dropped"
    _assert_outage(response)
    # All or nothing: no recording, no job, the upload still open, no task sent.
    assert _counts(h, upload["upload_id"]) == (0, 0, "open")
    assert h.tasks.sent == []

    # The pool hands out a live connection again, and the same request now completes, once.
    again = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=headers)
    assert again.status_code == 200, again.text
    twice = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=headers)
    assert twice.status_code == 200 and twice.json()["recording_id"] == again.json()["recording_id"]
    assert _counts(h, upload["upload_id"]) == (1, 1, "completed")
    assert h.tasks.names() == [task_names.PROBE]
    with h.transaction() as session:
        key = session.get(Recording, again.json()["recording_id"]).original_key
    assert hashlib.sha256(h.store.read_bytes(key)).hexdigest() == hashlib.sha256(short_clip.read_bytes()).hexdigest()


def _start_api(tmp_path, url: str) -> tuple[run_embedded.subprocess.Popen, str]:
    port = free_port()
    env = stack_env(tmp_path / "var", port, {"KEJIAN_DATABASE_URL": url, "KEJIAN_LOG_LEVEL": "INFO"})
    with open(tmp_path / "api.log", "wb") as log:
        proc = run_embedded.start(run_embedded.api_command(HOST, port), env, log)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the API exited:\n{tail(tmp_path / 'api.log')}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    run_embedded.stop([proc])
    raise AssertionError(f"the API did not come up:\n{tail(tmp_path / 'api.log')}")


def test_the_api_process_answers_503_when_its_connection_dies_mid_request_and_recovers(tmp_path, pg_url, short_clip):
    """uvicorn as ``make run`` starts it; its backend is killed while the request waits on a row lock."""
    seed_url, _ = pg_outage.own_url(pg_url, "seed")
    h = _harness(tmp_path, seed_url)  # the demo school, and the same data folder as the API below
    api_url, api_name = pg_outage.own_url(pg_url, "api")
    proc, base = _start_api(tmp_path, api_url)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            login = client.post("/api/auth/login", json={"username": "teacher", "password": "kejian123"})
            assert login.status_code == 200, login.text
            client.cookies.clear()
            headers = {"Authorization": f"Bearer {login.json()['token']}"}
            upload = _open_upload(client, headers, short_clip)
            upload_id = upload["upload_id"]

            # Idle pooled connections dropped between requests: the next request still succeeds.
            assert pg_outage.terminate_all(api_name) >= 1
            assert client.get(f"/api/uploads/{upload_id}", headers=headers).status_code == 200

            answers: list[httpx.Response] = []
            with pg_outage.row_locked(pg_url, UploadSession.__tablename__, upload_id):
                request = threading.Thread(
                    target=lambda: answers.append(client.post(f"/api/uploads/{upload_id}/complete", headers=headers))
                )
                request.start()
                waiting = pg_outage.wait_for_backend(api_name, waiting_on_lock=True, timeout_s=15)
                pg_outage.terminate(waiting)
                request.join(timeout=15)
            assert not request.is_alive(), "the request hung after its connection died"
            _assert_outage(answers[0])
            assert _counts(h, upload_id) == (0, 0, "open")

            again = client.post(f"/api/uploads/{upload_id}/complete", headers=headers)
            assert again.status_code == 200, again.text
            assert _counts(h, upload_id) == (1, 1, "completed")
    finally:
        run_embedded.stop([proc])
    log = (tmp_path / "api.log").read_text(errors="replace")
    assert "Traceback" not in log, tail(tmp_path / "api.log")
