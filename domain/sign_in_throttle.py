"""How long a guesser must wait: the sign-in throttle's pure policy (no clock, no storage).

Each scope (an account, a client address) counts its recent failed password checks. The first
``free_failures`` cost nothing, so a person who mistypes twice never notices; after that every
failure doubles the wait, capped at ``max_delay_s``; at ``lockout_after`` failures the scope is
locked for ``lockout_s``. A failure older than ``window_s`` is forgotten (the count restarts),
so a lockout ends by itself and a slow guesser still gains nothing: at the defaults an account
gets at most ten guesses per quarter hour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = 3
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0
    lockout_after: int = 10
    lockout_s: float = 15 * 60.0
    window_s: float = 15 * 60.0

    def __post_init__(self) -> None:
        if not 0 <= self.free_failures < self.lockout_after:
            raise ValueError("free_failures must be at least 0 and below lockout_after")
        if min(self.base_delay_s, self.max_delay_s, self.lockout_s, self.window_s) <= 0:
            raise ValueError("delays and windows must be positive")


def wait_after(failures: int, policy: ThrottlePolicy) -> float:
    """Seconds the scope must wait after its ``failures``-th recent failure before trying again."""
    if failures <= policy.free_failures:
        return 0.0
    if failures >= policy.lockout_after:
        return policy.lockout_s
    return min(policy.base_delay_s * 2 ** (failures - policy.free_failures - 1), policy.max_delay_s)


def is_lockout(failures: int, policy: ThrottlePolicy) -> bool:
    """Whether this failure is the one that locks the scope (audited once, not on every later try)."""
    return failures == policy.lockout_after


def retry_after_s(failures: int, last_failure_at: float, now: float, policy: ThrottlePolicy) -> int:
    """Whole seconds until the next attempt is allowed (0: go ahead), as ``Retry-After`` says it."""
    remaining = last_failure_at + wait_after(failures, policy) - now
    return max(0, math.ceil(remaining))


def counts_after(failures: int, last_failure_at: float, now: float, policy: ThrottlePolicy) -> int:
    """The failure count a new failure at ``now`` adds to: reset once the window has passed."""
    if failures and now - last_failure_at >= max(policy.window_s, wait_after(failures, policy)):
        return 0
    return failures
