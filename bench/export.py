"""The school workbook (学校汇总) of the province's largest school, written row by row: memory flat?

``python bench/export.py`` builds, through the app's own ``school_workbook``, the workbook of the
largest and of a median school of the generated province (``KEJIAN_BENCH_PROVINCE_DB``, default
``kejian_province``, built at scale 1.0 by ``bench.province.ensure`` unless one made the same way is
there), as its school admin would download it, and measures the Python memory each takes at its
peak (``tracemalloc``) and the seconds. **Baseline:**
the same number of detail rows written into an in-memory openpyxl workbook, which holds every cell.
**Target** (issue 21): a 5,000-teacher school's workbook written row by row, memory flat: the
largest school's peak not growing with its teachers as the in-memory baseline does. Writes
``bench/results/export.json``.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook, load_workbook  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from api.main import create_app  # noqa: E402
from api.review.admin import exports  # noqa: E402
from bench import province  # noqa: E402
from config import Settings  # noqa: E402
from db.models import School, Teacher, User  # noqa: E402
from domain.roles import Actor, Role  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "export.json"
DATABASE = os.environ.get("KEJIAN_BENCH_PROVINCE_DB", "kejian_province")
NOW = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)


def _schools(session) -> list[tuple[int, int]]:
    """(school id, teachers) of the largest school and of the median one."""
    sizes = session.execute(
        select(Teacher.school_id, func.count()).group_by(Teacher.school_id).order_by(func.count().desc())
    ).all()
    return [tuple(sizes[0]), tuple(sizes[len(sizes) // 2])]


def _peak(work) -> tuple[object, int, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1], time.perf_counter() - started
    finally:
        tracemalloc.stop()


def _in_memory(rows: list[tuple]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure(url: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as store:
        settings = Settings(database_url=url, storage_dir=store)
        ctx = create_app(settings, send_task=lambda *args, **kwargs: None).state.context
        found = []
        with ctx.sessions() as session:
            picked = _schools(session)
        for school_id, teachers in picked:
            with ctx.sessions() as session:
                admin = session.scalar(
                    select(User.id).where(User.role == Role.SCHOOL_ADMIN.value, User.school_id == school_id)
                )
                actor = Actor(admin, Role.SCHOOL_ADMIN, school_id=school_id)
                school = session.get(School, school_id)
                with tempfile.TemporaryFile() as out:  # as the route writes it: to a file, streamed from there
                    _, peak, seconds = _peak(
                        lambda: exports.school_workbook(session, settings, actor, school, out, now=NOW)
                    )
                    out.seek(0)
                    data = out.read()
            details = list(load_workbook(io.BytesIO(data), read_only=True)[exports.DETAILS_SHEET].values)
            _, baseline_peak, baseline_s = _peak(lambda: _in_memory(details))
            found.append(
                {
                    "school_id": school_id,
                    "teachers": teachers,
                    "detail_rows": len(details) - 1,
                    "bytes": len(data),
                    "peak_mb": round(peak / 1e6, 1),
                    "seconds": round(seconds, 2),
                    "baseline_in_memory_details_peak_mb": round(baseline_peak / 1e6, 1),
                    "baseline_seconds": round(baseline_s, 2),
                }
            )
    large, median = found
    return {
        "schools": found,
        "peak_growth_mb_per_1000_teachers": round(
            (large["peak_mb"] - median["peak_mb"]) / max(1, large["teachers"] - median["teachers"]) * 1000, 2
        ),
        "baseline_growth_mb_per_1000_teachers": round(
            (large["baseline_in_memory_details_peak_mb"] - median["baseline_in_memory_details_peak_mb"])
            / max(1, large["teachers"] - median["teachers"])
            * 1000,
            2,
        ),
    }


def main() -> None:
    url, built = province.ensure(DATABASE)  # about 7 minutes when it has to be built
    result = {"database": DATABASE, "built_now": built, "load_average": os.getloadavg(), **measure(url)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    for s in result["schools"]:
        print(
            f"school {s['school_id']}: {s['teachers']} teachers, {s['detail_rows']} detail rows: "
            f"peak {s['peak_mb']} MB in {s['seconds']} s "
            f"(in-memory details alone {s['baseline_in_memory_details_peak_mb']} MB)"
        )
    print(
        f"growth per 1,000 teachers: {result['peak_growth_mb_per_1000_teachers']} MB "
        f"(in-memory details: {result['baseline_growth_mb_per_1000_teachers']} MB)"
    )


if __name__ == "__main__":
    main()
