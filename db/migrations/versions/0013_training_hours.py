"""training_hours: teachers.cohort_year, online hours imported from the training platform (the 学时 ledger)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 11:45:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cohort_year", sa.Integer(), nullable=True))

    op.create_table(
        "online_hour_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.Column("imported_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("replaced", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["users.id"], name=op.f("fk_online_hour_imports_imported_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_online_hour_imports_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_hour_imports")),
        sa.UniqueConstraint("school_id", "sha256", name=op.f("uq_online_hour_imports_school_id")),
    )
    with op.batch_alter_table("online_hour_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_online_hour_imports_school_id"), ["school_id"], unique=False)

    op.create_table(
        "online_hour_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("course", sa.String(length=200), nullable=False),
        sa.Column("course_key", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_online_hour_entries_hours_not_negative")),
        sa.CheckConstraint("kind IN ('online', 'online_teaching')", name=op.f("ck_online_hour_entries_kind_known")),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["online_hour_imports.id"],
            name=op.f("fk_online_hour_entries_import_id_online_hour_imports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teachers.id"], name=op.f("fk_online_hour_entries_teacher_id_teachers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_hour_entries")),
        sa.UniqueConstraint("teacher_id", "kind", "course_key", name=op.f("uq_online_hour_entries_teacher_id")),
    )
    with op.batch_alter_table("online_hour_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_online_hour_entries_import_id"), ["import_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_online_hour_entries_teacher_id"), ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("online_hour_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_online_hour_entries_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_online_hour_entries_import_id"))
    op.drop_table("online_hour_entries")
    with op.batch_alter_table("online_hour_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_online_hour_imports_school_id"))
    op.drop_table("online_hour_imports")
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.drop_column("cohort_year")
