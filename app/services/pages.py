"""What each page shows, as plain template contexts built from the other services."""

from __future__ import annotations

from typing import Any

from app import store
from app.catalog import Catalog, Challenge
from app.content import MarkdownRenderer
from app.database import Database
from app.errors import NotFoundError
from app.grading.grader import Grader
from app.labels import load_labels
from app.services import attempts, challenges, progress
from app.services.results import results_view


def home_page(*, db: Database, catalog: Catalog, token_hash: str) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    return {
        "lessons": progress.lesson_progress(catalog=catalog, summaries=summaries),
        "challenges": summaries,
        "solved": sum(s.status == "solved" for s in summaries),
        "attempted": sum(s.status == "attempted" for s in summaries),
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": load_labels().statuses,
    }


def challenges_page(*, db: Database, catalog: Catalog, token_hash: str, difficulty: str | None, status: str | None
                    ) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    shown = [s for s in summaries
             if (not difficulty or s.difficulty == difficulty) and (not status or s.status == status)]
    return {
        "challenges": shown, "total": len(summaries), "difficulty": difficulty or "", "status": status or "",
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": load_labels().statuses,
    }


def lesson_page(*, db: Database, catalog: Catalog, markdown: MarkdownRenderer, token_hash: str, number: int
                ) -> dict[str, Any]:
    numbers = [lesson.number for lesson in catalog.lessons()]
    if number not in numbers:
        raise NotFoundError(f"No lesson {number}. The lessons are numbered {numbers[0]} to {numbers[-1]}; see /.")
    lesson = catalog.lesson(number)
    summaries = [s for s in challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
                 if s.lesson == number]
    index = numbers.index(number)
    return {
        "lesson": lesson,
        "body": markdown.render(lesson.body, True),
        "challenges": summaries,
        "previous": catalog.lesson(numbers[index - 1]) if index > 0 else None,
        "next": catalog.lesson(numbers[index + 1]) if index + 1 < len(numbers) else None,
        "lesson_titles": {lesson.number: lesson.title},
        "status_labels": load_labels().statuses,
    }


def hints_context(*, challenge: Challenge, markdown: MarkdownRenderer, revealed: int) -> dict[str, Any]:
    return {
        "challenge_id": challenge.id,
        "hints": [markdown.render(text) for text in challenge.hints[:revealed]],
        "hints_total": len(challenge.hints),
    }


def reference_context(*, challenge: Challenge) -> dict[str, Any]:
    return {"challenge_id": challenge.id, "reference": challenge.reference_code}


def submissions_context(*, db: Database, token_hash: str, challenge: Challenge) -> dict[str, Any]:
    items = attempts.list_practice_submits(db=db, token_hash=token_hash, challenge_id=challenge.id)
    return {"challenge_id": challenge.id, "submissions": items, "verdict_labels": load_labels().verdicts}


def challenge_page(*, db: Database, catalog: Catalog, grader: Grader, markdown: MarkdownRenderer, token_hash: str,
                   challenge_id: str, code: str | None = None, result: attempts.Graded | None = None
                   ) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=catalog, challenge_id=challenge_id)
    draft = progress.get_draft(db=db, token_hash=token_hash, challenge_id=challenge.id)
    state, solved = challenges.get_state(db=db, token_hash=token_hash, challenge_id=challenge.id)
    latest = result.attempt if result is not None else \
        attempts.latest_practice_attempt(db=db, token_hash=token_hash, challenge_id=challenge.id)
    results = None
    if latest is not None and latest.report is not None:
        results = results_view(latest.report, attempt_id=latest.id, challenge=challenge)
    lesson = catalog.lesson(challenge.config.lesson)
    unlocked = solved or state.gave_up_at is not None or (latest is not None and latest.mode == "submit"
                                                          and latest.is_accepted)
    return {
        "challenge": challenge,
        "challenge_id": challenge.id,
        "config": challenge.config,
        "lesson": lesson,
        "statement": markdown.render(challenge.statement, True),
        "examples": challenges.examples(grader=grader, challenge=challenge),
        "code": code if code is not None else (draft.code if draft else challenge.starter),
        "client_data": {
            "id": challenge.id,
            "function": challenge.config.function,
            "starter": challenge.starter,
            "draftSavedAt": draft.updated_at.isoformat() if draft else None,
            "hintsTotal": len(challenge.hints),
        },
        "results": results,
        "interrupted": latest is not None and latest.status == store.INTERRUPTED,
        "latest": latest,
        **hints_context(challenge=challenge, markdown=markdown, revealed=state.hints_revealed),
        "reference": challenge.reference_code if unlocked else None,
        **{k: v for k, v in submissions_context(db=db, token_hash=token_hash, challenge=challenge).items()
           if k != "challenge_id"},
        "solved": solved,
    }


def progress_page(*, db: Database, catalog: Catalog, token_hash: str) -> dict[str, Any]:
    summary = progress.progress_summary(db=db, catalog=catalog, token_hash=token_hash)
    return {"summary": summary, "lessons": summary.lessons}
