"""A provincial sampling round over the generated province: drawn in ≤ 2 s over 100,000 candidates?

``python bench/sampling.py`` reads the generated province (``KEJIAN_BENCH_PROVINCE_DB``, default
``kejian_province``, built at scale 1.0 by ``bench.province.ensure`` unless one made the same way is
there), whose handed-over schools hold about 127,000 forwarded works. It times, through the app's own service
functions and in transactions it rolls back (the province is left as it was):

- **floor**: the candidates' query alone (forwarded work of handed-over schools, read into Python
  once), what a draw in Python must read; on PostgreSQL the draw reads them in place instead;
- **preview**: what a seed would draw (the strata, the shares, the draw, the names);
- **draw**: a stored round at the default rate: the lock, the draw, and every drawn work moved by
  SAMPLE with its audit entry and notices, flushed.

Each is the median of ``KEJIAN_BENCH_SAMPLING_RUNS`` runs (default 3). Target (issue 21): the
draw ≤ 2 s with ≥ 100,000 candidates. Writes ``bench/results/sampling.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, select, text  # noqa: E402

from api.main import create_app  # noqa: E402
from api.review.province import repository, rounds  # noqa: E402
from api.review.province.schemas import RoundIn  # noqa: E402
from bench import province  # noqa: E402
from config import Settings  # noqa: E402
from db.models import User  # noqa: E402
from domain.roles import Actor, Role  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "sampling.json"
DATABASE = os.environ.get("KEJIAN_BENCH_PROVINCE_DB", "kejian_province")
RUNS = int(os.environ.get("KEJIAN_BENCH_SAMPLING_RUNS", "3"))
TARGET_S = 2.0
TARGET_CANDIDATES = 100_000


def _timed(sessions, work) -> tuple[float, object]:
    """Seconds ``work(session)`` takes in a transaction that is then rolled back."""
    with sessions() as session:
        started = time.perf_counter()
        result = work(session)
        session.flush()
        seconds = time.perf_counter() - started
        session.rollback()
    return seconds, result


def measure(url: str, runs: int = RUNS) -> dict[str, object]:
    """Median seconds of the floor, the preview and the draw on the province at ``url``."""
    with tempfile.TemporaryDirectory() as store:
        settings = Settings(database_url=url, storage_dir=store)
        ctx = create_app(settings, send_task=lambda *args, **kwargs: None).state.context
        with ctx.sessions() as session:
            reviewer = session.scalar(select(User.id).where(User.role == Role.PROVINCIAL_REVIEWER.value).limit(1))
        actor = Actor(reviewer, Role.PROVINCIAL_REVIEWER)
        body = RoundIn(seed="bench-sampling")
        figures: dict[str, list[float]] = {"floor": [], "preview": [], "draw": []}
        drawn = candidates = 0
        for _ in range(runs):
            figures["floor"].append(_timed(ctx.sessions, repository.candidates)[0])
            figures["preview"].append(_timed(ctx.sessions, lambda s: rounds.preview(s, ctx, actor, body))[0])
            seconds, round_ = _timed(ctx.sessions, lambda s: _drawn(rounds.draw(s, ctx, actor, body)))
            figures["draw"].append(seconds)
            candidates, drawn = round_
    medians = {name: round(statistics.median(values), 3) for name, values in figures.items()}
    return {
        "candidates": candidates,
        "drawn": drawn,
        "seconds": medians,
        "runs": {name: [round(v, 3) for v in values] for name, values in figures.items()},
        "draw_over_floor": round(medians["draw"] / medians["floor"], 2) if medians["floor"] else None,
        "target": {"draw_s": TARGET_S, "candidates_at_least": TARGET_CANDIDATES},
        "met": medians["draw"] <= TARGET_S and candidates >= TARGET_CANDIDATES,
    }


def _drawn(round_) -> tuple[int, int]:
    return round_.candidates, len(round_.drawn)


def vacuum(url: str) -> None:
    """Clear the dead rows earlier runs' rolled-back rounds left (13,000 in each of three tables a
    draw): this machine's PostgreSQL runs without autovacuum, and a live one would have cleared them."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("VACUUM (ANALYZE) submissions, audit_log, notifications, sampling_rounds"))
    finally:
        engine.dispose()


def main() -> None:
    url, built = province.ensure(DATABASE)  # about 7 minutes when it has to be built
    vacuum(url)
    result = {"database": DATABASE, "built_now": built, "load_average": os.getloadavg(), **measure(url)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    s = result["seconds"]
    verdict = "met" if result["met"] else "MISSED"
    print(f"{result['candidates']} candidates, {result['drawn']} drawn")
    print(f"floor {s['floor']} s · preview {s['preview']} s · draw {s['draw']} s ({verdict}: ≤ {TARGET_S} s)")


if __name__ == "__main__":
    main()
