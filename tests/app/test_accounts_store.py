"""The accounts' SQL on a real SQLite file: migration 0007 over existing sessions, expiry, ownership."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from app import store
from app.database import MIGRATIONS, Database
from tests._service_fixtures import database_url

BEFORE_ACCOUNTS = "0006"


def _at(revision: str, path: Path) -> tuple[Database, Config]:
    database = Database(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return database, config


def _old_session(database: Database) -> None:
    with database.write() as conn:
        conn.execute(sa.text(
            "INSERT INTO interview_sessions (id, candidate_token_hash, interviewer_token_hash, challenges, "
            "duration_seconds, hints_allowed, candidate_may_start, status, created_at) VALUES "
            "('s1', 'c', 'i', '[\"softmax\"]', 600, 0, 0, 'waiting', :t)"), {"t": store.utcnow()})
        conn.execute(sa.text(
            "INSERT INTO interview_events (session_id, kind, payload, created_at) VALUES ('s1', 'started', '{}', :t)"),
            {"t": store.utcnow()})


def test_upgrade_keeps_existing_sessions_without_an_owner_and_downgrade_keeps_them_too(tmp_path: Path) -> None:
    database, config = _at(BEFORE_ACCOUNTS, tmp_path / "old.sqlite3")
    _old_session(database)
    database.migrate()
    with database.read() as conn:
        session = store.get_interview(conn, session_id="s1")
        assert session is not None
        assert session.owner_id is None
        assert len(store.list_interview_events(conn, session_id="s1")) == 1
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE_ACCOUNTS)
    with database.read() as conn:
        tables = sa.inspect(conn).get_table_names()
        columns = [c["name"] for c in sa.inspect(conn).get_columns("interview_sessions")]
        events = conn.execute(sa.text("SELECT count(*) FROM interview_events")).scalar_one()
    database.close()
    assert not {"accounts", "account_sessions", "scorecard_templates"} & set(tables)
    assert "owner_id" not in columns
    assert events == 1  # dropping the column copied no table: the session's events are all still there


def test_an_expired_login_opens_nothing(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    now = store.utcnow()
    with database.write() as conn:
        account_id = store.create_account(conn, email="a@example.com", display_name="A", password_hash="h")
        assert account_id is not None
        store.add_account_session(conn, account_id=account_id, token_hash="old", expires_at=now - timedelta(seconds=1))
        store.add_account_session(conn, account_id=account_id, token_hash="new", expires_at=now + timedelta(hours=1))
    with database.read() as conn:
        assert store.find_session_account(conn, token_hash="old", now=now) is None
        found = store.find_session_account(conn, token_hash="new", now=now)
        assert found is not None
        assert found.id == account_id
    with database.write() as conn:
        store.delete_expired_account_sessions(conn, now=now)
        remaining = conn.execute(sa.select(store.account_sessions.c.token_hash)).scalars().all()
    database.close()
    assert remaining == ["new"]


def test_a_taken_email_leaves_the_transaction_usable(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    with database.write() as conn:
        first = store.create_account(conn, email="a@example.com", display_name="A", password_hash="h")
        assert store.create_account(conn, email="a@example.com", display_name="B", password_hash="h") is None
        second = store.create_account(conn, email="b@example.com", display_name="B", password_hash="h")
    with database.read() as conn:
        assert store.get_account(conn, account_id=first or 0) is not None
        assert store.get_account(conn, account_id=second or 0) is not None
    database.close()


def test_templates_are_found_only_for_their_account(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    with database.write() as conn:
        mine = store.create_account(conn, email="a@example.com", display_name="A", password_hash="h")
        theirs = store.create_account(conn, email="b@example.com", display_name="B", password_hash="h")
        assert mine is not None
        assert theirs is not None
        template_id = store.create_scorecard_template(conn, account_id=mine, name="T", criteria=[])
        assert not store.update_scorecard_template(conn, account_id=theirs, template_id=template_id, name="X",
                                                   criteria=[])
        assert not store.delete_scorecard_template(conn, account_id=theirs, template_id=template_id)
        assert store.get_scorecard_template(conn, account_id=theirs, template_id=template_id) is None
        template = store.get_scorecard_template(conn, account_id=mine, template_id=template_id)
    database.close()
    assert template is not None
    assert template.name == "T"
