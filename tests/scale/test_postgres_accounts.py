"""Accounts on PostgreSQL: a taken email inside a transaction, logins by hash and expiry, owned sessions."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import store
from app.database import Database


def test_the_account_tables_match_the_store_on_postgresql(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        database.migrate()
        with database.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), store.metadata)
    finally:
        database.close()
    assert differences == []


def test_a_taken_email_leaves_the_postgresql_transaction_usable(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        database.migrate()
        now = store.utcnow()
        with database.write() as conn:
            first = store.create_account(conn, email="a@example.com", display_name="A", password_hash="h")
            # PostgreSQL aborts a whole transaction on an error; the savepoint keeps this one going.
            assert store.create_account(conn, email="a@example.com", display_name="B", password_hash="h") is None
            assert first is not None
            store.add_account_session(conn, account_id=first, token_hash="t" * 64, expires_at=now + timedelta(hours=1))
            conn.execute(sa.insert(store.interview_sessions).values(
                id="s1", candidate_token_hash="c", interviewer_token_hash="i", challenges=["softmax"],
                duration_seconds=60, hints_allowed=False, candidate_may_start=False, status="waiting",
                created_at=now, owner_id=first))
        with database.read() as conn:
            found = store.find_session_account(conn, token_hash="t" * 64, now=now)
            expired = store.find_session_account(conn, token_hash="t" * 64, now=now + timedelta(hours=2))
            owned = store.list_owned_interviews(conn, owner_id=first)
    finally:
        database.close()
    assert found is not None
    assert found.email == "a@example.com"
    assert expired is None
    assert [s.id for s in owned] == ["s1"]
