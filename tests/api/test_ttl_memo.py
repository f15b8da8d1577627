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
