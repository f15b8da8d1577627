"""Chinese reason texts are read by teachers: none may send them to a JSON field name."""

import importlib
import pkgutil

import domain
from domain.reasons import Reason


def _all_reasons() -> list[Reason]:
    reasons = []
    for module_info in pkgutil.iter_modules(domain.__path__):
        if not module_info.name.endswith("reasons"):
            continue
        module = importlib.import_module(f"domain.{module_info.name}")
        reasons += [value for value in vars(module).values() if isinstance(value, Reason)]
    return reasons


def test_the_reason_modules_are_found():
    assert len(_all_reasons()) > 50


def test_no_chinese_reason_points_the_reader_at_a_json_field():
    offenders = [r.code for r in _all_reasons() if "violations" in r.zh]
    assert offenders == []


def test_the_password_refusal_says_the_problems_are_listed():
    from domain.reasons import PASSWORD_INVALID

    assert PASSWORD_INVALID.format(count=2).zh == "新密码不符合要求，共 2 处问题，逐条列于下方。"
    assert "violations" not in PASSWORD_INVALID.en
