"""Turn ffmpeg's ``-progress pipe:1`` output into a throttled percent.

With ``-progress pipe:1 -nostats`` ffmpeg writes blocks of ``key=value`` lines to stdout,
each block closed by ``progress=continue`` (or ``progress=end`` once it is done)::

    frame=250
    out_time_us=10000000
    out_time_ms=10000000
    out_time=00:00:10.000000
    progress=continue

``out_time_ms`` is in microseconds too (a long-standing ffmpeg quirk), ``out_time_us`` only
exists since ffmpeg 4.4, and every one of them reads ``N/A`` (or goes slightly negative)
until the first packet is written, so all three are tried and junk is ignored.

The job row is updated from the reported percent, so reports are throttled: only when the
percent moved by ``min_step`` points *and* ``min_interval_s`` passed, never backwards, and
100 only from :meth:`ProgressTracker.finish` — the caller decides when the work is done.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

Report = Callable[[float], None]


def out_time_s(fields: Mapping[str, str]) -> float | None:
    """Seconds of output written so far, from one progress block (``None`` if unknown)."""
    for key in ("out_time_us", "out_time_ms"):
        try:
            value = float(fields.get(key, ""))
        except ValueError:  # missing or "N/A"
            continue
        if math.isfinite(value):
            return max(0.0, value / 1_000_000)
    return _clock_time(fields.get("out_time", ""))


def _clock_time(text: str) -> float | None:
    """``"HH:MM:SS.micro"`` (optionally negative) → seconds."""
    hours, _, rest = text.strip().lstrip("-").partition(":")
    minutes, _, seconds = rest.partition(":")
    try:
        total = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return None
    return 0.0 if text.strip().startswith("-") else total


class ProgressTracker:
    """Feed it ffmpeg's progress lines; it calls ``report(percent)`` now and then."""

    def __init__(
        self,
        duration_s: float | None,
        report: Report | None,
        *,
        span: tuple[float, float] = (0.0, 100.0),
        min_step: float = 1.0,
        min_interval_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.duration_s = duration_s if duration_s and duration_s > 0 else None
        self.report = report
        self.span = span  # this run's share of the whole job, e.g. (0, 90)
        self.min_step = min_step
        self.min_interval_s = min_interval_s
        self.clock = clock
        self.fields: dict[str, str] = {}
        self.last_percent: float | None = None
        self.last_time = -math.inf
        self.ended = False

    def feed(self, line: str) -> None:
        """One line of ``-progress`` output (with or without its newline)."""
        key, sep, value = line.strip().partition("=")
        if not sep:
            return
        if key != "progress":
            self.fields[key] = value
            return
        self.ended = self.ended or value == "end"
        done = out_time_s(self.fields)
        self.fields = {}
        if done is not None:
            self._offer(self.percent_of(done), force=False)

    def percent_of(self, done_s: float) -> float:
        """Map output seconds onto this run's span of the job's percent."""
        low, high = self.span
        if self.duration_s is None:
            return low
        return low + (high - low) * min(1.0, done_s / self.duration_s)

    def finish(self) -> None:
        """The run succeeded: report the end of its span, whatever the throttle says."""
        self._offer(self.span[1], force=True)

    def _offer(self, percent: float, *, force: bool) -> None:
        if self.report is None:
            return
        percent = round(percent, 1)
        if self.last_percent is not None and percent <= self.last_percent:
            return  # never backwards, never the same value twice
        now = self.clock()
        if not force:
            if self.last_percent is not None and percent - self.last_percent < self.min_step:
                return
            if now - self.last_time < self.min_interval_s:
                return
        self.last_percent, self.last_time = percent, now
        self.report(percent)
