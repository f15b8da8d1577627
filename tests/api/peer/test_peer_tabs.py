"""Two tabs reporting at the same moment (issue 20 item 2: robust to several tabs), on PostgreSQL.

Each report is merged into the stored intervals under the assignment's row lock, so reports that
overlap in time both succeed and neither's stretch is lost (a read-merge-write without the lock
would lose one, or refuse it as a concurrent change).
"""

from __future__ import annotations

import pytest

from tests import review_factories as rf
from tests.api.peer.peer_world import playable_work, time_passes
from tests.api.review.workflow.conftest import pg_api  # noqa: F401  (the fixture)
from tests.api.review.workflow.test_concurrency import race

pytestmark = pytest.mark.postgres


def test_simultaneous_reports_from_two_tabs_both_count(pg_api):  # noqa: F811
    d = rf.demo(pg_api)
    with pg_api.transaction() as s:
        for staff in ("T006", "T007", "T008"):
            playable_work(s, d.teachers[staff])
    assert (
        pg_api.client.post(f"/api/peer/schools/{d.school_id}/push", headers=pg_api.auth("schooladmin")).status_code
        == 200
    )
    a = pg_api.client.get("/api/peer/assignments", headers=pg_api.auth("teacher")).json()[0]["id"]
    path = f"/api/peer/assignments/{a}/progress"
    for n in range(5):
        time_passes(pg_api, a, 20)  # both tabs played 10 s each: 20 s of the viewer's time
        left = {"segments": [{"start": n * 20, "end": n * 20 + 10, "wall_s": 10}]}
        right = {"segments": [{"start": 120 + n * 20, "end": 120 + n * 20 + 10, "wall_s": 10}]}
        responses = race(pg_api, [("teacher", "POST", path, left), ("teacher", "POST", path, right)])
        assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    mine = pg_api.client.get(f"/api/peer/assignments/{a}", headers=pg_api.auth("teacher")).json()
    expected = [[n * 20, n * 20 + 10] for n in range(5)] + [[120 + n * 20, 130 + n * 20] for n in range(5)]
    assert mine["played"] == expected
