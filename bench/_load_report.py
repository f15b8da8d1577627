"""``bench/load.py``'s results: percentiles per route and per page, the targets, the RSS trend.

Percentiles come from locust's histogram of each route (``response_times``: milliseconds, kept
exact below 100 ms, to 10 ms below 1 s, to 100 ms below 10 s), so a page's figures are those of
all its routes' requests together, not an average of their percentiles.
"""

from __future__ import annotations

from collections import Counter

# The pages and their targets; each is the requests its page sends (bench/_load_users.py).
TARGET_PAGES = ("teacher home", "leader queue", "school dashboard", "province list", "recording status", "comment post")
P95_MS, P99_MS = 50, 200
WARM_UP_SHARE = 0.2  # the RSS slope is fitted after the first fifth of the run (imports, pools, caches)
MB = 1024 * 1024


def percentile(histogram: Counter, q: float) -> float | None:
    """The smallest recorded time with at least ``q`` of the requests at or below it."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= q * total:
            return float(ms)
    return float(max(histogram))


def _figures(histogram: Counter, requests: int, failures: int) -> dict:
    return {
        "requests": requests,
        "failures": failures,
        "p50_ms": percentile(histogram, 0.50),
        "p95_ms": percentile(histogram, 0.95),
        "p99_ms": percentile(histogram, 0.99),
        "max_ms": float(max(histogram)) if histogram else None,
    }


def _verdict(figures: dict) -> dict:
    p95, p99 = figures["p95_ms"], figures["p99_ms"]
    met = p95 is not None and p95 <= P95_MS and p99 <= P99_MS and figures["failures"] == 0
    return {**figures, "target": f"p95 ≤ {P95_MS} ms, p99 ≤ {P99_MS} ms, 0 errors", "met": met}


def page_of(name: str) -> str:
    return name.split(" · ", 1)[0]


def routes(stats: list[dict]) -> tuple[dict, dict]:
    """({route name: figures}, {target page: figures of all its routes, met or missed})."""
    per_route, per_page = {}, {}
    pages = {p: (Counter(), [0, 0]) for p in TARGET_PAGES}
    for entry in sorted(stats, key=lambda e: e["name"]):
        histogram = Counter({int(float(k)): v for k, v in entry["response_times"].items()})
        figures = _figures(histogram, entry["num_requests"], entry["num_failures"])
        page = page_of(entry["name"])
        if page in pages:
            figures = _verdict(figures)
            pages[page][0].update(histogram)
            pages[page][1][0] += entry["num_requests"]
            pages[page][1][1] += entry["num_failures"]
        per_route[entry["name"]] = figures
    for page, (histogram, (requests, failures)) in pages.items():
        page_routes = [r for n, r in per_route.items() if page_of(n) == page]
        per_page[page] = {**_figures(histogram, requests, failures), "routes": len(page_routes)}
        per_page[page]["met"] = bool(page_routes) and all(r["met"] for r in page_routes)
    return per_route, per_page


def slope_mb_per_min(series: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (seconds, MB) in MB per minute; None with fewer than 3 points."""
    if len(series) < 3:
        return None
    n = len(series)
    mx = sum(t for t, _ in series) / n
    my = sum(v for _, v in series) / n
    var = sum((t - mx) ** 2 for t, _ in series)
    return round(sum((t - mx) * (v - my) for t, v in series) / var * 60, 3) if var else None


def rss(samples: list[tuple[float, int, float]], seconds: float) -> dict:
    series = [(t, round(b / MB, 1)) for t, b, _ in samples]
    after = [(t, v) for t, v in series if t >= WARM_UP_SHARE * seconds]
    return {
        "series_s_mb": series,
        "start_mb": series[0][1] if series else None,
        "after_warm_up_mb": after[0][1] if after else None,
        "end_mb": series[-1][1] if series else None,
        "max_mb": max(v for _, v in series) if series else None,
        "slope_mb_per_min_after_warm_up": slope_mb_per_min(after),
        "warm_up_s": round(WARM_UP_SHARE * seconds),
    }


def shape(run: dict, *, users: int, counts: dict, workers: int) -> dict:
    """The JSON written to bench/results/load.json (less the build's fields, which load.py adds)."""
    per_route, per_page = routes(run["stats"])
    loads = [load for _, _, load in run["samples"]]
    requests = sum(r["requests"] for r in per_route.values())
    return {
        "users": users,
        "users_per_role": counts,
        "workers": workers,
        "wall_s": run["wall_s"],
        "requests": requests,
        "requests_per_s": round(requests / run["wall_s"], 1) if run["wall_s"] else None,
        "errors": sum(r["failures"] for r in per_route.values()),
        "targets_met": all(p["met"] for p in per_page.values()),
        "pages": per_page,
        "routes": per_route,
        "rss": rss(run["samples"], run["wall_s"]),
        "cpu_s": {"api": run["api_cpu_s"], "locust": run["locust_cpu_s"]},
        "loadavg_1m": {
            "before": run["load_before"],
            "max": max(loads, default=None),
            "end": loads[-1] if loads else None,
        },
        "locust_log_tail": run["log_tail"],
    }


def table(result: dict) -> str:
    """A short text table: the target pages, then every route."""
    lines = [f"{'page / route':<78} {'n':>7} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6}  target"]
    for name, r in [*result["pages"].items(), *result["routes"].items()]:
        mark = "" if "met" not in r else ("met" if r["met"] else "MISSED")
        p = [f"{r[k]:.0f}" if r[k] is not None else "-" for k in ("p50_ms", "p95_ms", "p99_ms")]
        lines.append(f"{name:<78} {r['requests']:>7} {r['failures']:>4} {p[0]:>6} {p[1]:>6} {p[2]:>6}  {mark}")
    m = result["rss"]
    lines.append(
        f"errors {result['errors']}; {result['requests_per_s']} req/s; RSS {m['start_mb']} → {m['end_mb']} MB "
        f"(max {m['max_mb']}, {m['slope_mb_per_min_after_warm_up']} MB/min after warm-up); "
        f"load {result['loadavg_1m']}; CPU s {result['cpu_s']}"
    )
    return "\n".join(lines)
