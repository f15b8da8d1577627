"""Catalogue per province (seed fallback, validated replace) and a school's setup (validated replace)."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from db.models import AuditEntry, User
from domain.catalogue import catalogue_to_dict, load_seed_catalogue
from tests import factories
from tests.api.review.admin.progress import demo_ids

SEED = catalogue_to_dict(load_seed_catalogue())
OFFER = ["a1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"]


def _with(**changes) -> dict:
    """The seed with point A1's fields replaced (or its first item's, for keys given as item__x)."""
    data = copy.deepcopy(SEED)
    for key, value in changes.items():
        target = data["points"][0]["items"][0] if key.startswith("item__") else data["points"][0]
        target[key.removeprefix("item__")] = value
    return data


CATALOGUE_PROBLEMS = [
    ("not a list", {"points": "A1"}, ["catalogue.not_a_list"]),
    ("unknown environment", _with(environment="云端"), ["catalogue.unknown_environment"]),
    ("prefix mismatch", _with(environment="智慧"), ["catalogue.environment_mismatch"]),
    ("duplicate code", _with(code="A2"), ["catalogue.duplicate_code"]),
    ("negative limit", _with(item__max_bytes=-1), ["catalogue.negative_limit"]),
    (
        "several at once",
        _with(name_zh="", dimension="体育", item__min_duration_s=600, item__max_duration_s=60),
        ["catalogue.missing_field", "catalogue.unknown_dimension", "catalogue.limits_inverted"],
    ),
]


@pytest.mark.parametrize("case,data,codes", CATALOGUE_PROBLEMS, ids=[c[0] for c in CATALOGUE_PROBLEMS])
def test_catalogue_put_lists_every_violation(api, case, data, codes):
    response = api.client.put("/api/admin/catalogue?province=云南", json=data, headers=api.auth("admin"))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "catalogue.invalid"
    assert [v["code"] for v in error["violations"]] == codes
    assert all(v["message_zh"] and v["message_en"] for v in error["violations"])
    after = api.client.get("/api/admin/catalogue?province=云南", headers=api.auth("admin")).json()
    assert after["source"] == "seed", "nothing was stored"


def test_catalogue_falls_back_to_seed_then_stores_normalised_edits(api):
    seed = api.client.get("/api/admin/catalogue?province=云南", headers=api.auth("schooladmin"))
    assert seed.status_code == 200
    assert seed.json()["source"] == "seed" and len(seed.json()["data"]["points"]) == 30
    own = api.client.get("/api/admin/catalogue", headers=api.auth("schooladmin")).json()
    assert own["province"] == "default" and own["source"] == "province"  # the demo school's province

    edited = _with(environment="多媒体", dimension="学情分析", items_complete=True)
    for attempt, action in ((1, "catalogue_create"), (2, "catalogue_update")):
        response = api.client.put("/api/admin/catalogue?province=云南", json=edited, headers=api.auth("admin"))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["source"] == "province" and body["data"]["points"][0]["environment"] == "multimedia"
        assert body["data"]["points"][0]["items_complete"] is True and body["updated_at"]
    with api.transaction() as s:
        admin_id = s.scalar(select(User.id).where(User.username == "admin"))
        actions = list(
            s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == "云南").order_by(AuditEntry.id))
        )
    assert body["updated_by"] == admin_id and actions == ["catalogue_create", "catalogue_update"]
    refused = api.client.put("/api/admin/catalogue?province=云南", json=edited, headers=api.auth("schooladmin"))
    assert refused.status_code == 403


def _setup_url(school_id: int) -> str:
    return f"/api/schools/{school_id}/setup"


def test_setup_put_normalises_and_defaults_the_window(api):
    ids = demo_ids(api)
    body = {"environments": ["混合", "多媒体"], "offered_codes": OFFER, "opens_on": "2026-09-01"}
    response = api.client.put(_setup_url(ids.school_id), json=body, headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    setup = response.json()
    assert setup["environments"] == ["multimedia", "hybrid"]
    assert setup["environments_zh"] == ["多媒体教学环境", "混合学习环境"]
    assert setup["offered_codes"] == ["A1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"]
    assert (setup["opens_on"], setup["closes_on"]) == ("2026-09-01", "2026-09-07")  # 7 days, both ends
    assert setup["age_reference"] == "2026-09-01" and setup["notices"] == []
    assert api.client.get(_setup_url(ids.school_id), headers=api.auth("schooladmin")).json() == setup
    with api.transaction() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "setup_update"))
    assert entry.entity_type == "school" and entry.entity_id == str(ids.school_id)
    with api.transaction() as s:
        fresh = factories.make_school(s).id
    assert api.client.get(_setup_url(fresh), headers=api.auth("admin")).json()["configured"] is False


def test_one_environment_from_an_older_client_means_it_and_the_simpler_ones(api):
    ids = demo_ids(api)
    body = {"environment": "混合", "offered_codes": OFFER, "opens_on": "2026-09-01"}
    response = api.client.put(_setup_url(ids.school_id), json=body, headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    assert response.json()["environments"] == ["multimedia", "hybrid"]


def test_a_multimedia_only_school_with_teachers_of_every_age_completes_setup(api):
    """Seed 004 §三 “学校属于多媒体学习环境”, teachers 20–50+: the rural case the issue names."""
    ids = demo_ids(api)
    body = {"environments": ["multimedia"], "offered_codes": ["A1", "A2", "A5", "A11"], "opens_on": "2026-09-01"}
    response = api.client.put(_setup_url(ids.school_id), json=body, headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    (notice,) = response.json()["notices"]  # under 40: 主要 hybrid and smart, only advice
    assert notice["code"] == "setup.band_off_recommendation" and "40岁以下" in notice["message_zh"]


SETUP_PROBLEMS = [
    ("unknown environment", {"environments": ["云端"]}, ["setup.unknown_environment"]),
    ("no environment", {"environments": []}, ["setup.no_environment"]),
    ("empty offer", {"offered_codes": []}, ["setup.empty_offer"]),
    ("unknown point", {"offered_codes": [*OFFER, "Z9"]}, ["setup.unknown_point"]),
    ("point of an undeclared environment", {"offered_codes": [*OFFER, "C1"]}, ["setup.environment_not_declared"]),
    ("window inverted", {"closes_on": "2026-08-01"}, ["setup.window_inverted"]),
    (
        "teachers left without a choice",
        {"environments": ["smart"], "offered_codes": ["C1", "C3", "C6", "C7"]},
        ["setup.band_infeasible"],
    ),
    (
        "several at once",
        {"environments": ["cloud"], "offered_codes": ["Z9"], "closes_on": "2026-08-01"},
        ["setup.unknown_environment", "setup.unknown_point", "setup.window_inverted"],
    ),
]


@pytest.mark.parametrize("case,change,codes", SETUP_PROBLEMS, ids=[c[0] for c in SETUP_PROBLEMS])
def test_setup_put_lists_every_problem(api, case, change, codes):
    ids = demo_ids(api)
    before = api.client.get(_setup_url(ids.school_id), headers=api.auth("admin")).json()
    body = {"environments": ["multimedia", "hybrid"], "offered_codes": OFFER, "opens_on": "2026-09-01", **change}
    response = api.client.put(_setup_url(ids.school_id), json=body, headers=api.auth("admin"))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "setup.invalid" and [v["code"] for v in error["violations"]] == codes
    if case == "teachers left without a choice":
        # Only 40–49 (seed 004 要: 多媒体、混合) is left out: T002, T007, T009 (born 1980, 1983, 1986)
        (why,) = error["violations"]
        assert "40–49岁" in why["message_zh"] and "李娜（T002）" in why["message_zh"]
        assert "赵敏（T007）" in why["message_zh"] and "王芳" not in why["message_zh"]
        assert "只有 0 个" in why["message_zh"] and "only 0 of the offered points" in why["message_en"]
    assert api.client.get(_setup_url(ids.school_id), headers=api.auth("admin")).json() == before
