"""One beat at a time: a lock the beat takes at start and holds for its whole life.

Two beats on one schedule send every periodic task twice (a worker restarted while its old
beat lived on did exactly that). With Redis as the broker the lock is a Redis key with a
TTL that a thread keeps renewing (several machines may run a beat); with the embedded
filesystem broker everything is on one machine, so it is an ``flock`` on a file under
``var/``, which the kernel drops when the holder dies. A second beat waits for the lock, so
it stands by and takes over when the first one stops.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
import uuid
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)

REDIS_KEY = "kejian:beat-lock"
POLL_S = 0.5


class FileLock:
    """An exclusive ``flock`` on ``path``; released when the process ends, however it ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class RedisLock:
    """A Redis key set only if absent, with a TTL renewed every third of it while held.

    If renewing finds another beat's token (our key lapsed and that beat took it), this
    process stops at once rather than run a second schedule. If it finds no key at all (Redis
    restarted keeping nothing on disk), it takes the key again: stopping then would leave no
    beat and so no watchdog, and no other beat can hold it, since a standing-by beat takes the
    key only with the same set-if-absent.
    """

    def __init__(self, url: str, ttl_s: int, *, key: str = REDIS_KEY) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=5)
        self.key, self.ttl_s = key, ttl_s
        self._token = uuid.uuid4().hex
        self._stop = threading.Event()

    def try_acquire(self) -> bool:
        if not self._redis.set(self.key, self._token, nx=True, ex=self.ttl_s):
            return False
        threading.Thread(target=self._renew, name="beat-lock", daemon=True).start()
        return True

    def _renew(self) -> None:
        script = self._redis.register_script(
            "local holder = redis.call('get', KEYS[1]) "
            "if holder == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end "
            "if not holder then redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2]) return 2 end "
            "return 0"
        )
        while not self._stop.wait(self.ttl_s / 3):
            try:
                held = script(keys=[self.key], args=[self._token, self.ttl_s])
            except Exception:  # Redis briefly away: the TTL leaves time for the next try
                log.warning("beat.lock_renew_failed", exc_info=True)
                continue
            if held == 2:
                log.warning("beat.lock_retaken", reason="the key was gone (Redis restarted?)")
            elif not held:
                log.error("beat.lock_lost")
                os._exit(1)

    def release(self) -> None:
        self._stop.set()
        script = self._redis.register_script(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
        )
        script(keys=[self.key], args=[self._token])


def for_settings(settings) -> FileLock | RedisLock:
    if settings.broker_url.startswith(("redis://", "rediss://")):
        return RedisLock(settings.broker_url, settings.beat_lock_ttl_s)
    return FileLock(settings.var_dir / "beat.lock")


def wait_for(lock: FileLock | RedisLock, *, timeout_s: float | None = None) -> bool:
    """Block until ``lock`` is ours (or ``timeout_s`` passed); log once while standing by."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    announced = False
    while not lock.try_acquire():
        if deadline is not None and time.monotonic() >= deadline:
            return False
        if not announced:
            log.warning("beat.standing_by", reason="another beat holds the lock")
            announced = True
        time.sleep(POLL_S)
    log.info("beat.lock_held", pid=os.getpid())
    return True
