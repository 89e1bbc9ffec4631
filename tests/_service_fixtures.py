"""Fixtures for throwaway PostgreSQL and Redis servers (one of each per test session, started only when asked)
and the database backends the app's tests run against."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests._services import PostgresServer, RedisServer, ServiceMissingError

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer().start()
    except ServiceMissingError as missing:
        pytest.fail(f"{missing}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    """A fresh, empty database for one test."""
    name = f"test_{next(_database_names)}"
    postgres.create_database(name)
    return postgres.url(name)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    try:
        server = RedisServer().start()
    except ServiceMissingError as missing:
        pytest.fail(f"{missing}")
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def new_app_database(request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path | str]:
    """Makes a fresh place for a test server's data: a SQLite file, or a PostgreSQL database.

    The shared API and interview servers are built on this, so their tests run on both engines.
    """
    if request.param == "sqlite":
        return lambda: tmp_path_factory.mktemp("sqlite") / "arraydojo.sqlite3"
    postgres: PostgresServer = request.getfixturevalue("postgres")

    def make() -> str:
        name = f"app_{next(_database_names)}"
        postgres.create_database(name)
        return postgres.url(name)

    return make


# The own servers of app test modules that touch storage run on both engines; the PostgreSQL runs are
# marked slow so the quick loop (`-m "not slow"`) stays on SQLite.
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def _fresh_database(request: pytest.FixtureRequest, folder: Path) -> Path | str:
    if request.param == "sqlite":
        return folder / "arraydojo.sqlite3"
    postgres: PostgresServer = request.getfixturevalue("postgres")
    name = f"own_{next(_database_names)}"
    postgres.create_database(name)
    return postgres.url(name)


@pytest.fixture(scope="module", params=ENGINES)
def module_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """A fresh database for one module's own server: a SQLite file, or a PostgreSQL database (slow)."""
    return _fresh_database(request, tmp_path_factory.mktemp("module-db"))


@pytest.fixture(params=ENGINES)
def app_database(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A fresh database for one test's own server: a SQLite file, or a PostgreSQL database (slow)."""
    return _fresh_database(request, tmp_path)


def database_url(database: Path | str) -> str:
    """The SQLAlchemy URL of either kind of test database."""
    return database if isinstance(database, str) else f"sqlite:///{database}"
