"""host crawl state: HTTP validators per URL, host repositories by id, webhook deliveries, jobs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import registry.db.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the crawl state, webhook delivery and job tables."""
    op.create_table('http_cache',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url_hash', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=300), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('headers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('fetched_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('checked_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_http_cache')),
    sa.UniqueConstraint('url_hash', name=op.f('uq_http_cache_url_hash'))
    )
    op.create_table('queue_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('key', sa.String(length=600), nullable=False),
    sa.Column('payload', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('run_after', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('locked_by', sa.String(length=200), nullable=True),
    sa.Column('locked_until', registry.db.base.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('finished_at', registry.db.base.DateTimeUTC(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_job'))
    )
    with op.batch_alter_table('queue_job', schema=None) as batch_op:
        batch_op.create_index('ix_queue_job_key_status', ['key', 'status'], unique=False)
        batch_op.create_index('ix_queue_job_status_run_after', ['status', 'run_after'], unique=False)

    op.create_table('webhook_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('delivery_id', sa.String(length=200), nullable=False),
    sa.Column('received_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_delivery')),
    sa.UniqueConstraint('provider', 'delivery_id', name=op.f('uq_webhook_delivery_provider_delivery_id'))
    )
    op.create_table('host_repository',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('api_base', sa.String(length=300), nullable=False),
    sa.Column('host_id', sa.String(length=100), nullable=False),
    sa.Column('full_name', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('repository_id', sa.Integer(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('last_seen_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('last_changed_at', registry.db.base.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['repository_id'], ['repository.id'], name=op.f('fk_host_repository_repository_id_repository'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['code_source.id'], name=op.f('fk_host_repository_source_id_code_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host_repository')),
    sa.UniqueConstraint('api_base', 'host_id', name=op.f('uq_host_repository_api_base_host_id'))
    )
    with op.batch_alter_table('host_repository', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_host_repository_repository_id'), ['repository_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_host_repository_source_id'), ['source_id'], unique=False)


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table('host_repository', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_host_repository_source_id'))
        batch_op.drop_index(batch_op.f('ix_host_repository_repository_id'))

    op.drop_table('host_repository')
    op.drop_table('webhook_delivery')
    with op.batch_alter_table('queue_job', schema=None) as batch_op:
        batch_op.drop_index('ix_queue_job_status_run_after')
        batch_op.drop_index('ix_queue_job_key_status')

    op.drop_table('queue_job')
    op.drop_table('http_cache')
