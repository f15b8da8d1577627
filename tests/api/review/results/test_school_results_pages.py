"""The school's results card a page of teachers at a time (issue 21: the province's largest school took
1.4 s and 4.6 MB to answer whole), on SQLite and PostgreSQL: teachers by 工号 whatever the page size;
a small school's counts and pass rate exact, a large school's as counted with its completion, said
as of when and counted again after answering when never counted or stale; cursors of other lists
are refused."""

from __future__ import annotations

from tests.api.review.results.test_results import _states
from tests.review_factories import demo


def _get(api, path: str, **params):
    response = api.client.get(path, params=params, headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    return response


def _pages(api, path: str, *, limit: int) -> list[dict]:
    pages, after = [], None
    while True:
        response = _get(api, path, limit=limit, **({"after": after} if after else {}))
        pages.append(response.json())
        after = response.headers.get("x-next-after")
        if after is None:
            return pages
        assert len(pages) < 50, "the cursor moves on"


def _staff(pages: list[dict]) -> list[str]:
    return [row["staff_id"] for page in pages for row in page["teachers"]]


def _graded(api, d) -> None:
    _states(api, d.teachers["T002"], {"A1": "scored_pass", "A2": "scored_pass", "B4": "scored_excellent"})
    _states(api, d.teachers["T003"], {"A1": "scored_pass", "A2": "scored_fail", "B4": "submitted"})


def test_a_small_school_pages_its_teachers_under_exact_counts(api):
    d = demo(api)
    _graded(api, d)
    path = f"/api/schools/{d.school_id}/results"
    whole = _get(api, path).json()
    assert whole["counts"] == {"in_progress": 9, "pass": 0, "excellent": 1, "fail": 0}
    assert (whole["pass_rate"]["passed"], whole["pass_rate"]["chosen"]) == (4, 6)
    assert (whole["counted_at"], whole["recounting"]) == (None, False)
    pages = _pages(api, path, limit=4)
    assert [len(p["teachers"]) for p in pages] == [4, 4, 2]
    assert _staff(pages) == _staff([whole]) == sorted(_staff([whole]))
    assert all(p["counts"] == whole["counts"] and p["pass_rate"] == whole["pass_rate"] for p in pages)


def test_a_large_school_answers_its_counted_counts_and_counts_again_when_stale(api):
    d = demo(api)
    _graded(api, d)
    path = f"/api/schools/{d.school_id}/results"
    exact = _get(api, path).json()
    api.settings.school_live_teachers = 5  # the demo's 10 teachers are "a large school" here

    first = _get(api, path).json()  # never counted: the teachers, and the counts being counted
    assert (first["counts"], first["pass_rate"], first["counted_at"], first["recounting"]) == (None, None, None, True)
    assert first["teachers"] == exact["teachers"]

    counted = _get(api, path).json()  # counted after the first answer
    assert (counted["counts"], counted["pass_rate"]) == (exact["counts"], exact["pass_rate"])
    assert counted["counted_at"] and counted["recounting"] is False

    _states(api, d.teachers["T004"], {"A1": "scored_pass", "A2": "scored_pass", "B4": "scored_pass"})
    still = _get(api, path).json()  # counted under hours_completion_max_age_s ago: as it was
    assert still["counts"] == exact["counts"] and still["counted_at"] == counted["counted_at"]
    assert next(t for t in still["teachers"] if t["staff_id"] == "T004")["result"] == "pass", "the rows are live"

    api.settings.hours_completion_max_age_s = 0
    stale = _get(api, path).json()
    assert stale["recounting"] is True and stale["counts"] == exact["counts"]
    api.settings.hours_completion_max_age_s = 900
    fresh = _get(api, path).json()
    assert fresh["counts"] == {"in_progress": 8, "pass": 1, "excellent": 1, "fail": 0}
    assert fresh["counted_at"] > counted["counted_at"]

    for limit in (1, 3, 100):
        assert _staff(_pages(api, path, limit=limit)) == _staff([exact]), limit


def test_a_cursor_of_another_list_is_refused(api):
    d = demo(api)
    cursor = _get(api, f"/api/schools/{d.school_id}/hours", limit=2).headers["x-next-after"]
    path = f"/api/schools/{d.school_id}/results"
    refused = api.client.get(path, params={"after": cursor}, headers=api.auth("schooladmin"))
    assert refused.status_code == 422 and "request.bad_cursor" in refused.text
    assert api.client.get(path, params={"limit": 0}, headers=api.auth("schooladmin")).status_code == 422
