"""Usernames of imported accounts when 工号 repeat across schools (unique only within one)."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Teacher, User
from tests.api.review.admin.roster_files import csv_bytes, post_roster, xlsx_bytes

SCHOOL_A = ("甲小学", "AA-01")
SCHOOL_B = ("乙小学", "BB-02")


def _row(school, staff_id: str, name: str):
    return [*school, None, "数学", name, staff_id, 1985, None, None, None]


def _accounts(report: dict) -> dict[tuple[str, str], dict]:
    return {(a["school_code"], a["staff_id"]): a for a in report["new_accounts"]}


def _login(h, username: str, password: str):
    """Sign in as a script would: no earlier account's cookie riding along (a browser sends its Origin)."""
    h.client.cookies.clear()
    return h.client.post("/api/auth/login", json={"username": username, "password": password})


def test_two_schools_with_the_same_staff_id_in_one_file(api):
    rows = [_row(SCHOOL_A, "K100", "甲一"), _row(SCHOOL_B, "K100", "乙一"), _row(SCHOOL_B, "K101", "乙二")]
    response = post_roster(api, "admin", xlsx_bytes(rows))
    assert response.status_code == 201, response.text
    accounts = _accounts(response.json())
    assert {key: a["username"] for key, a in accounts.items()} == {
        ("AA-01", "K100"): "K100",  # the first to claim the 工号 keeps it
        ("BB-02", "K100"): "BB-02-K100",  # the second is qualified by its school's code
        ("BB-02", "K101"): "K101",  # a free 工号 stays unqualified
    }
    with api.transaction() as s:
        for (code, staff_id), account in accounts.items():
            user = s.scalar(select(User).where(User.username == account["username"]))
            teacher = s.get(Teacher, user.teacher_id)
            assert (teacher.staff_id, teacher.name) == (staff_id, account["name"])
            assert user.must_change_password is True
    for account in accounts.values():
        signed_in = _login(api, account["username"], account["initial_password"])
        assert signed_in.status_code == 200, account
        assert signed_in.json()["user"]["must_change_password"] is True


def test_the_same_staff_id_in_two_successive_imports(api):
    first = post_roster(api, "admin", csv_bytes([_row(SCHOOL_A, "K200", "甲二")]), fmt="csv")
    assert first.status_code == 201 and _accounts(first.json())[("AA-01", "K200")]["username"] == "K200"
    second = post_roster(api, "admin", csv_bytes([_row(SCHOOL_B, "K200", "乙三")]), fmt="csv")
    assert second.status_code == 201, second.text
    account = _accounts(second.json())[("BB-02", "K200")]
    assert account["username"] == "BB-02-K200" and account["initial_password"]
    assert _login(api, "BB-02-K200", account["initial_password"]).status_code == 200
    both = [_row(SCHOOL_A, "K200", "甲二"), _row(SCHOOL_B, "K200", "乙三")]
    again = post_roster(api, "admin", csv_bytes(both), fmt="csv").json()
    assert again["new_accounts"] == [] and again["accounts"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_a_dry_run_predicts_the_same_usernames(api):
    post_roster(api, "admin", csv_bytes([_row(SCHOOL_A, "K300", "甲三")]), fmt="csv")
    rows = [_row(SCHOOL_B, "K300", "乙四"), _row(SCHOOL_B, "K301", "乙五"), _row(SCHOOL_A, "K301", "甲四")]
    dry = post_roster(api, "admin", xlsx_bytes(rows), dry_run=True).json()
    real = post_roster(api, "admin", xlsx_bytes(rows)).json()
    predicted = {k: a["username"] for k, a in _accounts(dry).items()}
    assert predicted == {k: a["username"] for k, a in _accounts(real).items()}
    assert predicted == {("BB-02", "K300"): "BB-02-K300", ("BB-02", "K301"): "K301", ("AA-01", "K301"): "AA-01-K301"}
    assert all(a["initial_password"] is None for a in dry["new_accounts"])
    assert all(len(a["initial_password"]) == 29 for a in real["new_accounts"]), "five groups of five, hyphenated"


def test_a_staff_id_equal_to_a_staff_account_is_qualified(api):
    response = post_roster(api, "admin", xlsx_bytes([_row(SCHOOL_A, "teacher", "甲五")]))
    assert response.status_code == 201, response.text
    [account] = response.json()["new_accounts"]
    assert account["username"] == "AA-01-teacher"
    with api.transaction() as s:
        demo = s.scalar(select(User).where(User.username == "teacher"))
        assert demo.display_name == "李娜（教师）", "the existing account is untouched"
