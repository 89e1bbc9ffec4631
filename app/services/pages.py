"""What each page shows, as plain template contexts built from the other services."""

from __future__ import annotations

from typing import Any

from app import store
from app.cases import CRITERIA
from app.catalog import Catalog, Challenge
from app.content import MarkdownRenderer
from app.database import Database
from app.errors import NotFoundError
from app.grading.grader import Grader
from app.labels import load_labels
from app.models import ChallengeSummaryPublic
from app.services import attempts, challenges, finding, progress
from app.services.code_diff import diff_lines
from app.services.results import ResultsView, results_view

HISTORY_LIMIT = 500  # a challenge's whole history, in practice


FIRST_CHALLENGE = "softmax"  # where a newcomer starts


def next_step(summaries: list[ChallengeSummaryPublic]) -> tuple[str, str]:
    """The hero's button: a newcomer starts with softmax, then the work in progress, then the next new one."""
    by_id = {s.id: s for s in summaries}
    first = by_id.get(FIRST_CHALLENGE)
    if first is not None and first.status == "new":
        return f"Start with {first.title}", f"/challenges/{first.id}"
    attempted = [s for s in summaries if s.status == "attempted"]
    if attempted:
        latest = max(attempted, key=lambda s: s.last_activity.timestamp() if s.last_activity else 0)
        return f"Continue {latest.title}", f"/challenges/{latest.id}"
    fresh = [s for s in summaries if s.status == "new"]
    if fresh:
        return f"Next: {fresh[0].title}", f"/challenges/{fresh[0].id}"
    return "Every challenge solved: review them", "/progress"


def home_page(*, db: Database, catalog: Catalog, token_hash: str) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    label, href = next_step(summaries)
    return {
        "next_label": label, "next_href": href,
        "lessons": progress.lesson_progress(catalog=catalog, summaries=summaries),
        "challenges": summaries,
        "solved": sum(s.status == "solved" for s in summaries),
        "attempted": sum(s.status == "attempted" for s in summaries),
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": load_labels().statuses,
    }


def challenges_page(*, db: Database, catalog: Catalog, token_hash: str, query: finding.Query) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    labels = load_labels()
    return {
        "challenges": finding.find(catalog, summaries, query), "total": len(summaries), "query": query,
        "difficulties": finding.difficulties(summaries), "sorts": finding.SORTS,
        "criteria": {name: labels.criterion(name) for name in CRITERIA},
        "lessons": [lesson for lesson in catalog.lessons() if catalog.in_lesson(lesson.number)],
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": labels.statuses, "criterion_labels": labels.criteria,
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
    items = attempts.list_practice_submits(db=db, token_hash=token_hash, challenge_id=challenge.id,
                                           limit=HISTORY_LIMIT)
    return {"challenge_id": challenge.id, "submissions": items, "verdict_labels": load_labels().verdicts}


def _own_submission(*, db: Database, token_hash: str, challenge: Challenge, attempt_id: int) -> store.Attempt:
    attempt = attempts.get_practice_attempt(db=db, token_hash=token_hash, attempt_id=attempt_id)
    if attempt.challenge_id != challenge.id:
        raise NotFoundError(f"No submission {attempt_id} of {challenge.id!r} in your profile.")
    return attempt


def submission_results(*, db: Database, token_hash: str, challenge: Challenge, attempt_id: int) -> ResultsView:
    """One past submission's report, rendered as the challenge page renders a fresh one."""
    attempt = _own_submission(db=db, token_hash=token_hash, challenge=challenge, attempt_id=attempt_id)
    return results_view(attempt.report or {}, attempt_id=attempt.id, challenge=challenge,
                        is_grading=attempt.status == store.GRADING)


def submissions_diff(*, db: Database, token_hash: str, challenge: Challenge, old_id: int, new_id: int
                     ) -> dict[str, Any]:
    """Two of your submissions' code, line by line."""
    old = _own_submission(db=db, token_hash=token_hash, challenge=challenge, attempt_id=old_id)
    new = _own_submission(db=db, token_hash=token_hash, challenge=challenge, attempt_id=new_id)
    return {"old": old, "new": new, "lines": diff_lines(old.code, new.code)}


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
        results = results_view(latest.report, attempt_id=latest.id, challenge=challenge,
                               is_grading=latest.status == store.GRADING)
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


def progress_page(*, db: Database, catalog: Catalog, token_hash: str, status: str | None = None,
                  lesson: int | None = None) -> dict[str, Any]:
    """The lessons' bars, and every challenge with its status, best rated score and last activity."""
    summary = progress.progress_summary(db=db, catalog=catalog, token_hash=token_hash)
    every = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    shown = [c for c in every if (not status or c.status == status) and (lesson is None or c.lesson == lesson)]
    shown.sort(key=lambda c: (c.last_activity is None, -(c.last_activity.timestamp() if c.last_activity else 0),
                              c.lesson, c.title))
    return {"summary": summary, "lessons": summary.lessons, "challenges": shown, "total": len(every),
            "status": status or "", "lesson_filter": lesson, "status_labels": load_labels().statuses,
            "lesson_numbers": sorted({c.lesson for c in every})}
