"""A province in PostgreSQL: ``python -m bench.province [--scale 1.0]`` builds one with COPY.

At ``--scale 1.0`` (the issue's size): 2,000 schools (a few very large), 300,000 teachers in
research groups with their accounts, 1,000,000 recordings with their stage jobs, analysis and
timed comments, 1,500,000 submissions through every workflow state, 10,000,000 audit rows, pushed
peer lessons with comments, online-hour rows (``bench._province_rows`` says how they are drawn).

The database (``--database``, default ``kejian_province``, on the server of
``KEJIAN_BENCH_POSTGRES_URL``) is dropped, created and migrated with Alembic, so the schema is
the application's. Rows stream from the generator into one COPY per table, each on its own
connection, all open at once: memory stays flat at any scale. The load runs with
``session_replication_role = replica`` (as ``pg_restore --disable-triggers`` does), so foreign keys
are not checked row by row; ``tests/bench/test_province.py`` checks them on a small province
instead. Then the sequences are moved past the ids used and the tables analysed.

Writes ``bench/results/province.json``: seconds per phase, rows per table, database and table sizes,
and bytes per row of every loaded table (``bytes_per_row``, indexes included).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import psycopg
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from api.auth.passwords import hash_password  # noqa: E402
from bench._province_rows import COLUMNS, Province  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "province.json"
ADMIN_URL = os.environ.get("KEJIAN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "kejian123"  # every generated account's, so load tests and the plan test can sign in


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def database_url(name: str, admin_url: str = ADMIN_URL) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def recreate(name: str, admin_url: str = ADMIN_URL) -> str:
    """Drop and create ``name``, migrate it to head; returns its SQLAlchemy URL."""
    with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name, admin_url)
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")
    return url


def load(url: str, scale: float, seed: int = 21) -> dict[str, int]:
    """Stream the province into ``url``'s (empty, migrated) tables; returns rows per table."""
    province = Province(scale, seed, hash_password(PASSWORD))
    counts = dict.fromkeys(COLUMNS, 0)
    with ExitStack() as stack:
        copies = {}
        for table, columns in COLUMNS.items():
            conn = stack.enter_context(psycopg.connect(_dsn(url)))
            conn.execute("SET session_replication_role = replica")
            cursor = stack.enter_context(conn.cursor())
            names = ", ".join(columns)
            copies[table] = stack.enter_context(cursor.copy(f"COPY {table} ({names}) FROM STDIN"))
        for table, row in province.rows():
            copies[table].write_row(row)
            counts[table] += 1
        # Leaving the stack ends every COPY, then commits every connection.
    with psycopg.connect(_dsn(url), autocommit=True) as conn:
        for table in (t for t, columns in COLUMNS.items() if columns[0] == "id"):
            sequence = conn.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()[0]
            if sequence:
                conn.execute(f"SELECT setval('{sequence}', GREATEST((SELECT max(id) FROM {table}), 1))")
    return counts


def analyse(url: str) -> None:
    with psycopg.connect(_dsn(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def sizes(url: str, rows: dict[str, int] | None = None) -> dict[str, object]:
    """Database and table sizes (rows, indexes and TOAST); with ``rows``, bytes per row of each loaded table,
    which the capacity plan (``bench/capacity.py``) scales to other provinces."""
    with psycopg.connect(_dsn(url)) as conn:
        total = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        tables = conn.execute(
            "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables ORDER BY 2 DESC"
        ).fetchall()
    out: dict[str, object] = {"database_bytes": total, "largest_tables_bytes": dict(tables[:12])}
    if rows is not None:
        out["bytes_per_row"] = {table: round(size / rows[table]) for table, size in tables if rows.get(table)}
    return out


def build(name: str, scale: float, seed: int = 21, admin_url: str = ADMIN_URL) -> dict[str, object]:
    """The whole run, timed by phase: recreate and migrate, COPY, VACUUM ANALYZE."""
    started = time.perf_counter()
    url = recreate(name, admin_url)
    migrated = time.perf_counter()
    rows = load(url, scale, seed)
    loaded = time.perf_counter()
    analyse(url)
    analysed = time.perf_counter()
    return {
        "url": url,
        "scale": scale,
        "seed": seed,
        "rows": rows,
        "total_rows": sum(rows.values()),
        "seconds": {
            "migrate": round(migrated - started, 2),
            "copy": round(loaded - migrated, 2),
            "vacuum_analyze": round(analysed - loaded, 2),
            "total": round(analysed - started, 2),
        },
        **sizes(url, rows),
    }


# Bumped when the generator's rows change (2: schools hand over; 3: submissions carry their school), so
# ``ensure`` builds again.
GENERATOR_VERSION = 3


def _head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini"))).get_current_head()


def marker(scale: float, seed: int) -> str:
    """What a built province's database comment records: how it was made, to be reused only as such."""
    made = {"scale": scale, "seed": seed, "head": _head(), "generator": GENERATOR_VERSION}
    return json.dumps({"bench.province": made}, sort_keys=True)


def ensure(name: str, scale: float = 1.0, *, rebuild: bool = False, seed: int = 21) -> tuple[str, bool]:
    """(URL, whether it was built now) of a province at ``scale``, built only when missing or made
    differently (scale, seed, migration head or generator): the benches share one 7-minute build."""
    admin = _dsn(ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    want = marker(scale, seed)
    if row and row[0] == want and not rebuild:
        return database_url(name), False
    result = build(name, scale, seed)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{want}'")
    return result["url"], True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("KEJIAN_BENCH_PROVINCE_SCALE", "1.0")))
    parser.add_argument("--database", default="kejian_province")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    result = build(args.database, args.scale, args.seed)
    with open("/proc/loadavg") as f:
        result["loadavg_before_end"] = f.read().split()[:3]
    result.pop("url")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
