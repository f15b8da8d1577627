"""A value worked out at most once every ``ttl_s`` seconds in an API process.

For answers that change rarely and cost much to work out, such as the province's filter choices
(three DISTINCTs over 374,000 works, about a second in all). A stale value lasts at most ``ttl_s``;
``ttl_s`` 0 works it out every time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class TtlMemo:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._values: dict[Hashable, tuple[float, object]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def get(self, key: Hashable, ttl_s: float, make: Callable[[], T]) -> T:
        """The value kept for ``key`` if made under ``ttl_s`` ago, else ``make()``'s (kept)."""
        if ttl_s <= 0:
            return make()
        now = self._clock()
        with self._lock:
            kept = self._values.get(key)
        if kept is not None and now - kept[0] < ttl_s:
            return kept[1]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._values[key] = (now, value)
        return value
