"""An attempt's parts as the grader stores them: the event stream a page follows while a submit grades.

The parts are read back from the attempt's row (not from the grading thread), so any web worker can
stream any attempt, and a reconnecting page gets the latest state at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any, Literal

import anyio.to_thread
from starlette.templating import Jinja2Templates

from app import store
from app.catalog import Catalog
from app.database import Database
from app.models import AttemptProgress
from app.services.challenges import get_session_challenge
from app.services.results import render_results, results_view
from app.wakeups import Wakeups

POLL_SECONDS = 0.02  # a SQLite read by primary key: cheap, and well inside the 200 ms verdict target
KEEPALIVE_SECONDS = 10.0
MAX_STREAM_SECONDS = 600.0  # past this the page reloads the attempt by itself
Part = Literal["tests", "rubric", "timing"]
# What a reader may see of a stored report (an interview's candidate sees a part of it); default: all.
Redact = Callable[[dict[str, Any]], dict[str, Any]]


def _whole(report: dict[str, Any]) -> dict[str, Any]:
    return report


def known_parts(report: dict[str, Any] | None) -> list[Part]:
    """Which parts a stored report has: the tests' verdict, then the rubric's ratings, then timing."""
    if not report:
        return []
    parts: list[Part] = ["tests"]
    if any((result or {}).get("rating", "n/a") != "n/a" for result in (report.get("rubric") or {}).values()):
        parts.append("rubric")
    if report.get("timing"):
        parts.append("timing")
    return parts


def progress_of(attempt: store.Attempt, *, catalog: Catalog, templates: Jinja2Templates, redact: Redact = _whole
                ) -> AttemptProgress:
    """The attempt as it stands, with the results panel rendered exactly as the page renders it."""
    status: Any = attempt.status
    report = redact(attempt.report) if attempt.report is not None else None
    html = ""
    if report is not None:
        challenge = get_session_challenge(catalog=catalog, challenge_id=attempt.challenge_id)  # a session's too
        view = results_view(report, attempt_id=attempt.id, challenge=challenge,
                            automatic=attempt.is_automatic, is_grading=attempt.status == store.GRADING)
        html = render_results(templates, view)
    return AttemptProgress(attempt_id=attempt.id, status=status, verdict=(report or {}).get("verdict"),
                           parts=known_parts(report), report=report, html=html)


def _event(kind: str, data: str) -> str:
    return f"event: {kind}\ndata: {data}\n\n"


def _read(db: Database, attempt_id: int) -> store.Attempt | None:
    with db.read() as conn:
        return store.get_attempt(conn, attempt_id=attempt_id)


async def stream_attempt(*, db: Database, catalog: Catalog, templates: Jinja2Templates, wakeups: Wakeups,
                         attempt_id: int, redact: Redact = _whole) -> AsyncIterator[str]:
    """`part` whenever the report as this reader sees it changes, then `done`; `gone` if it was dropped (busy).

    Woken when any host stores a part of this attempt; read again at least every POLL_SECONDS (or the
    slower safety poll while wake-ups come through Redis).
    """
    last: tuple[str, str] | None = None
    started = last_sent = time.monotonic()
    with wakeups.watching(store.attempt_topic(attempt_id)) as watch:
        while time.monotonic() - started < MAX_STREAM_SECONDS:
            attempt = await anyio.to_thread.run_sync(_read, db, attempt_id)
            if attempt is None:
                yield _event("gone", json.dumps({"message": "Every sandbox slot was busy, so this submit was not "
                                                 "graded; it is sent again."}))
                return
            # Compared as the reader sees it: a part they may not see (the rubric's advice) sends them nothing new.
            key = (attempt.status, json.dumps(redact(attempt.report) if attempt.report is not None else None,
                                              sort_keys=True))
            if key != last:
                last = key
                progress = await anyio.to_thread.run_sync(
                    partial(progress_of, attempt, catalog=catalog, templates=templates, redact=redact))
                yield _event("part", progress.model_dump_json())
                last_sent = time.monotonic()
            if attempt.status != store.GRADING:
                yield _event("done", json.dumps({"attempt_id": attempt.id, "status": attempt.status}))
                return
            if time.monotonic() - last_sent > KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
                last_sent = time.monotonic()
            await watch.wait(fast_poll_seconds=POLL_SECONDS)
