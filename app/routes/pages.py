"""The server-rendered pages; the challenge page's fetches get fragments (`_name.html`) back."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.cases import Mode
from app.errors import PayloadTooLargeError
from app.parsing import RowId, RowIdQuery
from app.routes import progress_api
from app.routes._deps import Context, GradeTicket, TokenHash, in_thread
from app.routes.challenges_api import grade_practice
from app.services import challenges, finding, pages
from app.services.results import results_view

router = APIRouter(include_in_schema=False)


def render(request: Request, context: Context, name: str, values: dict[str, Any], status_code: int = 200
           ) -> HTMLResponse:
    return context.templates.TemplateResponse(request, name, values, status_code=status_code)


def wants_fragment(request: Request) -> bool:
    return bool(request.headers.get("x-fragment"))


@router.get("/")
def home(request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    values = pages.home_page(db=context.db, catalog=context.catalog, token_hash=token_hash)
    return render(request, context, "home.html", values)


@router.get("/challenges")
def challenge_list(request: Request, context: Context, token_hash: TokenHash, q: str = "", difficulty: str = "",
                   status: str = "", criterion: str = "", lesson: str = "", sort: str = "lesson") -> HTMLResponse:
    query = finding.Query(words=q[:200], difficulty=difficulty, status=status, criterion=criterion,
                          lesson=int(lesson) if lesson.isdigit() and len(lesson) < 4 else None, sort=sort)
    values = pages.challenges_page(db=context.db, catalog=context.catalog, token_hash=token_hash, query=query)
    return render(request, context, "challenges.html", values)


@router.get("/lessons/{number}")
def lesson(number: int, request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    values = pages.lesson_page(db=context.db, catalog=context.catalog, markdown=context.markdown,
                               token_hash=token_hash, number=number)
    return render(request, context, "lesson.html", values)


@router.get("/challenges/{challenge_id}")
def challenge(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    values = pages.challenge_page(db=context.db, catalog=context.catalog, grader=context.grader,
                                  markdown=context.markdown, token_hash=token_hash, challenge_id=challenge_id)
    return render(request, context, "challenge.html", values)


async def _grade_page(challenge_id: str, request: Request, context: Context, token_hash: str, mode: Mode,
                      ticket: str | None) -> HTMLResponse:
    graded = await grade_practice(request, context, token_hash=token_hash, challenge_id=challenge_id, mode=mode,
                                  ticket=ticket)
    if wants_fragment(request):
        challenge = context.catalog.get(graded.attempt.challenge_id)
        view = results_view(graded.attempt.report or {}, attempt_id=graded.attempt.id, challenge=challenge)
        response = render(request, context, "_results.html", {"r": view})
        response.headers["X-Verdict"] = graded.report.verdict
        response.headers["X-Attempt-Id"] = str(graded.attempt.id)
        return response
    values = await in_thread(pages.challenge_page, db=context.db, catalog=context.catalog, grader=context.grader,
                             markdown=context.markdown, token_hash=token_hash, challenge_id=challenge_id,
                             code=graded.attempt.code, result=graded)
    return render(request, context, "challenge.html", values)


@router.post("/challenges/{challenge_id}/run")
async def run(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
              ticket: GradeTicket) -> HTMLResponse:
    return await _grade_page(challenge_id, request, context, token_hash, "run", ticket)


@router.post("/challenges/{challenge_id}/submit")
async def submit(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
                 ticket: GradeTicket) -> HTMLResponse:
    return await _grade_page(challenge_id, request, context, token_hash, "submit", ticket)


@router.post("/challenges/{challenge_id}/hints")
def reveal_hint(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> Response:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    hints = challenges.reveal_hint(db=context.db, challenge=challenge, token_hash=token_hash)
    if not wants_fragment(request):
        return RedirectResponse(f"/challenges/{challenge.id}#hints", status_code=303)
    values = pages.hints_context(challenge=challenge, markdown=context.markdown, revealed=len(hints))
    return render(request, context, "_hints.html", values)


@router.post("/challenges/{challenge_id}/give-up")
def give_up(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> Response:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    challenges.give_up(db=context.db, challenge=challenge, token_hash=token_hash)
    if not wants_fragment(request):
        return RedirectResponse(f"/challenges/{challenge.id}#reference", status_code=303)
    return render(request, context, "_reference.html", pages.reference_context(challenge=challenge))


@router.get("/challenges/{challenge_id}/reference")
def reference(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    """The reference as a fragment, for the page after an accepted submit (403 before)."""
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    challenges.solution(db=context.db, challenge=challenge, token_hash=token_hash)
    return render(request, context, "_reference.html", pages.reference_context(challenge=challenge))


@router.get("/challenges/{challenge_id}/submissions")
def submissions(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    values = pages.submissions_context(db=context.db, token_hash=token_hash, challenge=challenge)
    return render(request, context, "_submissions.html", values)


@router.get("/challenges/{challenge_id}/submissions/{attempt_id}/results")
def submission_results(challenge_id: str, attempt_id: RowId, request: Request, context: Context,
                       token_hash: TokenHash) -> HTMLResponse:
    """A past submission's report as a fragment, rendered as the page renders a fresh one."""
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    view = pages.submission_results(db=context.db, token_hash=token_hash, challenge=challenge, attempt_id=attempt_id)
    return render(request, context, "_results.html", {"r": view})


@router.get("/challenges/{challenge_id}/diff")
def submissions_diff(challenge_id: str, old: RowIdQuery, new: RowIdQuery, request: Request, context: Context,
                     token_hash: TokenHash) -> HTMLResponse:
    """Two of your submissions' code, diffed line by line (a fragment)."""
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    values = pages.submissions_diff(db=context.db, token_hash=token_hash, challenge=challenge, old_id=old, new_id=new)
    return render(request, context, "_diff.html", values)


@router.get("/progress")
def progress_view(request: Request, context: Context, token_hash: TokenHash, status: str | None = None,
                  lesson: str | None = None) -> HTMLResponse:
    values = pages.progress_page(db=context.db, catalog=context.catalog, token_hash=token_hash, status=status,
                                 lesson=int(lesson) if lesson and lesson.isdigit() else None)
    return render(request, context, "progress.html", values)


@router.post("/progress/import")
async def import_form(file: UploadFile, request: Request, context: Context, token_hash: TokenHash) -> HTMLResponse:
    """The import form without JavaScript: a multipart upload of an exported file."""
    raw = await file.read(context.settings.max_import_bytes + 1)
    if len(raw) > context.settings.max_import_bytes:
        raise PayloadTooLargeError(f"The file is over {context.settings.max_import_bytes // (1024 * 1024)} MiB.")
    counts = await in_thread(progress_api.import_file, raw=raw, context=context, token_hash=token_hash)
    values = await in_thread(pages.progress_page, db=context.db, catalog=context.catalog, token_hash=token_hash)
    return render(request, context, "progress.html", values | {"imported": counts})


@router.get("/static/{name:path}")
def static(name: str, request: Request, context: Context) -> Response:
    return context.assets.response(request, name)
