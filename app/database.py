"""The database engine: SQLite (embedded default) or PostgreSQL, transactions, migrations at start-up."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")
# Any fixed 64-bit number: every web host that starts at once queues on this PostgreSQL lock.
MIGRATION_LOCK_ID = 0x41525241_59444F4A
# Where a transaction collects the wake-up topics its writes touch (see app/wakeups.py).
WAKEUP_TOPICS = "arraydojo_wakeup_topics"


def announce(connection: Connection, topic: str) -> None:
    """Say that this transaction changes what waiters on `topic` read: they are woken after the commit."""
    topics: set[str] = connection.info.setdefault(WAKEUP_TOPICS, set())
    topics.add(topic)


class Database:
    """Owns the engine; `read()` and `write()` hand a connection to the store's functions."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.is_postgresql = self.url.get_backend_name() == "postgresql"
        # A pooled connection may outlive a PostgreSQL restart: check it before use.
        options: dict[str, Any] = {"pool_pre_ping": True} if self.is_postgresql else {}
        if self.is_sqlite:
            database = self.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            options = {"pool_size": 10, "max_overflow": 30, "pool_timeout": 30,
                       "connect_args": {"timeout": 30}}
        self.engine: Engine = create_engine(self.url, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        # Told the wake-up topics of each committed transaction (the app's Wakeups.notify).
        self.on_commit: Callable[[Iterable[str]], None] | None = None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield from self._transaction(connection)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that takes SQLite's write lock at BEGIN, so it waits instead of failing."""
        with self.engine.connect() as connection:
            yield from self._transaction(connection.execution_options(arraydojo_immediate=True))

    def _transaction(self, connection: Connection) -> Iterator[Connection]:
        # A rolled-back transaction's topics were left on the pooled connection: not ours to announce.
        connection.info.pop(WAKEUP_TOPICS, None)
        with connection.begin():
            yield connection
        topics: set[str] | None = connection.info.pop(WAKEUP_TOPICS, None)
        if topics and self.on_commit is not None:
            self.on_commit(topics)

    def migrate(self) -> None:
        """Bring the schema to the latest revision; hosts and workers starting at once take turns.

        SQLite: under its write lock (BEGIN IMMEDIATE). PostgreSQL: under a transaction-scoped
        advisory lock, so the second host waits, then finds the schema current and does nothing.
        """
        config = Config()
        config.set_main_option("script_location", MIGRATIONS)
        with self.write() as connection:
            if self.is_postgresql:
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    """WAL for readers beside one writer; FULL sync so a stored submission survives a crash."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off: BEGIN is issued below, so writes can
        # take the lock up front (BEGIN IMMEDIATE) and never deadlock on a lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("arraydojo_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
