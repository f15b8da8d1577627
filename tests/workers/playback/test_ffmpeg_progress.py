"""The -progress parser: out_time → percent, throttled, forward only."""

from __future__ import annotations

import pytest

from workers.video.ffmpeg_progress import ProgressTracker, out_time_s


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def block(us: str, *, end: bool = False) -> list[str]:
    """One block as ffmpeg 5.1 writes it (out_time_ms is in microseconds as well)."""
    seconds = int(us) / 1e6 if us.lstrip("-").isdigit() else 0
    clock = f"{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}:{seconds % 60:09.6f}"
    return [
        "frame=250\n",
        "fps=50.00\n",
        f"out_time_us={us}\n",
        f"out_time_ms={us}\n",
        f"out_time={clock if us != 'N/A' else 'N/A'}\n",
        "speed=2.00x\n",
        f"progress={'end' if end else 'continue'}\n",
    ]


def feed(tracker: ProgressTracker, lines: list[str]) -> None:
    for line in lines:
        tracker.feed(line)


@pytest.mark.parametrize(
    ("fields", "seconds"),
    [
        ({"out_time_us": "12500000"}, 12.5),
        ({"out_time_us": "N/A", "out_time_ms": "3000000"}, 3.0),  # ms is microseconds too
        ({"out_time_us": "N/A", "out_time_ms": "N/A", "out_time": "00:01:02.500000"}, 62.5),
        ({"out_time_us": "-23220"}, 0.0),  # negative before the first packet
        ({"out_time": "-00:00:00.023220"}, 0.0),
        ({"out_time_us": "N/A", "out_time": "N/A"}, None),
        ({}, None),
    ],
)
def test_out_time_in_seconds(fields, seconds):
    assert out_time_s(fields) == seconds


def test_percent_of_the_duration_within_the_span():
    seen: list[float] = []
    tracker = ProgressTracker(100.0, seen.append, span=(10.0, 60.0), min_interval_s=0)

    feed(tracker, block("50000000"))
    feed(tracker, block("100000000"))

    assert seen == [35.0, 60.0]


def test_throttled_by_step_and_by_time():
    clock, seen = Clock(), []
    tracker = ProgressTracker(1000.0, seen.append, min_step=1.0, min_interval_s=2.0, clock=clock)

    feed(tracker, block("10000000"))  # 1 %
    clock.now = 0.5
    feed(tracker, block("50000000"))  # 5 %, but too soon
    clock.now = 3.0
    feed(tracker, block("55000000"))  # 5.5 %: late enough and 4.5 points on
    clock.now = 6.0
    feed(tracker, block("60000000"))  # 6 %: only 0.5 points on

    assert seen == [1.0, 5.5]


def test_never_backwards_never_repeated_and_finish_reports_the_end():
    seen: list[float] = []
    tracker = ProgressTracker(10.0, seen.append, min_interval_s=0)

    feed(tracker, block("5000000"))
    feed(tracker, block("4000000"))  # a later block with an earlier time
    feed(tracker, block("5000000"))
    tracker.finish()
    tracker.finish()

    assert seen == [50.0, 100.0]


def test_clamped_when_the_output_runs_past_the_probed_duration():
    seen: list[float] = []
    tracker = ProgressTracker(10.0, seen.append, min_interval_s=0)

    feed(tracker, block("12000000", end=True))

    assert seen == [100.0] and tracker.ended


def test_unknown_duration_stays_at_the_start_until_finished():
    seen: list[float] = []
    tracker = ProgressTracker(None, seen.append, span=(5.0, 90.0), min_interval_s=0)

    feed(tracker, block("5000000"))
    feed(tracker, block("9000000"))
    tracker.finish()

    assert seen == [5.0, 90.0]


def test_partial_blocks_and_junk_lines_are_ignored():
    seen: list[float] = []
    tracker = ProgressTracker(10.0, seen.append, min_interval_s=0)

    feed(tracker, ["garbage without equals\n", "out_time_us=N/A\n", "progress=continue\n", "\n"])
    feed(tracker, ["out_time_us=2000000\n"])  # no progress= line yet: block not closed
    assert seen == []
    tracker.feed("progress=continue")

    assert seen == [20.0]


def test_no_callback_is_fine():
    tracker = ProgressTracker(10.0, None)

    feed(tracker, block("5000000"))
    tracker.finish()

    assert tracker.last_percent is None
