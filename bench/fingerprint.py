"""Re-used recording search benchmark: the duplicate lookup for one new recording among 100,000
stored ones, on PostgreSQL, against a sequential scan of the same keys.

Builds a scratch database (``kejian_bench_fp`` on the server of ``KEJIAN_BENCH_POSTGRES_URL``,
dropped and created again), migrates it with Alembic, and bulk-loads ``KEJIAN_BENCH_FP_RECORDINGS``
(default 100,000) recordings with synthetic fingerprints made like a classroom's: 10–45 minutes, a
sample about every 2 s, shots of 20 s–5 min that each hold one picture give or take a bit or two of
noise, every shot a variation of its room's look (6–14 bits in rooms with a fixed camera, 12–24 in
the others), 50 recordings to a room, and a few stretches left out as black or frozen. Fingerprints
and keys come from the real ``Fingerprint.to_bytes`` and ``index_keys``; rows go in with COPY, the
key table's indexes are built after the load (as a restore would), then VACUUM ANALYZE.

Then it times what the analyze stage does per recording, ``duplicates.matches`` (``lookup_keys``,
the candidate query, ``overlap`` on each candidate), with the query timed apart, for
``KEJIAN_BENCH_FP_QUERIES`` (default 200) new recordings: half re-encoded excerpts of stored ones
(3 in 10 of 70–120 s, the others up to 15 minutes; other sample times, 0–4 bits off, shifted), half
new lessons, 4 in 5 in rooms already stored. Two passes over the same lookups; recall of the planted
copies (whether the search lists the original, and whether the check would name it) and false
alarms among the new lessons. ``--reuse`` times the lookups again on the database loaded before.

**Baseline:** the same candidate query with index scans disabled (a sequential scan), on a few
lookups. **Target:** p95 ≤ 50 ms per lookup. Writes bench/results/fingerprint.json;
``bench/README.md`` keeps the latest figures.
"""

from __future__ import annotations

