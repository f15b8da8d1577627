"""``bench/load.py`` end to end on the small province: every page's requests answered, the JSON complete.

A few users for a few seconds (no timing is asserted: the benchmark reports its targets met or
missed); what this proves is that each simulated role signs in as its own account and sends
requests the API accepts, including the comment post through the anti-forgery guard.
"""

from __future__ import annotations

import json

import pytest

from bench import _load_report, load

pytestmark = pytest.mark.postgres

# One route of each page the issue sets targets for, and the routes that need ids from earlier answers.
MUST_HAVE = (
    "teacher home · GET /api/submissions?teacher_id",
    "teacher home · GET /api/recordings/{id}",
    "recording status · GET /api/recordings/{id}",
    "leader queue · GET /api/submissions?group_id",
    "comment post · POST /api/recordings/{id}/comments",
    "school dashboard · GET /api/schools/{id}/desk",
    "school dashboard · GET /api/schools/{id}/groups",
    "school dashboard · GET /api/schools/{id}/history",
    "province list · GET /api/province/works?filters",
    "sign-in · POST /api/auth/login",
)


def test_every_role_s_pages_are_requested_and_answered(small_province, tmp_path):
    url = small_province[0]
    result = load.measure(url, users=6, seconds=12, workers=2, think="0.1,0.3")
    assert result["users_per_role"] == {"teacher": 3, "leader": 1, "school_admin": 1, "province": 1}
    routes = result["routes"]
    for name in MUST_HAVE:
        assert routes.get(name, {}).get("requests", 0) > 0, (name, sorted(routes))
    failed = {name: r["failures"] for name, r in routes.items() if r["failures"]}
    assert failed == {}, result["locust_log_tail"]
    assert result["errors"] == 0
    for page in _load_report.TARGET_PAGES:
        figures = result["pages"][page]
        assert figures["requests"] > 0 and figures["routes"] > 0, page
        assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
        assert isinstance(figures["met"], bool)

    load.write(result, tmp_path / "load.json")
    written = json.loads((tmp_path / "load.json").read_text())
    for key in (
        "users",
        "workers",
        "think_s",
        "requests_per_s",
        "errors",
        "targets_met",
        "pages",
        "routes",
        "rss",
        "loadavg_1m",
    ):
        assert key in written, key
    assert {"p50_ms", "p95_ms", "p99_ms", "requests", "failures"} <= set(written["routes"][MUST_HAVE[0]])
    rss = written["rss"]
    assert rss["start_mb"] > 0 and rss["max_mb"] >= rss["end_mb"] > 0
    assert len(rss["series_s_mb"]) >= 2


def test_the_split_keeps_every_role_and_the_total():
    assert load.split(50) == [30, 10, 6, 4]
    assert load.split(6) == [3, 1, 1, 1]
    assert sum(load.split(17)) == 17


def test_percentiles_come_from_the_merged_histogram():
    from collections import Counter

    histogram = Counter({10: 90, 60: 9, 300: 1})
    assert _load_report.percentile(histogram, 0.5) == 10
    assert _load_report.percentile(histogram, 0.95) == 60
    assert _load_report.percentile(histogram, 0.99) == 60
    assert _load_report.percentile(histogram, 1.0) == 300
    assert _load_report.slope_mb_per_min([(0, 100), (60, 101), (120, 102)]) == 1.0
