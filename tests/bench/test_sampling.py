"""``bench/sampling.py`` on the small province: a round is drawn from the handed-over schools' forwarded
work through the app's own services, and the province is left exactly as it was (every run rolled back)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from bench import sampling


def _state(url: str) -> tuple:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return (
                conn.execute(text("SELECT count(*) FROM sampling_rounds")).scalar(),
                conn.execute(text("SELECT state, count(*) FROM submissions GROUP BY state ORDER BY state")).all(),
                conn.execute(text("SELECT count(*) FROM audit_log")).scalar(),
                conn.execute(text("SELECT count(*) FROM notifications")).scalar(),
            )
    finally:
        engine.dispose()


def test_a_round_is_drawn_from_the_handed_over_schools_and_rolled_back(small_province):
    url = small_province[0]
    before = _state(url)
    with create_engine(url).connect() as conn:
        handed_over_forwarded = conn.execute(
            text(
                "SELECT count(*) FROM submissions s JOIN teachers t ON t.id = s.teacher_id "
                "JOIN school_handovers h ON h.school_id = t.school_id "
                "WHERE s.state = 'forwarded' AND h.state = 'handed_over'"
            )
        ).scalar()
    result = sampling.measure(url, runs=1)
    assert result["candidates"] == handed_over_forwarded > 0
    assert result["drawn"] == -(-result["candidates"] // 10)  # the default 10 %, rounded up
    assert set(result["seconds"]) == {"floor", "preview", "draw"} and all(v > 0 for v in result["seconds"].values())
    assert result["target"] == {"draw_s": 2.0, "candidates_at_least": 100_000} and result["met"] is False
    assert _state(url) == before
