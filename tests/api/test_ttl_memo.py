"""``api.shared.ttl_memo``: a costly, rarely changing answer is worked out at most once per period."""

from __future__ import annotations

from api.shared.ttl_memo import TtlMemo


def test_a_value_is_kept_for_its_period_then_made_again():
    now = [100.0]
    made = []
    memo = TtlMemo(clock=lambda: now[0])

    def make():
        made.append(now[0])
        return len(made)

    assert memo.get("k", 60, make) == 1
    now[0] += 59.9
    assert memo.get("k", 60, make) == 1, "still fresh"
    assert memo.get("other", 60, make) == 2, "each key its own"
    now[0] += 0.1
    assert memo.get("k", 60, make) == 3, "60 s on: made again"
    assert memo.get("k", 0, make) == 4 and memo.get("k", 0, make) == 5, "a period of 0 keeps nothing"
    assert made == [100.0, 159.9, 160.0, 160.0, 160.0]


def test_with_later_an_expired_value_is_answered_and_made_again_afterwards_once():
    now = [0.0]
    made = []
    queued = []
    memo = TtlMemo(clock=lambda: now[0])

    def make():
        made.append(now[0])
        return len(made)

    def later(fn, *args):
        queued.append((fn, args))

    assert memo.get("k", 60, make, later=later) == 1, "nothing kept: the first caller waits for it"
    assert queued == []
    now[0] = 61.0
    assert memo.get("k", 60, make, later=later) == 1, "expired: answered as kept"
    assert memo.get("k", 60, make, later=later) == 1
    assert len(queued) == 1, "one remake at a time per key"
    assert made == [0.0], "nothing made while the caller waited"
    fn, args = queued.pop()
    fn(*args)
    assert made == [0.0, 61.0]
    assert memo.get("k", 60, make, later=later) == 2, "the remade value, fresh again"
    assert queued == []


def test_a_failed_remake_keeps_the_old_value_and_lets_the_next_caller_try_again():
    now = [0.0]
    queued = []
    memo = TtlMemo(clock=lambda: now[0])
    memo.get("k", 10, lambda: "old")
    now[0] = 11.0

    def broken():
        raise RuntimeError("database gone")

    assert memo.get("k", 10, broken, later=lambda fn, *args: queued.append((fn, args))) == "old"
    fn, args = queued.pop()
    fn(*args)  # logs, does not raise: it runs after the answer
    assert memo.get("k", 10, lambda: "new", later=lambda fn, *args: queued.append((fn, args))) == "old"
    fn, args = queued.pop()
    fn(*args)
    assert memo.get("k", 10, lambda: "unused") == "new"
