"""school hand-over, sampling rounds, province reviews, notifications; recordings.duplicate_flagged

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 07:44:03.240160
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sampling_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.String(length=200), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("weighting", sa.String(length=8), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.Column("drawn", sa.JSON(), nullable=False),
        sa.Column("strata", sa.JSON(), nullable=False),
        sa.Column("drawn_by", sa.Integer(), nullable=True),
        sa.Column("drawn_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["drawn_by"], ["users.id"], name=op.f("fk_sampling_rounds_drawn_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sampling_rounds")),
    )
    op.create_table(
        "school_handovers",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("handed_over_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("handed_over_by", sa.Integer(), nullable=True),
        sa.Column("excellent_count", sa.Integer(), nullable=True),
        sa.Column("full_time_teachers", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handed_over_by"], ["users.id"], name=op.f("fk_school_handovers_handed_over_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_school_handovers_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_school_handovers")),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_notifications_actor_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["research_groups.id"],
            name=op.f("fk_notifications_group_id_research_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_notifications_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_user_id"), ["user_id"], unique=False)

    op.create_table(
        "province_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("rubric_version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_province_reviews_reviewer_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_province_reviews_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_reviews")),
    )
    with op.batch_alter_table("province_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_province_reviews_submission_id"), ["submission_id"], unique=False)

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duplicate_flagged", sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sampling_round_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_submissions_sampling_round_id"), ["sampling_round_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_submissions_sampling_round_id_sampling_rounds"),
            "sampling_rounds",
            ["sampling_round_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _backfill_duplicate_flagged()


def _backfill_duplicate_flagged() -> None:
    """A recording whose stored checks hold a near-duplicate warning starts flagged."""
    connection = op.get_bind()
    recordings = sa.table("recordings", sa.column("id", sa.String), sa.column("checks", sa.JSON))
    flagged = [
        row.id
        for row in connection.execute(sa.select(recordings.c.id, recordings.c.checks))
        if ((row.checks or {}).get("duplicate") or {}).get("level", "pass") != "pass"
    ]
    for recording_id in flagged:
        connection.execute(
            sa.text("UPDATE recordings SET duplicate_flagged = :yes WHERE id = :id"), {"yes": True, "id": recording_id}
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_submissions_sampling_round_id_sampling_rounds"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_submissions_sampling_round_id"))
        batch_op.drop_column("sampling_round_id")

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.drop_column("duplicate_flagged")

    with op.batch_alter_table("province_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_province_reviews_submission_id"))

    op.drop_table("province_reviews")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_user_id"))

    op.drop_table("notifications")
    op.drop_table("school_handovers")
    op.drop_table("sampling_rounds")
