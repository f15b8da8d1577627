"""GET /api/rules: the numbers and states the server applies, whatever the settings say."""

from __future__ import annotations

from datetime import date

import pytest

from api.demo import seed
from config import Settings
from storage import build_store
from tests.harness import Harness, make_settings

CHANGED = dict(
    review_points_per_teacher=4,
    review_min_dimensions=2,
    review_selection_window_days=10,
    review_age_band_middle_from=35,
    review_age_band_senior_from=55,
    review_pass_score_senior=55.0,
    review_pass_score_middle=65.0,
    review_pass_score_junior=75.0,
    review_excellent_score=85.0,
    review_max_score=120.0,
    review_group_excellent_percent=25.0,
    review_group_sessions_required=2,
    review_school_excellent_percent=20.0,
    group_session_min_duration_s=900.0,
)


@pytest.fixture
def changed_api(tmp_path, database_url) -> Harness:
    """The demo school on an app whose review settings all differ from the defaults."""
    defaults = make_settings(tmp_path, database_url)
    settings = Settings(**{**defaults.model_dump(), **CHANGED})
    harness = Harness(settings, build_store(settings))
    with harness.transaction() as session:
        seed(session, window_days=settings.review_selection_window_days)
    return harness


def test_rules_follow_the_settings(changed_api):
    response = changed_api.client.get("/api/rules", headers=changed_api.auth("teacher"))
    assert response.status_code == 200, response.text
    rules = response.json()
    selection = rules["selection"]
    assert selection.pop("age_reference") <= date.today().isoformat()
    assert selection == {
        "points_per_teacher": 4,
        "min_dimensions": 2,
        "window_days": 10,
        "programme_year_start": "09-01",
    }
    assert rules["grading"] == {"excellent_score": 85.0, "max_score": 120.0}
    assert rules["quotas"] == {
        "group_excellent_percent": 25.0,
        "group_sessions_required": 2,
        "group_session_min_duration_s": 900.0,
        "school_excellent_percent": 20.0,
    }
    assert rules["age_bands"] == [
        {
            "kind": "senior",
            "label_zh": "55岁及以上",
            "label_en": "aged 55 and over",
            "min_age": 55,
            "max_age": None,
            "environments": ["multimedia", "hybrid", "smart"],
            "recommended_environments": ["multimedia"],
            "pass_score": 55.0,
        },
        {
            "kind": "middle",
            "label_zh": "35–54岁",
            "label_en": "aged 35–54",
            "min_age": 35,
            "max_age": 54,
            "environments": ["multimedia", "hybrid"],
            "recommended_environments": ["multimedia", "hybrid"],
            "pass_score": 65.0,
        },
        {
            "kind": "junior",
            "label_zh": "35岁以下",
            "label_en": "under 35",
            "min_age": None,
            "max_age": 34,
            "environments": ["multimedia", "hybrid", "smart"],
            "recommended_environments": ["hybrid", "smart"],
            "pass_score": 75.0,
        },
    ]


def test_workflow_states_come_from_the_domain_table(api):
    rules = api.client.get("/api/rules", headers=api.auth("schooladmin")).json()
    assert {k: rules["selection"][k] for k in ("points_per_teacher", "min_dimensions", "window_days")} == {
        "points_per_teacher": 3,
        "min_dimensions": 3,
        "window_days": 7,
    }
    assert rules["workflow"] == {
        "editable_states": ["draft", "scored_fail", "returned"],
        "awaiting_grade_states": ["submitted", "resubmitted"],
        "graded_states": ["scored_excellent", "scored_pass", "scored_fail"],
        # The province judges any work that reached it; undoing a downgrade (confirm) says why.
        "province_states": ["forwarded", "sampled", "confirmed", "downgraded"],
        "reason_required_actions": ["score_fail", "return", "confirm", "downgrade"],
        "reason_states": ["scored_fail", "returned", "confirmed", "downgraded"],
        "verdicts": {
            "scored_excellent": "excellent",
            "forwarded": "excellent",
            "sampled": "excellent",
            "confirmed": "excellent",
            "scored_pass": "pass",
            "downgraded": "pass",
            "scored_fail": "fail",
        },
    }


@pytest.mark.parametrize("username", ["teacher", "leader", "schooladmin", "reviewer", "admin"])
def test_every_signed_in_role_reads_the_rules(api, username):
    assert api.client.get("/api/rules", headers=api.auth(username)).status_code == 200


def test_anonymous_requests_are_refused(api):
    response = api.client.get("/api/rules")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "auth.required" and error["message_zh"] and error["message_en"]
