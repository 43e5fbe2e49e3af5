"""Speakers, their aliases and roles, sources, quotes and API keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 03:38:28.016741
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
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_keys_name")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("published_at", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
        sa.UniqueConstraint("url", name=op.f("uq_sources_url")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("wikidata_qid", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint("name", name=op.f("uq_speakers_name")),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("said_on", sa.Date(), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("translation_of_id", sa.Integer(), nullable=True),
        sa.Column("translation_provenance", sa.String(length=10), nullable=True),
        sa.Column("ref", sa.String(length=100), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('direct', 'reported')", name=op.f("ck_quotes_kind")),
        sa.CheckConstraint(
            "translation_provenance IS NULL OR translation_provenance IN ('editorial', 'official')",
            name=op.f("ck_quotes_translation_provenance"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_quotes_source_id_sources"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_quotes_speaker_id_speakers"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["translation_of_id"],
            ["quotes.id"],
            name=op.f("fk_quotes_translation_of_id_quotes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_quotes_fingerprint")),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index("ix_quotes_source_id", ["source_id"], unique=False)
        batch_op.create_index("ix_quotes_speaker_id", ["speaker_id"], unique=False)
        batch_op.create_index("ix_quotes_translation_of_id", ["translation_of_id"], unique=False)

    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_aliases_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
    )
    with op.batch_alter_table("speaker_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_aliases_alias"), ["alias"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_aliases_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "speaker_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_roles_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_roles")),
    )
    with op.batch_alter_table("speaker_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_roles_speaker_id"), ["speaker_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("speaker_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_roles_speaker_id"))

    op.drop_table("speaker_roles")
    with op.batch_alter_table("speaker_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_aliases_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_speaker_aliases_alias"))

    op.drop_table("speaker_aliases")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_translation_of_id")
        batch_op.drop_index("ix_quotes_speaker_id")
        batch_op.drop_index("ix_quotes_source_id")

    op.drop_table("quotes")
    op.drop_table("speakers")
    op.drop_table("sources")
    op.drop_table("api_keys")
