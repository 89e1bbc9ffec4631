"""One real server (uvicorn subprocess) shared by the API tests, on SQLite and again on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests._server import ServerProcess


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory,
           new_app_database: Callable[[], Path | str]) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("server")
    # Every test here reaches it from 127.0.0.1: one address whose session-creation burst must cover them
    # all (the limit itself is tested on a server of its own, in test_rate_limit.py).
    running = ServerProcess(new_app_database(), folder / "server.log", session_creates_burst="10000").start()
    yield running
    running.stop()


@pytest.fixture
def client(server: ServerProcess) -> Iterator[httpx.Client]:
    """A client with its own cookie jar: a fresh anonymous profile per test."""
    with server.client() as fresh:
        yield fresh


@pytest.fixture
def solutions() -> Path:
    return Path(__file__).resolve().parent.parent / "challenges" / "solutions"


@pytest.fixture
def server_url(server: ServerProcess) -> str:
    return server.url
