"""PostgreSQL as a first-class database: migrations (also from hosts starting at once) and the store."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import sqlalchemy as sa

from app import store
from app.database import Database


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrations_build_the_schema_on_postgresql(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        database.migrate()
        database.migrate()  # a second start finds the schema current
    finally:
        database.close()
    assert {"alembic_version", "profiles", "drafts"} <= _tables(postgres_url)


def test_hosts_starting_at_once_migrate_without_conflict(postgres_url: str) -> None:
    script = textwrap.dedent(f"""
        from app.database import Database
        database = Database({postgres_url!r})
        database.migrate()
        database.close()
    """)
    hosts = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE) for _ in range(4)]
    errors = [host.communicate(timeout=120)[1].decode(errors="replace") for host in hosts]
    assert [host.returncode for host in hosts] == [0, 0, 0, 0], errors
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()
    assert versions == 1


def test_store_keeps_a_profiles_draft_on_postgresql(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        database.migrate()
        with database.write() as connection:
            profile_id = store.ensure_profile(connection, token_hash="a" * 64)
            assert store.ensure_profile(connection, token_hash="a" * 64) == profile_id
            store.save_draft(connection, profile_id=profile_id, challenge_id="softmax", code="def softmax(z): ...")
        with database.read() as connection:
            draft = store.get_draft(connection, profile_id=profile_id, challenge_id="softmax")
    finally:
        database.close()
    assert draft is not None
    assert draft.code == "def softmax(z): ..."
