"""Upgrading a database made at the schema before attempts moves every submission and interview run."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from app import store
from app.database import MIGRATIONS, Database

BEFORE_ATTEMPTS = "0002"  # the head revision before the attempts table
T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 30, 12, 5, tzinfo=UTC)


def _database_at(revision: str, path: Path) -> Database:
    database = Database(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return database


def _fill_old_tables(database: Database) -> None:
    with database.write() as conn:
        conn.execute(sa.text("INSERT INTO profiles (id, token_hash, created_at) VALUES (1, 'a', :t), (2, 'b', :t)"),
                     {"t": T0})
        conn.execute(sa.text(
            "INSERT INTO submissions (id, public_id, profile_id, challenge_id, mode, status, code, verdict, score, "
            "report, worker, created_at, finished_at) VALUES "
            "(7, :p1, 1, 'softmax', 'submit', 'graded', 'code one', 'accepted', 87.5, :r, 'w/1/2', :t0, :t1), "
            "(9, :p2, 2, 'relu', 'run', 'interrupted', 'code two', NULL, NULL, NULL, NULL, :t0, NULL)"),
            {"p1": "1" * 32, "p2": "2" * 32, "r": '{"verdict": "accepted", "score": 87.5}', "t0": T0, "t1": T1})
        conn.execute(sa.text(
            "INSERT INTO interview_sessions (id, candidate_token_hash, interviewer_token_hash, challenges, "
            "duration_seconds, hints_allowed, candidate_may_start, status, created_at) VALUES "
            "('s1', 'c', 'i', '[\"softmax\"]', 600, 0, 0, 'ended', :t0)"), {"t0": T0})
        conn.execute(sa.text(
            "INSERT INTO interview_runs (id, session_id, challenge_id, mode, is_automatic, status, code, verdict, "
            "score, report, worker, created_at, finished_at) VALUES "
            "(1, 's1', 'softmax', 'run', 0, 'graded', 'run code', 'wrong_answer', NULL, '{\"verdict\": "
            "\"wrong_answer\"}', 'w/3/4', :t0, :t1), "
            "(2, 's1', 'softmax', 'submit', 1, 'graded', 'final code', 'accepted', 100.0, '{}', NULL, :t1, :t1)"),
            {"t0": T0, "t1": T1})
        conn.execute(sa.text(
            "INSERT INTO interview_events (id, session_id, kind, challenge_id, payload, created_at) VALUES "
            "(1, 's1', 'grading', 'softmax', '{\"run_id\": 1, \"mode\": \"run\"}', :t0), "
            "(2, 's1', 'submit', 'softmax', '{\"run_id\": 2, \"verdict\": \"accepted\"}', :t1), "
            "(3, 's1', 'followup', NULL, '{\"text\": \"why?\"}', :t1)"), {"t0": T0, "t1": T1})


def test_upgrade_moves_every_submission_and_interview_run_into_attempts(tmp_path: Path) -> None:
    database = _database_at(BEFORE_ATTEMPTS, tmp_path / "old.sqlite3")
    _fill_old_tables(database)
    database.migrate()
    with database.read() as conn:
        practice = store.list_attempts(conn, owner=store.Owner(profile_id=1)) + \
            store.list_attempts(conn, owner=store.Owner(profile_id=2))
        interview = store.list_attempts(conn, owner=store.Owner(session_id="s1"), newest_first=False)
        events = store.list_interview_events(conn, session_id="s1")
        tables = sa.inspect(conn).get_table_names()
    database.close()
    assert "submissions" not in tables
    assert "interview_runs" not in tables
    assert [(a.id, a.public_id, a.owner, a.challenge_id, a.mode, a.status, a.code, a.verdict, a.score, a.report,
             a.created_at, a.finished_at) for a in practice] == [
        (7, "1" * 32, store.Owner(1, None), "softmax", "submit", "graded", "code one", "accepted", 87.5,
         {"verdict": "accepted", "score": 87.5}, T0, T1),
        (9, "2" * 32, store.Owner(2, None), "relu", "run", "interrupted", "code two", None, None, None, T0, None),
    ]
    assert [(a.owner, a.mode, a.is_automatic, a.status, a.code, a.verdict, a.score, a.report, a.created_at)
            for a in interview] == [
        (store.Owner(None, "s1"), "run", False, "graded", "run code", "wrong_answer", None,
         {"verdict": "wrong_answer"}, T0),
        (store.Owner(None, "s1"), "submit", True, "graded", "final code", "accepted", 100.0, {}, T1),
    ]
    assert len({a.id for a in practice + interview}) == 4
    # The session's events name the attempts the runs became.
    assert [e.payload.get("attempt_id") for e in events] == [interview[0].id, interview[1].id, None]
    assert all("run_id" not in e.payload for e in events)


def test_downgrade_gives_the_rows_back_to_the_two_old_tables(tmp_path: Path) -> None:
    database = _database_at(BEFORE_ATTEMPTS, tmp_path / "old.sqlite3")
    _fill_old_tables(database)
    database.migrate()
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE_ATTEMPTS)
    with database.read() as conn:
        submissions = conn.execute(sa.text("SELECT id, code FROM submissions ORDER BY id")).all()
        runs = conn.execute(sa.text("SELECT id, code, is_automatic FROM interview_runs ORDER BY id")).all()
        payloads = conn.execute(sa.text("SELECT payload FROM interview_events ORDER BY id")).scalars().all()
    database.close()
    assert [tuple(r) for r in submissions] == [(7, "code one"), (9, "code two")]
    assert [tuple(r) for r in runs] == [(1, "run code", 0), (2, "final code", 1)]
    assert [json.loads(p).get("run_id") for p in payloads] == [1, 2, None]
