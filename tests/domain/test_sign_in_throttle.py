"""The sign-in throttle's policy: free failures, doubling waits, the cap, the lockout, the window."""

from __future__ import annotations

import pytest

from domain.sign_in_throttle import ThrottlePolicy, counts_after, is_lockout, retry_after_s, wait_after

POLICY = ThrottlePolicy(free_failures=3, base_delay_s=1, max_delay_s=10, lockout_after=10, lockout_s=900, window_s=600)


@pytest.mark.parametrize(
    "failures, wait",
    [(0, 0), (1, 0), (3, 0), (4, 1), (5, 2), (6, 4), (7, 8), (8, 10), (9, 10), (10, 900), (50, 900)],
)
def test_wait_grows_then_locks(failures, wait):
    assert wait_after(failures, POLICY) == wait


def test_only_the_failure_reaching_the_threshold_is_the_lockout():
    assert [n for n in range(20) if is_lockout(n, POLICY)] == [10]


@pytest.mark.parametrize(
    "failures, last, now, retry",
    [
        (0, 0, 100, 0),  # never failed
        (3, 100, 100, 0),  # still free
        (4, 100, 100, 1),
        (6, 100, 100.5, 4),  # 4 s wait, half a second gone: ceil(3.5)
        (6, 100, 104, 0),  # waited long enough
        (10, 100, 101, 899),  # locked
        (10, 100, 1000, 0),  # the lockout has passed
    ],
)
def test_retry_after_is_whole_seconds_left(failures, last, now, retry):
    assert retry_after_s(failures, last, now, POLICY) == retry


@pytest.mark.parametrize(
    "failures, last, now, kept",
    [
        (5, 100, 200, 5),  # within the window: counts on
        (5, 100, 700, 0),  # the window passed: start again
        (10, 100, 750, 10),  # locked: the lockout (900 s) outlasts the window (600 s)
        (10, 100, 1000, 0),
    ],
)
def test_old_failures_are_forgotten(failures, last, now, kept):
    assert counts_after(failures, last, now, POLICY) == kept


@pytest.mark.parametrize(
    "values",
    [dict(free_failures=10, lockout_after=10), dict(free_failures=-1), dict(base_delay_s=0), dict(window_s=0)],
)
def test_nonsense_policies_are_refused(values):
    with pytest.raises(ValueError):
        ThrottlePolicy(**values)
