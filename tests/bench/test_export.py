"""``bench/export.py`` on the small province: the largest and a median school's workbooks are built
through the app's own export, every teacher listed, and their memory measured beside the baseline's."""

from __future__ import annotations

from bench import export


def test_the_largest_and_a_median_schools_workbooks_are_measured(small_province):
    result = export.measure(small_province[0])
    large, median = result["schools"]
    assert large["teachers"] > median["teachers"] >= 5
    for school in (large, median):
        assert school["detail_rows"] >= school["teachers"]  # each teacher has a row, one per point
        assert school["bytes"] > 0 and school["peak_mb"] > 0 and school["baseline_in_memory_details_peak_mb"] > 0
    assert set(result) == {"schools", "peak_growth_mb_per_1000_teachers", "baseline_growth_mb_per_1000_teachers"}
