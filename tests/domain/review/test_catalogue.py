"""The catalogue: the 30 seeded points, the editable dict form and its validation."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from domain.catalogue import (
    CatalogueInvalid,
    Dimension,
    Environment,
    catalogue_from_dict,
    catalogue_to_dict,
    load_seed_catalogue,
    validate_catalogue_dict,
)

SEED = load_seed_catalogue()


def test_all_thirty_points_load():
    # CATALOG.md §2: "By environment: A 13, B 10, C 7, total 30."
    assert len(SEED.points) == 30
    assert Counter(p.environment for p in SEED.points) == {
        Environment.MULTIMEDIA: 13,
        Environment.HYBRID: 10,
        Environment.SMART: 7,
    }


def test_dimension_counts_and_environment_c_has_no_learner_analysis():
    # CATALOG.md §2: "学情分析 2 (A1, B1); 教学设计 7; 学法指导 14; 学业评价 7 … C has no 学情分析 point."
    assert Counter(p.dimension for p in SEED.points) == {
        Dimension.LEARNER_ANALYSIS: 2,
        Dimension.INSTRUCTIONAL_DESIGN: 7,
        Dimension.LEARNING_GUIDANCE: 14,
        Dimension.ASSESSMENT: 7,
    }
    smart = {p.dimension for p in SEED.points if p.environment is Environment.SMART}
    assert Dimension.LEARNER_ANALYSIS not in smart and len(smart) == 3


def test_codes_follow_the_environment_prefix():
    assert all(p.code[0] == p.environment.prefix for p in SEED.points)


def test_a1_is_fully_known_with_a_five_minute_report_video():
    # capability_points.json A1: 学情分析方案 + 学情分析报告（视频）, "max_minutes": 5 (S1, Shandong)
    a1 = SEED.get("A1")
    assert a1.items_complete and [i.key for i in a1.items] == ["学情分析方案", "学情分析报告"]
    plan, report = a1.items
    assert not plan.is_video and len(plan.excellent_criteria) == 4 and len(plan.pass_criteria) == 3
    assert report.is_video and report.excellent_criteria is None  # 报告 rubric: not visible
    assert report.max_duration_s == 300 and report.min_duration_s is None


def test_c4_is_partly_known_and_the_rest_unknown():
    c4 = SEED.get("C4")
    assert not c4.items_complete and [i.key for i in c4.items] == ["设计方案"]
    assert len(c4.items[0].excellent_criteria) == 5
    assert c4.items[0].pass_criteria is None  # "主题适合学生的…（truncated in source）"
    unknown = [p.code for p in SEED.points if not p.items]
    assert len(unknown) == 28 and SEED.get("A6").items == ()


def test_dict_form_round_trips():
    assert catalogue_from_dict(catalogue_to_dict(SEED)) == SEED


def test_an_admin_can_fill_in_an_unknown_point():
    data = catalogue_to_dict(SEED)
    a6 = next(p for p in data["points"] if p["code"] == "A6")
    a6["items"] = [
        {"key": "教学设计", "accepted_formats": ["docx", "pdf"], "max_bytes": 2 * 1024**2},
        {"key": "课堂实录片段", "is_video": True, "accepted_formats": ["mp4", "flv"], "max_duration_s": 600},
    ]
    a6["items_complete"] = True
    point = catalogue_from_dict(data).get("A6")
    assert point.items_complete and point.items[0].accepted_formats == ("docx", "pdf")
    assert point.item("课堂实录片段").is_video and point.item("课堂实录片段").max_duration_s == 600


def test_environment_and_dimension_accept_chinese_names():
    point = {"code": "A1", "name_zh": "x", "environment": "多媒体", "dimension": "学情分析"}
    cat = catalogue_from_dict({"points": [point]})
    assert cat.get("A1").environment is Environment.MULTIMEDIA


def _edited(**changes):
    data = copy.deepcopy(catalogue_to_dict(SEED))
    a1 = data["points"][0]
    for key, value in changes.items():
        if key.startswith("item_"):
            a1["items"][1][key[5:]] = value
        else:
            a1[key] = value
    return data


@pytest.mark.parametrize(
    "data, codes",
    [
        (_edited(environment="太空"), ["catalogue.unknown_environment"]),
        (_edited(dimension="体育"), ["catalogue.unknown_dimension"]),
        (_edited(code="A2"), ["catalogue.duplicate_code"]),
        (_edited(environment="smart"), ["catalogue.environment_mismatch"]),
        (_edited(item_max_bytes=-1), ["catalogue.negative_limit"]),
        (_edited(item_max_duration_s=-300), ["catalogue.negative_limit"]),
        (_edited(item_min_duration_s=400), ["catalogue.limits_inverted"]),
        (_edited(item_key="学情分析方案"), ["catalogue.duplicate_item"]),
        (_edited(item_max_bytes="big"), ["catalogue.bad_field"]),
        (_edited(item_accepted_formats="mp4"), ["catalogue.bad_field"]),
        (_edited(name_zh=" "), ["catalogue.missing_field"]),
        (_edited(code=5), ["catalogue.bad_field"]),
        (_edited(items_complete="yes"), ["catalogue.bad_field"]),
        (_edited(item_is_video="true"), ["catalogue.bad_field"]),
        (_edited(item_description_zh=3), ["catalogue.bad_field"]),
        (_edited(items=[], items_complete=True), ["catalogue.empty_complete_list"]),
        ({"points": "A1"}, ["catalogue.not_a_list"]),
        ([], ["catalogue.not_a_list"]),
    ],
)
def test_edited_data_is_refused_with_a_reason(data, codes):
    assert [v.code for v in validate_catalogue_dict(data)] == codes
    with pytest.raises(CatalogueInvalid):
        catalogue_from_dict(data)


def test_every_problem_is_reported_at_once_in_both_languages():
    data = _edited(environment="太空", dimension="体育", item_max_bytes=-5)
    data["points"][2]["code"] = "A2"  # A3 renamed to a duplicate of A2
    with pytest.raises(CatalogueInvalid) as refused:
        catalogue_from_dict(data)
    violations = refused.value.violations
    assert [v.code for v in violations] == [
        "catalogue.unknown_environment",
        "catalogue.unknown_dimension",
        "catalogue.negative_limit",
        "catalogue.duplicate_code",
    ]
    assert all(v.zh and v.en and "{" not in v.zh + v.en for v in violations)
