"""Shared fixtures: one real sandbox for the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.catalog import Catalog, load_catalog
from app.grading.grader import Grader
from sandbox import Sandbox
from tests._service_fixtures import (
    app_database,
    module_database,
    new_app_database,
    postgres,
    postgres_url,
    redis_server,
)

# Fixtures for every test folder.
__all__ = ["app_database", "module_database", "new_app_database", "postgres", "postgres_url", "redis_server"]

# Set before the sandbox starts: a test proves jobs cannot see the server's environment.
os.environ.setdefault("ARRAYDOJO_TEST_SECRET", "hunter2-do-not-leak")


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(slots=2, queue_size=64) as running:
        yield running


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def grader(catalog: Catalog, sandbox: Sandbox) -> Grader:
    return Grader(catalog, sandbox)
