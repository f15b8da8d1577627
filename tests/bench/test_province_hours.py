"""``bench/province_hours.py`` on the small province: every school counted, the view answers from the counts
with every teacher in them, and the live rate it compares against is measured on the largest school."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from bench import province_hours


def test_the_view_answers_from_every_school_counted(small_province):
    url = small_province[0]
    result = province_hours.measure(url, runs=2)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            teachers = conn.execute(text("SELECT count(*) FROM teachers WHERE left_at IS NULL")).scalar()
            schools = conn.execute(text("SELECT count(*) FROM schools")).scalar()
            counted = conn.execute(text("SELECT count(DISTINCT school_id) FROM school_completion")).scalar()
    finally:
        engine.dispose()
    assert result["teachers"] == teachers and result["answer_counted_teachers"] == teachers
    assert result["schools"] == result["schools_refreshed"] == schools == counted
    assert result["largest_school"]["teachers"] > 0 and result["live_s_per_1000_teachers"] > 0
    assert len(result["answer_runs_ms"]) == 2 and result["target"] == {"answer_ms": 50.0}
