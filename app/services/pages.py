"""What each page shows, as plain template contexts built from the other services."""

from __future__ import annotations

from typing import Any

from app import store
from app.catalog import Catalog, Challenge
from app.charts import timing_chart, timing_sentences
from app.content import MarkdownRenderer
from app.database import Database
from app.errors import NotFoundError
from app.grading.grader import Grader
from app.grading.report import LABELS
from app.services import challenges, grading, progress

CRITERIA_INFO = {  # criterion -> (label, weight in the course)
    "vectorization": ("Vectorization", "high"),
    "numerical_stability": ("Numerical stability", "high"),
    "axis_awareness": ("Axis awareness", "medium"),
    "broadcasting": ("Broadcasting", "medium"),
    "memory_efficiency": ("Memory efficiency", "low-medium"),
}
# The words live in app/grading/labels.toml, one table for every screen.
RATING_LABELS = dict(LABELS.ratings)
VERDICT_LABELS = {verdict: words["label"] for verdict, words in LABELS.verdicts.items()}
VERDICT_EXPLANATIONS = {verdict: words["explanation"] for verdict, words in LABELS.verdicts.items()}
STATUS_LABELS = {"solved": "Solved", "attempted": "Attempted", "new": "New"}


def results_context(report: dict[str, Any], *, submission_id: int | None) -> dict[str, Any]:
    """Everything the results panel shows for one stored report."""
    verdict = report.get("verdict", "internal_error")
    mode = report.get("mode", "submit")
    tests = report.get("tests") or []
    explanation = VERDICT_EXPLANATIONS.get(verdict, "")
    if verdict == "accepted" and mode == "run":
        explanation = "Every example passed. Submit to run the hidden tests, the rubric and the timing."
    rubric_rows = []
    for name, result in (report.get("rubric") or {}).items():
        label, weight = CRITERIA_INFO.get(name, (name.replace("_", " ").capitalize(), ""))
        rating = result.get("rating", "n/a")
        rubric_rows.append({"name": name, "label": label, "weight": weight, "rating": rating,
                            "rating_label": RATING_LABELS.get(rating, rating), "feedback": result.get("feedback", []),
                            "provisional": bool(result.get("provisional"))})
    assessed = any(row["rating"] != "n/a" for row in rubric_rows)
    timing = report.get("timing")
    return {
        "report": report,
        "mode": mode,
        "submission_id": submission_id,
        "verdict": verdict,
        "verdict_label": VERDICT_LABELS.get(verdict, verdict),
        "explanation": explanation,
        "visible_tests": [t for t in tests if t.get("visible")],
        "hidden_tests": [t for t in tests if not t.get("visible")],
        "passed": sum(bool(t.get("passed")) for t in tests),
        "total": len(tests),
        "rubric": rubric_rows if assessed else [],
        "score": report.get("score"),
        "chart": timing_chart(timing if isinstance(timing, dict) else None),
        "timing_words": timing_sentences(timing if isinstance(timing, dict) else None),
        "timing_notes": [str(n) for n in timing.get("notes", [])] if isinstance(timing, dict) else [],
    }


def home_page(*, db: Database, catalog: Catalog, token_hash: str) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    return {
        "lessons": progress.lesson_progress(catalog=catalog, summaries=summaries),
        "challenges": summaries,
        "solved": sum(s.status == "solved" for s in summaries),
        "attempted": sum(s.status == "attempted" for s in summaries),
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": STATUS_LABELS,
    }


def challenges_page(*, db: Database, catalog: Catalog, token_hash: str, difficulty: str | None, status: str | None
                    ) -> dict[str, Any]:
    summaries = challenges.list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    shown = [s for s in summaries
             if (not difficulty or s.difficulty == difficulty) and (not status or s.status == status)]
    return {
        "challenges": shown, "total": len(summaries), "difficulty": difficulty or "", "status": status or "",
        "lesson_titles": {lesson.number: lesson.title for lesson in catalog.lessons()},
        "status_labels": STATUS_LABELS,
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
        "status_labels": STATUS_LABELS,
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
    items = grading.list_submissions(db=db, token_hash=token_hash, challenge_id=challenge.id)
    return {"challenge_id": challenge.id, "submissions": items, "verdict_labels": VERDICT_LABELS}


def challenge_page(*, db: Database, catalog: Catalog, grader: Grader, markdown: MarkdownRenderer, token_hash: str,
                   challenge_id: str, code: str | None = None, result: grading.GradeOutcome | None = None
                   ) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=catalog, challenge_id=challenge_id)
    draft = progress.get_draft(db=db, token_hash=token_hash, challenge_id=challenge.id)
    state, solved = challenges.get_state(db=db, token_hash=token_hash, challenge_id=challenge.id)
    latest: store.Submission | None = None
    if result is None:
        with db.read() as conn:
            profile_id = store.find_profile(conn, token_hash=token_hash)
            recent = store.list_submissions(conn, profile_id=profile_id, challenge_id=challenge.id, limit=1) \
                if profile_id is not None else []
        latest = recent[0] if recent else None
    results = None
    if result is not None:
        results = results_context(result.report.public_dict(), submission_id=result.submission_id)
    elif latest is not None and latest.report is not None:
        results = results_context(latest.report, submission_id=latest.id)
    lesson = catalog.lesson(challenge.config.lesson)
    unlocked = solved or state.gave_up_at is not None or (result is not None and result.report.mode == "submit"
                                                          and result.report.verdict == "accepted")
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
    return {"summary": summary, "lessons": summary["lessons"]}

