"""Sign-in and password-change throttling: 429 with Retry-After, lockouts audited, memory and Redis state."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import redis
from sqlalchemy import select

from api.auth.throttle import build_throttle
from api.demo import DEMO_PASSWORD, seed
from db.models import AuditEntry
from storage import build_store
from tests.harness import Harness, make_settings
from tests.plugins.db import REQUIRE_SERVICES

REDIS_URL = "redis://127.0.0.1:6379/0"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _harness(tmp_path, database_url, **values) -> tuple[Harness, Clock]:
    settings = make_settings(tmp_path, database_url).model_copy(update=values)
    h = Harness(settings, build_store(settings))
    with h.transaction() as session:
        seed(session)
    clock = Clock()
    h.app.state.context.throttle.clock = clock
    return h, clock


def _login(h, password: str, username: str = "teacher"):
    response = h.client.post("/api/auth/login", json={"username": username, "password": password})
    h.client.cookies.clear()
    return response


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if REQUIRE_SERVICES:
            pytest.fail("Redis at 127.0.0.1:6379 is required but not reachable")
        pytest.skip("Redis not reachable")


@pytest.fixture(params=["memory", "redis"])
def throttled(request, tmp_path, database_url):
    """The app with the default thresholds, its counts in memory or in the real Redis."""
    values = {}
    if request.param == "redis":
        _redis_or_skip()
        values = dict(throttle_redis_url=REDIS_URL, throttle_key_prefix=f"kejian-test-{uuid.uuid4().hex[:8]}:")
    h, clock = _harness(tmp_path, database_url, **values)
    yield h, clock
    if request.param == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        leftovers = list(client.scan_iter(values["throttle_key_prefix"] + "*"))
        if leftovers:
            client.delete(*leftovers)


def test_wrong_passwords_wait_longer_then_lock_and_the_lockout_is_audited(throttled):
    h, clock = throttled
    assert [_login(h, "wrong").status_code for _ in range(3)] == [401, 401, 401]  # three free mistakes
    assert _login(h, "wrong").status_code == 401  # the fourth costs a wait
    refused = _login(h, DEMO_PASSWORD)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    error = refused.json()["error"]
    assert error["code"] == "auth.throttled" and "秒" in error["message_zh"] and "seconds" in error["message_en"]
    waits = []
    for _ in range(6):  # failures 5..10: each waits twice as long as the one before
        clock.now += 100
        assert _login(h, "wrong").status_code == 401
        waits.append(int(_login(h, "wrong").headers.get("Retry-After", 0)))
    assert waits == [2, 4, 8, 16, 32, 900]
    locked = _login(h, DEMO_PASSWORD)
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "auth.locked"
    assert "15 分钟" in locked.json()["error"]["message_zh"]
    assert _login(h, DEMO_PASSWORD, username="leader").status_code == 200, "other accounts are not locked"
    with h.transaction() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "auth.locked_out")).all()
        assert [(e.entity_type, e.entity_id) for e in entries] == [("sign_in_account", "teacher")]
    clock.now += 901
    assert _login(h, DEMO_PASSWORD).status_code == 200, "the lockout ends by itself"


def test_a_success_clears_the_account_count(throttled):
    h, clock = throttled
    for _ in range(20):  # a person who keeps mistyping once, then gets it right, never waits
        assert _login(h, "wrong").status_code == 401
        assert _login(h, DEMO_PASSWORD).status_code == 200
        clock.now += 1


def test_the_client_address_is_throttled_across_accounts(tmp_path, database_url):
    h, clock = _harness(tmp_path, database_url, throttle_address_free_failures=4, throttle_address_lockout_after=6)
    for name in ["teacher", "leader", "reviewer", "schooladmin", "nobody", "ghost"]:
        assert _login(h, "wrong", username=name).status_code == 401
        clock.now += 100  # past each short wait
    refused = _login(h, DEMO_PASSWORD, username="teacher")
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "auth.locked"
    with h.transaction() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "auth.locked_out")).all()
        assert [(e.entity_type, e.entity_id) for e in entries] == [("sign_in_address", "testclient")]


def test_wrong_current_passwords_count_like_wrong_sign_ins(tmp_path, database_url):
    h, _clock = _harness(tmp_path, database_url)
    headers = h.auth("teacher")
    body = {"current_password": "wrong-password", "new_password": "correct-horse-battery"}
    statuses = [h.client.post("/api/auth/password", json=body, headers=headers).status_code for _ in range(5)]
    assert statuses == [403, 403, 403, 403, 429]
    assert _login(h, DEMO_PASSWORD).status_code == 429, "the same account's sign-in waits too"


def test_password_checks_at_once_are_bounded(tmp_path, database_url):
    """Forty parallel sign-ins run at most ``argon2_max_parallel`` argon2 checks at a time."""
    h, _clock = _harness(
        tmp_path,
        database_url,
        argon2_max_parallel=2,
        throttle_address_free_failures=100,
        throttle_address_lockout_after=200,
    )
    h.app.state.context.throttle = build_throttle(h.settings)  # fresh, real clock
    from api.auth import service

    running, peak, lock = 0, 0, threading.Lock()
    real = service._matching

    def counting(user, typed):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.02)
            return real(user, typed)
        finally:
            with lock:
                running -= 1

    service._matching = counting
    try:
        threads = [threading.Thread(target=_login, args=(h, "wrong", f"user{i}")) for i in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        service._matching = real
    assert peak <= 2


def test_an_exhausted_hashing_pool_answers_busy(tmp_path, database_url):
    h, _clock = _harness(tmp_path, database_url, argon2_max_parallel=1, argon2_wait_s=0.05)
    throttle = h.app.state.context.throttle
    with throttle.hashing():  # another sign-in holds the only slot
        busy = _login(h, DEMO_PASSWORD)
    assert busy.status_code == 429 and busy.json()["error"]["code"] == "auth.busy"
    assert busy.headers["Retry-After"] == "1"
    assert _login(h, DEMO_PASSWORD).status_code == 200
