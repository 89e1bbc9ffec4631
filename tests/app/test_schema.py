"""The migrations and the store's table definitions describe the same schema."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import store
from app.database import Database


def test_migrations_build_exactly_the_store_schema(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    database.migrate()
    database.migrate()  # a second start-up finds nothing to do
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), store.metadata)
    database.close()
    assert differences == []


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with database.read() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.close()
