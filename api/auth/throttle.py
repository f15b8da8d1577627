"""The sign-in throttle: refuse guessers early (429 + Retry-After), bound argon2's memory, audit lockouts.

Every password check (sign-in, the current password at a change) is counted per account and
per client address. A scope still waiting (``domain.sign_in_throttle``) is refused before any
hashing, so a throttled flood costs nothing; the checks that do run take one of a few slots,
since each argon2id check holds 64 MiB and forty at once nearly exhausted a small server.
A success clears the account's count (not the address's: signing into one's own account must
not wash away guesses at others'). The failure that locks a scope writes an audit entry.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import structlog

from api.auth.throttle_repository import FailureStore, build_store
from api.errors import ApiError
from config import Settings
from domain import security_reasons
from domain.reasons import Reason
from domain.sign_in_throttle import ThrottlePolicy, is_lockout, retry_after_s

log = structlog.get_logger(__name__)

# (scope kind, scope value, failures, lockout seconds): what an audit entry for a lockout needs.
LockoutRecorder = Callable[[str, str, int, float], None]


class TooManyAttempts(ApiError):
    status_code = 429

    def __init__(self, reason: Reason, retry_after: int, **kw):
        super().__init__(reason, extra={"retry_after_s": retry_after}, **kw)
        self.headers = {"Retry-After": str(retry_after)}


def _refusal(wait_s: int, locked: bool) -> TooManyAttempts:
    if locked:
        reason = security_reasons.SIGN_IN_LOCKED.format(minutes=max(1, -(-wait_s // 60)))
    else:
        reason = security_reasons.SIGN_IN_THROTTLED.format(seconds=wait_s)
    return TooManyAttempts(reason, wait_s)


def account_key(username: str) -> str:
    return "account:" + username.strip().casefold()


class SignInThrottle:
    def __init__(
        self,
        store: FailureStore,
        *,
        account: ThrottlePolicy,
        address: ThrottlePolicy,
        hashing_slots: int,
        hashing_wait_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.policies = {"account": account, "address": address}
        self._slots = threading.BoundedSemaphore(hashing_slots)
        self._wait_s = hashing_wait_s
        self.clock = clock

    def _scopes(self, username: str, address: str) -> list[tuple[str, str, str]]:
        return [("account", username, account_key(username)), ("address", address, "address:" + address)]

    def check(self, *, username: str, address: str) -> None:
        """Refuse (429) when the account or the address must still wait."""
        now = self.clock()
        for kind, _value, key in self._scopes(username, address):
            policy = self.policies[kind]
            failures, last = self.store.read(key)
            wait = retry_after_s(failures, last, now, policy)
            if wait > 0:
                raise _refusal(wait, failures >= policy.lockout_after)

    def failed(self, *, username: str, address: str, on_lockout: LockoutRecorder) -> None:
        """Count a wrong password; the failure that locks a scope is logged and recorded."""
        now = self.clock()
        for kind, value, key in self._scopes(username, address):
            policy = self.policies[kind]
            failures = self.store.add_failure(key, now, policy)
            if is_lockout(failures, policy):
                log.warning("auth.locked_out", scope=kind, value=value, failures=failures, lockout_s=policy.lockout_s)
                on_lockout(kind, value, failures, policy.lockout_s)

    def succeeded(self, *, username: str) -> None:
        self.store.clear(account_key(username))

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Hold one of the few password-checking slots; 429 when none frees up in time."""
        if not self._slots.acquire(timeout=self._wait_s):
            raise TooManyAttempts(security_reasons.AUTH_BUSY, 1)
        try:
            yield
        finally:
            self._slots.release()


def build_throttle(settings: Settings) -> SignInThrottle:
    """The throttle the settings describe (thresholds, windows, store, hashing slots)."""
    store = build_store(
        throttle_redis_url=settings.throttle_redis_url,
        broker_url=settings.broker_url,
        prefix=settings.throttle_key_prefix,
    )
    return SignInThrottle(
        store,
        account=settings.account_throttle,
        address=settings.address_throttle,
        hashing_slots=settings.argon2_max_parallel,
        hashing_wait_s=settings.argon2_wait_s,
    )
