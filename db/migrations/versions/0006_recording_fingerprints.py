"""recording fingerprints and their band keys, for the re-used recording check

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recording_fingerprints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("samples", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recordings.id"],
            name=op.f("fk_recording_fingerprints_recording_id_recordings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recording_fingerprints")),
        sa.UniqueConstraint("recording_id", name=op.f("uq_recording_fingerprints_recording_id")),
    )
    op.create_table(
        "fingerprint_keys",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("fingerprint_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fingerprint_id"],
            ["recording_fingerprints.id"],
            name=op.f("fk_fingerprint_keys_fingerprint_id_recording_fingerprints"),
            ondelete="CASCADE",
        ),
        # (key, fingerprint_id): the search is an index-only scan of this primary key.
        sa.PrimaryKeyConstraint("key", "fingerprint_id", name=op.f("pk_fingerprint_keys")),
    )
    with op.batch_alter_table("fingerprint_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fingerprint_keys_fingerprint_id"), ["fingerprint_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fingerprint_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fingerprint_keys_fingerprint_id"))
    op.drop_table("fingerprint_keys")
    op.drop_table("recording_fingerprints")
