"""Roster import benchmark: how long a province-sized roster takes through the real route.

Builds a CSV of ``KEJIAN_BENCH_ROSTER_TEACHERS`` new teachers (default 2,000) spread over
schools of 500 whose 工号 repeat from school to school (T0001… in every school, as real
provinces have), then POSTs it to /api/admin/roster/import in-process: once as a dry run,
once for real. Also times one argon2id hash of each profile. The database is a fresh SQLite
file, or ``KEJIAN_BENCH_DATABASE_URL`` (an empty PostgreSQL database, say). Writes
bench/results/roster_import_{sqlite,postgresql}.json. Run: ``python -m bench.roster_import``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient

from api.auth import passwords
from api.demo import DEMO_PASSWORD, seed
from api.main import create_app
from config import Settings
from config.settings import PROJECT_ROOT
from db.session import session_factory, transaction
from storage import build_store

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
PER_SCHOOL = 500
HEADERS = ("学校", "学校编码", "教研组", "学科", "姓名", "工号", "出生年份", "角色")


def _roster(teachers: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n in range(teachers):
        school, staff = divmod(n, PER_SCHOOL)
        group = staff // 10
        role = "教研组长" if staff % 10 == 0 else "教师"
        code, group_name = f"BENCH-{school:03d}", f"第{group}教研组"
        writer.writerow([f"测试学校{school}", code, group_name, "语文", f"教师{n}", f"T{staff:04d}", 1980, role])
    return out.getvalue().encode()


def _migrate(url: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")


def _time_hash(profile, rounds: int = 10) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        profile.hash("bench-password-0123")
    return (time.perf_counter() - started) / rounds


def main() -> None:
    teachers = int(os.environ.get("KEJIAN_BENCH_ROSTER_TEACHERS", "2000"))
    var_dir = Path(tempfile.mkdtemp(prefix="kejian-roster-bench-"))
    url = os.environ.get("KEJIAN_BENCH_DATABASE_URL") or f"sqlite:///{var_dir / 'bench.sqlite3'}"
    settings = Settings(environment="test", var_dir=var_dir, database_url=url, log_json=False, log_level="WARNING")
    _migrate(url)
    with transaction(session_factory(url)) as session:
        seed(session)
    app = create_app(settings, store=build_store(settings), send_task=lambda message: None)
    client = TestClient(app)
    token = client.post("/api/auth/login", json={"username": "admin", "password": DEMO_PASSWORD}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    data = _roster(teachers)
    timings = {}
    for name, dry_run in (("dry_run_s", True), ("import_s", False)):
        started = time.perf_counter()
        response = client.post(
            "/api/admin/roster/import", params={"format": "csv", "dry_run": dry_run}, content=data, headers=headers
        )
        timings[name] = round(time.perf_counter() - started, 2)
        assert response.status_code in (200, 201), response.text[:500]
        report = response.json()
        assert report["accounts"]["created"] == teachers, report["accounts"]
    result = {
        "teachers": teachers,
        "schools": -(-teachers // PER_SCHOOL),
        "database": url.split(":", 1)[0],
        **timings,
        "per_account_ms": round(1000 * timings["import_s"] / teachers, 2),
        "hash_login_profile_ms": round(1000 * _time_hash(passwords._hasher), 1),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    one_time = getattr(passwords, "_one_time_hasher", None)
    if one_time is not None:
        result["hash_one_time_profile_ms"] = round(1000 * _time_hash(one_time), 2)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"roster_import_{result['database'].split('+')[0]}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