import json
import os
import statistics
import struct
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import psycopg
from sqlalchemy import make_url, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from db.session import session_factory  # noqa: E402
from workers.stages import duplicates  # noqa: E402
from workers.stages import fingerprint_repository as repository  # noqa: E402
from workers.video.fingerprint import Fingerprint, index_keys, lookup_keys  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "fingerprint.json"
ADMIN_URL = os.environ.get("KEJIAN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DATABASE = "kejian_bench_fp"
RECORDINGS = int(os.environ.get("KEJIAN_BENCH_FP_RECORDINGS", "100000"))
QUERIES = int(os.environ.get("KEJIAN_BENCH_FP_QUERIES", "200"))
PER_ROOM = 50
SEQSCAN_QUERIES = 3
SHORT_S = 120.0  # copies this short are near the 60-s line: recall is reported apart for them
TARGET_P95_MS = 50.0
SEED = 15
EPOCH = datetime(2023, 9, 1, tzinfo=timezone.utc)  # three school years of uploads


def _bits(rng: np.random.Generator, count: int) -> int:
    mask = 0
    for bit in rng.choice(64, size=count, replace=False):
        mask |= 1 << int(bit)
    return mask


def _noise(rng: np.random.Generator, n: int, most: int) -> np.ndarray:
    """Per sample a mask of 0..``most`` random bits (each bit kept with probability 1/2)."""
    masks = np.zeros(n, dtype=np.uint64)
    for _ in range(most):
        keep = rng.random(n) < 0.5
        masks |= np.where(keep, np.left_shift(np.uint64(1), rng.integers(0, 64, n).astype(np.uint64)), np.uint64(0))
    return masks


# How far a shot's picture is from its room's look, in bits: a 录播 classroom's fixed camera sees
# mostly the same room (6–14 bits: the board, people, light); a handheld or moved camera does not.
FIXED_CAMERA, MOVED_CAMERA = (6, 15), (12, 25)


def room_spread(room: int) -> tuple[int, int]:
    """Half the rooms have a fixed camera (the room's look's lowest bit decides)."""
    return FIXED_CAMERA if room & 1 else MOVED_CAMERA


def classroom(rng: np.random.Generator, room: int, duration_s: float) -> Fingerprint:
    """A lesson filmed in ``room``: shots of one picture each, sampled every ~2 s, padding left out."""
    low, high = room_spread(room)
    steps = rng.uniform(1.6, 2.4, int(duration_s / 1.6) + 2)
    times = np.cumsum(steps) - steps[0]
    times = times[times < duration_s]
    cuts = np.cumsum(rng.uniform(20.0, 300.0, int(duration_s / 20.0) + 2))
    shot = np.searchsorted(cuts, times, side="right")
    bases = np.array([room ^ _bits(rng, int(rng.integers(low, high))) for _ in range(int(shot.max()) + 1)], np.uint64)
    hashes = bases[shot] ^ _noise(rng, len(times), 2)
    keep = np.ones(len(times), dtype=bool)
    for _ in range(int(rng.integers(0, 3))):  # black or frozen stretches of 5–60 s
        start = rng.uniform(0, duration_s)
        keep &= ~((times >= start) & (times < start + rng.uniform(5, 60)))
    times, hashes = np.round(times[keep], 3), hashes[keep]
    return Fingerprint(tuple(times.tolist()), tuple(int(h) for h in hashes.tolist()), round(duration_s, 3))


def reencoded(rng: np.random.Generator, fp: Fingerprint) -> tuple[Fingerprint, float]:
    """An excerpt (3 in 10 of 70–120 s, the others up to 15 minutes), sampled at other times, 0–4 bits
    off, starting elsewhere."""
    times, hashes = np.asarray(fp.times), np.asarray(fp.hashes, dtype=np.uint64)
    length = min(rng.uniform(70.0, SHORT_S) if rng.random() < 0.3 else rng.uniform(SHORT_S, 900.0), float(times[-1]))
    start = rng.uniform(0.0, float(times[-1]) - length)
    shift = rng.uniform(0.0, 120.0)
    inside = (times >= start) & (times < start + length) & (rng.random(len(times)) > 0.05)
    moved = times[inside] - start + shift + rng.uniform(-0.9, 0.9, int(inside.sum()))
    flipped = hashes[inside] ^ _noise(rng, int(inside.sum()), 4)
    order = np.argsort(moved, kind="stable")
    copy = Fingerprint(
        tuple(np.round(np.maximum(moved[order], 0.0), 3).tolist()),
        tuple(int(h) for h in flipped[order].tolist()),
        round(length + shift, 3),
    )
    return copy, length


def _psycopg(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _fresh_database() -> str:
    with psycopg.connect(_psycopg(ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{DATABASE}"
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")
    return url


_KEY_ROW = np.dtype([("fields", ">i2"), ("klen", ">i4"), ("key", ">i8"), ("flen", ">i4"), ("fid", ">i4")])
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)


def _key_rows(keys: list[int], fingerprint_id: int) -> bytes:
    """Rows of ``fingerprint_keys`` in COPY's binary format, built in one go."""
    rows = np.empty(len(keys), dtype=_KEY_ROW)
    rows["fields"], rows["klen"], rows["flen"], rows["fid"] = 2, 8, 4, fingerprint_id
    rows["key"] = keys
    return rows.tobytes()


_KEY_INDEXES = [
    "ALTER TABLE fingerprint_keys ADD CONSTRAINT pk_fingerprint_keys PRIMARY KEY (key, fingerprint_id)",
    "CREATE INDEX ix_fingerprint_keys_fingerprint_id ON fingerprint_keys (fingerprint_id)",
    "ALTER TABLE fingerprint_keys ADD CONSTRAINT fk_fingerprint_keys_fingerprint_id_recording_fingerprints"
    " FOREIGN KEY (fingerprint_id) REFERENCES recording_fingerprints (id) ON DELETE CASCADE",
]


def load(url: str, rng: np.random.Generator, rooms: list[int]) -> dict:
    """Bulk-load the stored recordings, 50 to a room; the timings of each step."""
    timings: dict = {"generate_s": 0.0}
    started = time.perf_counter()
    with psycopg.connect(_psycopg(url)) as conn, psycopg.connect(_psycopg(url)) as keys_conn:
        school = conn.execute(
            "INSERT INTO schools (name, code, province, created_at) VALUES ('基准学校', 'BENCH', 'default', now())"
            " RETURNING id"
        ).fetchone()[0]
        teacher = conn.execute(
            "INSERT INTO teachers (school_id, name, staff_id, subject, birth_year, full_time)"
            " VALUES (%s, '基准教师', 'B0001', '语文', 1985, true) RETURNING id",
            (school,),
        ).fetchone()[0]
        ids = [str(uuid.uuid4()) for _ in range(RECORDINGS)]
        span = (datetime(2026, 11, 30, tzinfo=timezone.utc) - EPOCH).total_seconds()
        uploaded = sorted(EPOCH + timedelta(seconds=float(s)) for s in rng.uniform(0, span, RECORDINGS))
        with conn.cursor().copy(
            "COPY recordings (id, kind, school_id, teacher_id, capability_code, original_key, original_filename,"
            " content_type, size_bytes, sniffed_container, created_at, checks, checks_ok) FROM STDIN"
        ) as copy:
            for n, rid in enumerate(ids):
                copy.write_row((rid, "lesson", school, teacher, "A1", f"bench/{rid}", "lesson.mp4", "video/mp4",
                                1, "mp4", uploaded[n], "{}", True))  # fmt: skip
        conn.commit()
        timings["recordings_copy_s"] = time.perf_counter() - started

        keys_conn.execute("ALTER TABLE fingerprint_keys DROP CONSTRAINT pk_fingerprint_keys")
        keys_conn.execute("DROP INDEX ix_fingerprint_keys_fingerprint_id")
        keys_conn.execute(
            "ALTER TABLE fingerprint_keys DROP CONSTRAINT fk_fingerprint_keys_fingerprint_id_recording_fingerprints"
        )
        keys_conn.commit()
        started, rows = time.perf_counter(), 0
        with (
            conn.cursor().copy(
                "COPY recording_fingerprints (id, recording_id, data, samples, duration_s, created_at) FROM STDIN"
            ) as prints,
            keys_conn.cursor().copy("COPY fingerprint_keys (key, fingerprint_id) FROM STDIN (FORMAT BINARY)") as keys,
        ):
            keys.write(_COPY_HEADER)
            for n, rid in enumerate(ids):
                made = time.perf_counter()
                fp = classroom(rng, rooms[n // PER_ROOM], rng.uniform(600.0, 2700.0))
                stored = index_keys(fp)
                blob = fp.to_bytes()
                timings["generate_s"] += time.perf_counter() - made
                prints.write_row((n + 1, rid, blob, len(fp), fp.duration_s, uploaded[n]))
                keys.write(_key_rows(stored, n + 1))
                rows += len(stored)
            keys.write(struct.pack(">h", -1))
        conn.commit()
        keys_conn.commit()
        timings["fingerprints_copy_s"] = time.perf_counter() - started - timings["generate_s"]
        conn.execute("SELECT setval(pg_get_serial_sequence('recording_fingerprints', 'id'), %s)", (RECORDINGS,))
        conn.commit()

        started = time.perf_counter()
        keys_conn.execute("SET maintenance_work_mem = '1GB'")
        for statement in _KEY_INDEXES:
            keys_conn.execute(statement)
        keys_conn.commit()
        timings["key_indexes_s"] = time.perf_counter() - started
    with psycopg.connect(_psycopg(url), autocommit=True) as conn:
        started = time.perf_counter()
        conn.execute("VACUUM ANALYZE")  # the visibility map lets the search read the index alone
        timings["vacuum_analyze_s"] = time.perf_counter() - started
    timings["key_rows"] = rows
    timings["key_rows_per_recording"] = rows / RECORDINGS
    return timings


def _sizes(url: str) -> dict:
    with psycopg.connect(_psycopg(url)) as conn:
        out = {}
        for table in ("recording_fingerprints", "fingerprint_keys"):
            heap, indexes, total = conn.execute(
                "SELECT pg_table_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s)", (table, table, table)
            ).fetchone()
            out[table] = {"table_mb": round(heap / 2**20, 1), "indexes_mb": round(indexes / 2**20, 1),
                          "total_mb": round(total / 2**20, 1), "total_bytes": total}  # fmt: skip
        # Per minute of video fingerprinted, for the capacity plan (bench/capacity.py) to scale.
        minutes = float(
            conn.execute("SELECT coalesce(sum(duration_s), 0) / 60 FROM recording_fingerprints").fetchone()[0]
        )
        both = sum(out[table]["total_bytes"] for table in ("recording_fingerprints", "fingerprint_keys"))
        out["video_minutes"] = round(minutes, 1)
        out["bytes_per_video_minute"] = round(both / minutes) if minutes else None
        return out


def lookups(rng: np.random.Generator, rooms: list[int], kept: dict[int, tuple[str, Fingerprint]]) -> list[dict]:
    """The new recordings: re-encoded excerpts of the kept ones, and new lessons, 4 in 5 in stored rooms."""
    out = []
    for rid, fp in kept.values():
        copy, length = reencoded(rng, fp)
        out.append({"fp": copy, "planted": rid, "length_s": length})
    for _ in range(QUERIES - len(out)):
        known = rng.random() < 0.8
        room = rooms[int(rng.integers(0, len(rooms)))] if known else int(rng.integers(0, 2**64, dtype=np.uint64))
        fp = classroom(rng, room, rng.uniform(600.0, 2700.0))
        room_kind = ("fixed" if room_spread(room) == FIXED_CAMERA else "moved") + ("_stored" if known else "_new")
        out.append({"fp": fp, "planted": None, "room": room_kind})
    return out


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def time_lookups(url: str, wanted: list[dict]) -> dict:
    """Each lookup exactly as the analyze stage makes it (``duplicates.matches``), the query timed apart."""
    query_ms: list[float] = []
    listed: list[list[str]] = []
    real = repository.candidates

    def timed(*args, **kwargs):
        started = time.perf_counter()
        found = real(*args, **kwargs)
        query_ms.append((time.perf_counter() - started) * 1000)
        listed.append([candidate.recording_id for candidate in found])
        return found

    repository.candidates = timed  # what duplicates.matches calls
    total, found, alarms, searched = [], {"short": [0, 0], "long": [0, 0]}, {}, 0
    try:
        with session_factory(url)() as session:
            for item in wanted:
                started = time.perf_counter()
                similar = duplicates.matches(session, item["fp"], exclude=-1)
                total.append((time.perf_counter() - started) * 1000)
                session.rollback()
                ids = [candidate.recording_id for candidate, _ in similar]
                if item["planted"] is not None:
                    tally = found["short" if item["length_s"] <= SHORT_S else "long"]
                    tally[0] += item["planted"] in ids
                    tally[1] += 1
                    searched += item["planted"] in listed[-1]
                else:
                    flagged, count = alarms.get(item["room"], (0, 0))
                    alarms[item["room"]] = (flagged + bool(ids), count + 1)
    finally:
        repository.candidates = real
    return {
        "lookup": _percentiles(total),
        "candidate_query": _percentiles(query_ms),
        "keys_and_verification": _percentiles([t - q for t, q in zip(total, query_ms)]),
        "lookup_keys_mean": round(statistics.mean(len(lookup_keys(i["fp"])) for i in wanted), 1),
        "search_recall": round(searched / max(1, sum(n for _, n in found.values())), 3),
        "recall": round(sum(f for f, _ in found.values()) / max(1, sum(n for _, n in found.values())), 3),
        "recall_by_length": {
            f"{kind} ({'≤' if kind == 'short' else '>'} {SHORT_S:.0f} s)": f"{f} of {n}"
            for kind, (f, n) in found.items()
        },  # fmt: skip
        "false_alarms_by_room": {room: f"{flagged} of {count}" for room, (flagged, count) in sorted(alarms.items())},
    }


def time_seqscan(url: str, wanted: list[dict]) -> dict:
    """The same candidate query without any index: what the key table's primary key saves."""
    sessions = session_factory(url)
    times = []
    with sessions() as session:
        for statement in ("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan"):
            session.execute(text(f"SET {statement} = off"))
        for item in wanted[:SEQSCAN_QUERIES]:
            started = time.perf_counter()
            repository.candidates(
                session, lookup_keys(item["fp"]), exclude=-1, limit=duplicates.CANDIDATES, min_hits=duplicates.MIN_HITS
            )
            times.append((time.perf_counter() - started) * 1000)
        session.rollback()
    return {"queries": len(times), **_percentiles(times)}


def _stored(url: str) -> int:
    try:
        with psycopg.connect(_psycopg(url)) as conn:
            return conn.execute("SELECT count(*) FROM recording_fingerprints").fetchone()[0]
    except psycopg.Error:
        return 0


def _kept(url: str, keep: list[int]) -> dict[int, tuple[str, Fingerprint]]:
    """The stored fingerprints the copies are made of (fingerprint ids are load order + 1)."""
    with psycopg.connect(_psycopg(url)) as conn:
        rows = conn.execute(
            "SELECT id, recording_id, data FROM recording_fingerprints WHERE id = ANY(%s) ORDER BY id",
            ([n + 1 for n in keep],),
        ).fetchall()
    return {fid - 1: (rid, Fingerprint.from_bytes(bytes(data))) for fid, rid, data in rows}


def main() -> None:
    """``--reuse`` times the lookups on the database an earlier run loaded (same recordings)."""
    plan = np.random.default_rng(SEED)
    rooms = [int(r) for r in plan.integers(0, 2**64, RECORDINGS // PER_ROOM + 1, dtype=np.uint64)]
    keep = sorted(int(n) for n in plan.choice(RECORDINGS, size=QUERIES // 2, replace=False))
    load_before = os.getloadavg()
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{DATABASE}"
    if "--reuse" in sys.argv[1:] and _stored(url) == RECORDINGS:
        timings = {"reused_database": True}
    else:
        url = _fresh_database()
        timings = load(url, np.random.default_rng(SEED + 1), rooms)
    queries = np.random.default_rng(SEED + 2)
    wanted = lookups(queries, rooms, _kept(url, keep))
    wanted = [wanted[i] for i in queries.permutation(len(wanted))]
    first = time_lookups(url, wanted)
    second = time_lookups(url, wanted)
    seqscan = time_seqscan(url, wanted)
    out = {
        "date": datetime.now(timezone.utc).date().isoformat(),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "recordings": RECORDINGS,
        "lookups": len(wanted),
        "planted_copies": len(keep),
        **{k: round(v, 1) if isinstance(v, float) else v for k, v in timings.items()},
        "sizes": _sizes(url),
        "first_pass": first,
        "second_pass": second,
        "seqscan_baseline": seqscan,
        "target_p95_ms": TARGET_P95_MS,
        "target_met": max(first["lookup"]["p95_ms"], second["lookup"]["p95_ms"]) <= TARGET_P95_MS,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
