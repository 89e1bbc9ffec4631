"""Progress, best scores and the scorecard count rated attempts only: a null score is "not rated", not zero."""

from __future__ import annotations

from pathlib import Path

from app import store
from app.database import Database
from app.services.scorecards import automatic_scorecard
from tests._service_fixtures import database_url


def _graded(conn: store.Connection, owner: store.Owner, *, mode: str, verdict: str, score: float | None,
            rating: str) -> None:
    attempt_id = store.start_attempt(conn, owner=owner, challenge_id="softmax", mode=mode, code="x", worker="w")
    rubric = {"vectorization": {"rating": rating, "feedback": []}}
    store.finish_attempt(conn, attempt_id=attempt_id, verdict=verdict, score=score,
                         report={"verdict": verdict, "score": score, "rubric": rubric})


def test_best_score_ignores_unrated_submits_and_runs(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    with database.write() as conn:
        profile = store.Owner(profile_id=store.ensure_profile(conn, token_hash="p" * 64))
        _graded(conn, profile, mode="submit", verdict="accepted", score=62.5, rating="warn")
        _graded(conn, profile, mode="submit", verdict="wrong_answer", score=None, rating="pass")
        _graded(conn, profile, mode="run", verdict="accepted", score=None, rating="n/a")
        progress = store.progress_by_challenge(conn, profile_id=profile.profile_id or 0)["softmax"]
    database.close()
    assert progress.best_score == 62.5
    assert progress.attempts == 3
    assert progress.is_solved


def test_a_challenge_with_only_unrated_submits_has_no_best_score(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    with database.write() as conn:
        profile = store.Owner(profile_id=store.ensure_profile(conn, token_hash="q" * 64))
        _graded(conn, profile, mode="submit", verdict="wrong_answer", score=None, rating="fail")
        progress = store.progress_by_challenge(conn, profile_id=profile.profile_id or 0)["softmax"]
    database.close()
    assert progress.best_score is None
    assert not progress.is_solved


def test_the_scorecard_rates_criteria_from_the_last_rated_submit_only(app_database: Path | str) -> None:
    database = Database(database_url(app_database))
    database.migrate()
    with database.write() as conn:
        conn.execute(store.interview_sessions.insert().values(
            id="s1", candidate_token_hash="c", interviewer_token_hash="i", challenges=["softmax"],
            duration_seconds=60, hints_allowed=False, candidate_may_start=False, status="running",
            created_at=store.utcnow()))
        seat = store.Owner(session_id="s1")
        _graded(conn, seat, mode="submit", verdict="accepted", score=50.0, rating="warn")
        # A later submit that fails a test: its rubric is provisional and must not rate the candidate.
        _graded(conn, seat, mode="submit", verdict="wrong_answer", score=None, rating="pass")
        attempts = store.list_attempts(conn, owner=seat, newest_first=False)
    database.close()
    card = automatic_scorecard(attempts, session_ended=False)
    assert card.criteria["vectorization"] == 2  # "warn" from the rated submit, not "pass" from the unrated one
    assert card.recommendation == "strong_no"  # the last submit failed a test: nothing is solved
