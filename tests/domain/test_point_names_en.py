"""Every national point has one English name of its own, for the English UI."""

from __future__ import annotations

from domain.catalogue import load_seed_catalogue
from domain.point_names_en import NAMES_EN, name_en


def test_every_seeded_point_has_a_distinct_english_name():
    codes = [p.code for p in load_seed_catalogue().points]
    assert sorted(codes) == sorted(NAMES_EN)
    names = [name_en(code) for code in codes]
    assert all(names) and len(set(names)) == len(names)
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names)


def test_a_point_a_province_added_has_no_english_name():
    assert name_en("D1") is None
