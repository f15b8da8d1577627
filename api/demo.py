"""Demo school for ``make run``: one school, two groups, ten teachers, one account per role,
the school's programme setup (a hybrid environment, eight offered points, a selection window
open around the day of seeding) and the province's catalogue copied from the national seed.

Idempotent: running it again leaves existing rows alone and prints the accounts.
Run with ``python -m api.demo``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from api.auth.passwords import hash_password
from api.shared.repository import find_by
from api.shared.review_inputs import today
from config import get_settings
from db.models import CatalogueVersion, ResearchGroup, School, SchoolSetup, Teacher, User
from db.session import session_factory, transaction
from domain.catalogue import Environment, catalogue_to_dict, load_seed_catalogue
from domain.school_setup import default_window

DEMO_PASSWORD = "kejian123"
SCHOOL = ("示范中学", "DEMO-001")
GROUPS = [("语文教研组", "语文"), ("数学教研组", "数学")]
TEACHERS = [
    # name, staff id, group index, birth year
    ("王芳", "T001", 0, 1972),
    ("李娜", "T002", 0, 1980),
    ("张伟", "T003", 0, 1988),
    ("刘洋", "T004", 0, 1995),
    ("陈静", "T005", 0, 1990),
    ("杨磊", "T006", 1, 1970),
    ("赵敏", "T007", 1, 1983),
    ("黄强", "T008", 1, 1992),
    ("周婷", "T009", 1, 1986),
    ("吴军", "T010", 1, 1998),
]
# username, display name, role, staff id of the linked teacher (None for staff accounts)
ACCOUNTS = [
    ("teacher", "李娜（教师）", "teacher", "T002"),
    ("leader", "王芳（语文教研组长）", "group_leader", "T001"),
    ("schooladmin", "学校管理员", "school_admin", None),
    ("reviewer", "省级评审专家", "provincial_reviewer", None),
    ("admin", "系统管理员", "admin", None),
]

# Seed 004 §五.1: a school narrows the catalogue to 8 points. The demo school has multimedia and
# hybrid rooms (seed 004's own school names both) and offers A and B points; each age band keeps
# its recommended choice: 50+ takes A1/A2/A5(/A11), under 40 B1/B2/B4(/B9).
ENVIRONMENTS = (Environment.MULTIMEDIA, Environment.HYBRID)
OFFERED = ["A1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"]
WINDOW_OPENED_DAYS_AGO = 3


def _get_or_add(session: Session, model, lookup: dict, **values):
    row = find_by(session, model, **lookup)
    if row is None:
        row = model(**lookup, **values)
        session.add(row)
        session.flush()
    return row


def _seed_programme(session: Session, school: School, window_days: int) -> None:
    window = default_window(today(get_settings()) - timedelta(days=WINDOW_OPENED_DAYS_AGO), days=window_days)
    _get_or_add(
        session,
        SchoolSetup,
        {"school_id": school.id},
        environments=[e.value for e in ENVIRONMENTS],
        offered_codes=list(OFFERED),
        opens_on=window.opens_on,
        closes_on=window.closes_on,
    )
    _get_or_add(session, CatalogueVersion, {"province": school.province}, data=catalogue_to_dict(load_seed_catalogue()))


def seed(session: Session, *, window_days: int = 7) -> list[tuple[str, str, str]]:
    """Add whatever of the demo is missing; ``window_days`` is review_selection_window_days."""
    school = _get_or_add(session, School, {"code": SCHOOL[1]}, name=SCHOOL[0])
    groups = [
        _get_or_add(session, ResearchGroup, {"school_id": school.id, "name": name}, subject=subject)
        for name, subject in GROUPS
    ]
    teachers = {}
    for name, staff_id, group_index, birth_year in TEACHERS:
        group = groups[group_index]
        teachers[staff_id] = _get_or_add(
            session,
            Teacher,
            {"school_id": school.id, "staff_id": staff_id},
            name=name,
            subject=group.subject,
            birth_year=birth_year,
            group_id=group.id,
        )
    accounts = []
    # One hash of the shared demo password: argon2 is slow on purpose, and every API test seeds.
    password_hash = hash_password(DEMO_PASSWORD)
    for username, display, role, staff_id in ACCOUNTS:
        teacher = teachers.get(staff_id) if staff_id else None
        _get_or_add(
            session,
            User,
            {"username": username},
            password_hash=password_hash,
            display_name=display,
            role=role,
            school_id=None if role in ("provincial_reviewer", "admin") else school.id,
            teacher_id=teacher.id if teacher else None,
            group_id=teacher.group_id if teacher else None,
        )
        accounts.append((username, role, display))
    _seed_programme(session, school, window_days)
    return accounts


def main() -> None:
    settings = get_settings()
    with transaction(session_factory(settings.database_url)) as session:
        accounts = seed(session, window_days=settings.review_selection_window_days)
    print("\n演示账号 Demo accounts (password / 密码: %s)" % DEMO_PASSWORD)
    for username, role, display in accounts:
        print(f"  {username:<12} {role:<20} {display}")
    print()


if __name__ == "__main__":
    main()
