"""Risk signals per school (api.review.province.risk), read in one grouped query, and the setting
that turns them into weights."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

from api.review.province.risk import school_risks, school_weights
from config.settings import Settings
from domain.sampling import SchoolRisk
from tests.api.review.province.world import world


def test_each_schools_signals_are_counted(api):
    w = world(api)
    with api.transaction() as s:
        risks = school_risks(s, [w.school_id, w.other_school_id, 999_999])
        weights = school_weights(s, [w.school_id, w.other_school_id], boost=2.0)
    # Demo: 6 works reached; 1 downgraded; overridden = the failed lesson + the 数学 group's three
    # (its session counted on the leader's word); 1 near-copy.
    assert risks[str(w.school_id)] == SchoolRisk(w.school_id, 6, 1, 4, 1)
    assert risks[str(w.other_school_id)] == SchoolRisk(w.other_school_id, 2, 0, 0, 0)
    assert risks["999999"] == SchoolRisk(999_999, 0, 0, 0, 0)
    assert weights == {str(w.school_id): 1 + 2 * Fraction(6, 6), str(w.other_school_id): Fraction(1)}


def test_the_boost_is_a_setting_that_may_not_be_negative(monkeypatch):
    monkeypatch.setenv("KEJIAN_REVIEW_SAMPLING_RISK_BOOST", "0.5")
    assert Settings().review_sampling_risk_boost == 0.5
    monkeypatch.setenv("KEJIAN_REVIEW_SAMPLING_RISK_BOOST", "-1")
    with pytest.raises(ValidationError):
        Settings()
