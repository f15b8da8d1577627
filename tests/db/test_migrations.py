"""Migrations match the models and run down and up again, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from config.settings import PROJECT_ROOT
from db.base import Base


def _config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    return config


def test_models_and_migrations_agree(database_url):
    engine = create_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == [], f"models differ from migrations; run alembic revision --autogenerate: {diff}"


def test_downgrade_to_nothing_and_back(database_url):
    config = _config(database_url)
    command.downgrade(config, "base")
    engine = create_engine(database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")
    engine = create_engine(database_url)
    assert {t.name for t in Base.metadata.sorted_tables} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_audit_log_is_append_only(database_url):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (entity_type, entity_id, action, at) "
                "VALUES ('submission', '1', 'submit', CURRENT_TIMESTAMP)"
            )
        )
    for statement in ("UPDATE audit_log SET reason = 'rewritten'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), max(reason) FROM audit_log")).one() == (1, None)
    engine.dispose()


def test_0025_files_each_old_audit_entry_under_the_school_it_is_about(database_url):
    """Entries written before the log kept a school get one from what they are about, else their
    actor's; the fill sets the append-only trigger aside and puts it back."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from db.models import Submission
    from tests import factories

    engine = create_engine(database_url)
    with Session(engine) as s, s.begin():
        ours, theirs = factories.make_school(s), factories.make_school(s)
        group = factories.make_group(s, ours)
        teacher = factories.make_teacher(s, ours, group)
        staff = factories.make_user(s, "school_admin", school=ours)
        reviewer = factories.make_user(s, "provincial_reviewer")
        recording = factories.make_recording(s, teacher=teacher)
        work = Submission(teacher_id=teacher.id, capability_code="A1", state="forwarded", item_grades={})
        s.add(work)
        s.flush()
        ids = {"ours": ours.id, "theirs": theirs.id, "staff": staff.id, "reviewer": reviewer.id}
        about = [
            ("school", theirs.id, reviewer.id, theirs.id),
            ("submission", work.id, reviewer.id, ours.id),
            ("recording", recording.id, None, ours.id),
            ("group", group.id, None, ours.id),
            ("teacher", teacher.id, reviewer.id, ours.id),
            ("selection", teacher.id, reviewer.id, ours.id),
            ("user", staff.id, None, ours.id),
            ("catalogue", "云南", staff.id, ours.id),  # about nothing of a school's: its actor's school
            ("submission", 999_999, staff.id, ours.id),  # about a row gone since: its actor's school
            ("catalogue", "云南", reviewer.id, None),
        ]
    config = _config(database_url)
    command.downgrade(config, "0024")
    with engine.begin() as conn:
        for entity_type, entity_id, actor_id, _ in about:
            conn.execute(
                text(
                    "INSERT INTO audit_log (entity_type, entity_id, actor_id, action, at)"
                    " VALUES (:t, :e, :a, 'old', CURRENT_TIMESTAMP)"
                ),
                {"t": entity_type, "e": str(entity_id), "a": actor_id},
            )
    command.upgrade(config, "head")
    with engine.connect() as conn:
        filed = conn.execute(text("SELECT school_id FROM audit_log WHERE action = 'old' ORDER BY id")).scalars()
        assert list(filed) == [school for *_, school in about], ids
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET school_id = NULL"))
    engine.dispose()
