"""audit_log.school_id: the school each entry is about, indexed with the id, for a school admin's page

A school admin's page of the audit log matched the school's entries by their actors and by what
they are about (the school's people, works, groups, recordings), walking the province's whole log
newest first to find them: on the generated province's 10,000,000 entries a first page took 1.5-5.1
s, and the school history, matched through the school's works the same way, 5.6 s to over 5 minutes
(``api.review.desk.repository.history_page``). Each entry now keeps the school (``db.audit.school_of``): the school itself,
else the school of the row it is about, else its actor's; the page reads ``(school_id, id)``
backwards. The hand-over card's counts of the school's forwards and downgrades since its hand-over
matched ``(action, at)`` against the school's every work (32,000 ids at the largest school); they
read ``(school_id, action, at)`` now, which replaces ``(action, at)`` (nothing else used it). Filled
here from the rows the entries are about. The log is append-only (migration 0003): its UPDATE
trigger is set aside for the fill and put back.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

# (entity types, table, the table's school column): entries about a row of that table.
_ABOUT = (
    ("'school'", "schools", "id"),
    ("'submission'", "submissions", "school_id"),
    ("'recording'", "recordings", "school_id"),
    ("'group'", "research_groups", "school_id"),
    ("'teacher', 'selection'", "teachers", "school_id"),
    ("'user'", "users", "school_id"),
)


def _fill() -> None:
    for types, table, column in _ABOUT:
        op.execute(
            f"UPDATE audit_log SET school_id = t.{column} FROM {table} AS t"
            f" WHERE audit_log.entity_type IN ({types}) AND audit_log.entity_id = CAST(t.id AS VARCHAR)"
        )
    op.execute(
        "UPDATE audit_log SET school_id = u.school_id FROM users AS u"
        " WHERE audit_log.school_id IS NULL AND u.id = audit_log.actor_id AND u.school_id IS NOT NULL"
    )


def _without_append_only(work) -> None:
    """Run ``work`` with the log's UPDATE trigger set aside (migration 0003 made it)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
        work()
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        work()
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("school_id", sa.Integer(), nullable=True))
    _without_append_only(_fill)
    op.create_index("ix_audit_log_school_id", "audit_log", ["school_id", "id"], unique=False)
    op.create_index("ix_audit_log_school_action_at", "audit_log", ["school_id", "action", "at"], unique=False)
    op.drop_index("ix_audit_log_action_at", table_name="audit_log")


def downgrade() -> None:
    op.create_index("ix_audit_log_action_at", "audit_log", ["action", "at"], unique=False)
    op.drop_index("ix_audit_log_school_action_at", table_name="audit_log")
    op.drop_index("ix_audit_log_school_id", table_name="audit_log")
    op.drop_column("audit_log", "school_id")
