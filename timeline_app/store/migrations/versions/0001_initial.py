"""Initial schema: documents, events, mentions.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("dct", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("granularity", sa.String(20), nullable=False),
        sa.Column("mod", sa.String(20), nullable=True),
        sa.Column("fuzzy", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sort_key", sa.Float(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("expr_start", sa.Integer(), nullable=False),
        sa.Column("expr_end", sa.Integer(), nullable=False),
        sa.Column("expr_text", sa.Text(), nullable=False),
        sa.Column("timex_type", sa.String(10), nullable=False),
        sa.Column("timex_value", sa.String(100), nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("anchor", sa.String(50), nullable=False),
        sa.Column("edited_by_user", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_events_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_start", "events", ["start"])
    op.create_index("ix_events_end", "events", ["end"])
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("timex_type", sa.String(10), nullable=False),
        sa.Column("value", sa.String(100), nullable=False),
        sa.Column("mod", sa.String(20), nullable=True),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_mentions_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_mentions_document_id", table_name="mentions")
    op.drop_table("mentions")
    op.drop_index("ix_events_document_id", table_name="events")
    op.drop_index("ix_events_end", table_name="events")
    op.drop_index("ix_events_start", table_name="events")
    op.drop_table("events")
    op.drop_table("documents")
