"""A value worked out at most once every ``ttl_s`` seconds in an API process.

For answers that change rarely and cost much to work out, such as the province's filter choices.
A stale value lasts at most ``ttl_s``; ``ttl_s`` 0 works it out every time.

Given ``later`` (``BackgroundTasks.add_task``), nobody waits for an expired value to be made
again: the caller gets the kept one and it is made again after the answer, once at a time per
key. Only the first caller, with nothing kept, waits. Under load the wait at expiry was the
province list's slowest request (p95 2.3–2.8 s on the full province).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import structlog

T = TypeVar("T")

log = structlog.get_logger(__name__)


class TtlMemo:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._values: dict[Hashable, tuple[float, object]] = {}
        self._remaking: set[Hashable] = set()
        self._lock = threading.Lock()
        self._clock = clock

    def get(self, key: Hashable, ttl_s: float, make: Callable[[], T], *, later: Callable[..., Any] | None = None) -> T:
        """The value kept for ``key`` if made under ``ttl_s`` ago, else ``make()``'s (kept).

        With ``later``, an expired value is answered as kept, and ``later(fn, *args)`` is handed the
        remake, to run after the answer; ``make`` must then not depend on the caller's request (it
        opens its own session).
        """
        if ttl_s <= 0:
            return make()
        now = self._clock()
        with self._lock:
            kept = self._values.get(key)
            if kept is not None:
                made_at, value = kept
                if now - made_at < ttl_s:
                    return value  # type: ignore[return-value]
                if later is not None:
                    if key not in self._remaking:
                        self._remaking.add(key)
                        later(self._remake, key, make)
                    return value  # type: ignore[return-value]
        value = make()
        self._keep(key, now, value)
        return value

    def _remake(self, key: Hashable, make: Callable[[], object]) -> None:
        started = self._clock()
        try:
            self._keep(key, started, make())
        except Exception:  # the kept value stays; the next caller after it tries again
            log.warning("memo.remake_failed", key=str(key), exc_info=True)
        finally:
            with self._lock:
                self._remaking.discard(key)

    def _keep(self, key: Hashable, made_at: float, value: object) -> None:
        with self._lock:
            self._values[key] = (made_at, value)
