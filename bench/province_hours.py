"""The province's 学时 completion view on the generated province: answered from counted schools in ≤ 50 ms?

``python bench/province_hours.py`` reads the generated province (``KEJIAN_BENCH_PROVINCE_DB``,
default ``kejian_province``, built at scale 1.0 by ``bench.province.ensure`` unless one made the
same way is there). Before ``api.hours.completion`` the view worked out all 300,000 ledgers on every
request and did not answer within 300 s. Side by side, in one run:

- **live, per 1,000 teachers**: the largest school's ledgers worked out live (what every school
  cost the old view), and that rate times the province's teachers: the live view's floor;
- **refresh**: counting every school again (each in its own transaction), as the view does in the
  background for stale schools, the whole province at once;
- **answer**: ``GET /api/province/hours``'s work once every school is counted, the median of
  ``KEJIAN_BENCH_HOURS_RUNS`` (default 10) runs.

Target: the answer within the issue's page target, 50 ms. Writes ``bench/results/province_hours.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from api.hours import completion  # noqa: E402
from api.hours import province as completion_view  # noqa: E402
from bench import province  # noqa: E402
from config import Settings  # noqa: E402
from db.models import School, Teacher  # noqa: E402
from db.session import session_factory, transaction  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "province_hours.json"
DATABASE = os.environ.get("KEJIAN_BENCH_PROVINCE_DB", "kejian_province")
RUNS = int(os.environ.get("KEJIAN_BENCH_HOURS_RUNS", "10"))
TARGET_MS = 50.0


def _largest_school(sessions) -> tuple[int, int, int]:
    """(largest school's id, its teachers, the province's teachers)."""
    with transaction(sessions) as session:
        school_id, teachers = session.execute(
            select(Teacher.school_id, func.count(Teacher.id))
            .group_by(Teacher.school_id)
            .order_by(func.count(Teacher.id).desc())
            .limit(1)
        ).one()
        total = session.scalar(select(func.count(Teacher.id)))
    return school_id, teachers, total


def measure(url: str, runs: int = RUNS) -> dict[str, object]:
    settings = Settings(database_url=url, hours_live_teachers=0)
    sessions = session_factory(url)
    school_id, school_teachers, teachers = _largest_school(sessions)
    with transaction(sessions) as session:
        started = time.perf_counter()
        completion.count_school(session, settings, school_id)
        live_school_s = time.perf_counter() - started
    per_thousand_s = live_school_s * 1000 / school_teachers
    with transaction(sessions) as session:
        schools = list(session.scalars(select(School.id).order_by(School.id)))
    started = time.perf_counter()
    refreshed = completion.refresh(sessions, settings, schools)
    refresh_s = time.perf_counter() - started
    answers = []
    for _ in range(runs):
        with transaction(sessions) as session:
            started = time.perf_counter()
            view = completion_view.completion_view(session, settings)
            answers.append((time.perf_counter() - started) * 1000)
    answer_ms = statistics.median(answers)
    return {
        "teachers": teachers,
        "schools": len(schools),
        "schools_refreshed": refreshed,
        "largest_school": {"teachers": school_teachers, "live_s": round(live_school_s, 3)},
        "live_s_per_1000_teachers": round(per_thousand_s, 3),
        "live_view_floor_s": round(per_thousand_s * teachers / 1000, 1),
        "refresh_s": round(refresh_s, 1),
        "answer_ms": round(answer_ms, 1),
        "answer_runs_ms": [round(a, 1) for a in answers],
        "answer_counted_teachers": view.out.teachers,
        "live_floor_over_answer": round(per_thousand_s * teachers / answer_ms, 0) if answer_ms else None,
        "target": {"answer_ms": TARGET_MS},
        "met": answer_ms <= TARGET_MS and view.out.schools_not_counted == 0,
    }


def main() -> None:
    url, built = province.ensure(DATABASE)  # about 7 minutes when it has to be built
    result = {"database": DATABASE, "built_now": built, "load_average": os.getloadavg(), **measure(url)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    verdict = "met" if result["met"] else "MISSED"
    print(
        f"{result['teachers']} teachers in {result['schools']} schools: live {result['live_s_per_1000_teachers']} s per"
        f" 1,000 teachers (the whole province ≈ {result['live_view_floor_s']} s); refresh {result['refresh_s']} s;"
        f" answer {result['answer_ms']} ms ({verdict}: ≤ {TARGET_MS} ms)"
    )


if __name__ == "__main__":
    main()
