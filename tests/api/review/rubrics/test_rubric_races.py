"""Races on PostgreSQL: two school admins saving the same rubric at once never both win."""

from __future__ import annotations

import pytest

from db.models import School
from tests import review_factories as rf
from tests.api.review.workflow.test_concurrency import race

pytestmark = pytest.mark.postgres


def test_two_admins_saving_the_same_version_one_wins_the_other_is_told(pg_api):
    d = rf.demo(pg_api)
    with pg_api.transaction() as s:
        other = rf.user(s, "school_admin", school=s.get(School, d.school_id))
    url = f"/api/schools/{d.school_id}/rubrics/A2"
    current = pg_api.client.get(url, headers=pg_api.auth("schooladmin")).json()
    mine = [*current["criteria"], {"title_zh": "甲", "excellent_zh": "优", "pass_zh": "合", "fail_zh": "不"}]
    theirs = [*current["criteria"], {"title_zh": "乙", "excellent_zh": "优", "pass_zh": "合", "fail_zh": "不"}]
    responses = race(
        pg_api,
        [
            ("schooladmin", "PUT", url, {"base_version": 0, "criteria": mine}),
            (other, "PUT", url, {"base_version": 0, "criteria": theirs}),
        ],
    )
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409).json()["error"]
    assert loser["message_zh"] and loser["message_en"]
    winner = next(r for r in responses if r.status_code == 200).json()
    versions = pg_api.client.get(f"{url}/versions", headers=pg_api.auth("schooladmin")).json()
    assert [v["version"] for v in versions] == [1, 0]
    assert pg_api.client.get(url, headers=pg_api.auth("schooladmin")).json()["criteria"] == winner["criteria"]
