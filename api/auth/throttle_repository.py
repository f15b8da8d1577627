"""Where the sign-in throttle keeps its counts: Redis when configured, else this process's memory.

A scope's entry is (recent failures, time of the last). Redis is the store whenever several API
processes serve one site, so a guesser cannot spread attempts over them; memory suits the
embedded single process. Both forget an entry once its window (or lockout) has passed.
"""

from __future__ import annotations

import threading
from typing import Protocol

import redis

from domain.sign_in_throttle import ThrottlePolicy, counts_after


class FailureStore(Protocol):
    def read(self, key: str) -> tuple[int, float]: ...

    def add_failure(self, key: str, now: float, policy: ThrottlePolicy) -> int: ...

    def clear(self, key: str) -> None: ...


def _ttl_s(policy: ThrottlePolicy) -> int:
    return int(max(policy.window_s, policy.lockout_s, policy.max_delay_s)) + 1


class MemoryStore:
    """Counts in a dict under a lock; expired entries are dropped as they are touched."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def read(self, key: str) -> tuple[int, float]:
        with self._lock:
            return self._entries.get(key, (0, 0.0))

    def add_failure(self, key: str, now: float, policy: ThrottlePolicy) -> int:
        with self._lock:
            failures, last = self._entries.get(key, (0, 0.0))
            count = counts_after(failures, last, now, policy) + 1
            self._entries[key] = (count, now)
            if len(self._entries) > 100_000:  # a flood of made-up names: forget the stale ones
                self._entries = {k: v for k, v in self._entries.items() if now - v[1] < _ttl_s(policy)}
            return count

    def clear(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)


class RedisStore:
    """Counts in Redis hashes (``n``, ``last``) that expire by themselves; increments are atomic."""

    def __init__(self, url: str, prefix: str = "kejian:throttle:") -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._prefix = prefix

    def read(self, key: str) -> tuple[int, float]:
        failures, last = self._redis.hmget(self._prefix + key, "n", "last")
        return int(failures or 0), float(last or 0.0)

    def add_failure(self, key: str, now: float, policy: ThrottlePolicy) -> int:
        name = self._prefix + key
        failures, last = self.read(key)
        pipe = self._redis.pipeline()
        if failures and counts_after(failures, last, now, policy) == 0:
            pipe.delete(name)  # the window passed: start again (a parallel failure's loss is harmless)
        pipe.hincrby(name, "n", 1)
        pipe.hset(name, "last", now)
        pipe.expire(name, _ttl_s(policy))
        return int(pipe.execute()[-3])

    def clear(self, key: str) -> None:
        self._redis.delete(self._prefix + key)


def build_store(*, throttle_redis_url: str, broker_url: str, prefix: str) -> FailureStore:
    """Redis at ``throttle_redis_url``, else at the broker's Redis, else memory ("memory" forces it)."""
    url = throttle_redis_url or (broker_url if broker_url.startswith(("redis://", "rediss://")) else "")
    if not url or url == "memory":
        return MemoryStore()
    return RedisStore(url, prefix)
