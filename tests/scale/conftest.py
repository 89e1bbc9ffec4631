"""Throwaway PostgreSQL and Redis servers, one of each per test session, started only when a test asks."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

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
