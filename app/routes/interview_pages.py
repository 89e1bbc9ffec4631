"""Mock-interview pages: the create form, the candidate's and interviewer's rooms, and the report.

The rooms and the report are shells: the token is in the link's fragment, which the browser never
sends, so the page's script reads it and calls the API with it as a Bearer token.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.errors import InvalidInputError, UnauthorizedError
from app.parsing import MAX_LESSON_NUMBER, RowId, parse_int
from app.public_url import public_url
from app.rate_limit import rate_limited
from app.routes._deps import Context, MaybeAccount, SessionAccess, decode_utf8, in_thread, read_body
from app.services import integrity, interviews
from app.services.challenges import challenge_title, get_session_challenge
from app.services.results import results_view

router = APIRouter(include_in_schema=False)


def _render(request: Request, context: Context, name: str, values: dict[str, Any], status_code: int = 200
            ) -> HTMLResponse:
    return context.templates.TemplateResponse(request, name, values, status_code=status_code)


def _form_context(context: Context) -> dict[str, Any]:
    lessons = [{"number": lesson.number, "title": lesson.title,
                "challenges": context.catalog.in_lesson(lesson.number)} for lesson in context.catalog.lessons()]
    return {"lessons": [lesson for lesson in lessons if lesson["challenges"]],
            "min_minutes": context.settings.session_min_seconds / 60,
            "max_minutes": context.settings.session_max_seconds / 60}


@router.get("/sessions/new")
def new_session(request: Request, context: Context, account: MaybeAccount) -> HTMLResponse:
    return _render(request, context, "session_new.html", _form_context(context) | {
        "form": {}, "error": None, "account": account, "require_accounts": context.settings.require_accounts})


def _form_body(form: dict[str, list[str]]) -> dict[str, Any]:
    """The create form's fields as the API's JSON body."""
    def one(name: str, default: str = "") -> str:
        return (form.get(name) or [default])[0].strip()

    body: dict[str, Any] = {
        "duration_minutes": one("duration_minutes", "45") or "45",
        "candidate_name": one("candidate_name") or None,
        "hints_allowed": one("hints_allowed") == "on",
        "candidate_may_start": one("candidate_may_start") == "on",
        "candidate_sees": one("candidate_sees", "tests") or "tests",
    }
    if one("pick", "list") == "random":
        first, last = one("lesson_from", "2") or "2", one("lesson_to") or one("lesson_from", "2") or "2"
        low, high = sorted(parse_int(n, low=1, high=MAX_LESSON_NUMBER, what="lesson") for n in (first, last))
        body["random"] = {"count": one("count", "2") or "2", "lessons": list(range(low, high + 1)),
                          "difficulty": one("difficulty") or None}
    else:
        body["challenges"] = form.get("challenges") or []
        if not body["challenges"]:
            raise InvalidInputError("Pick at least one challenge, or choose a random draw.")
    return body


@router.post("/sessions/new", dependencies=[rate_limited("session_create")])
async def create_from_form(request: Request, context: Context, account: MaybeAccount) -> Response:
    form = parse_qs(decode_utf8(await read_body(request, max_bytes=64 * 1024)), keep_blank_values=True)
    values = _form_context(context) | {"form": {k: v if k == "challenges" else v[0] for k, v in form.items()},
                                       "account": account, "require_accounts": context.settings.require_accounts}
    try:
        body = interviews.SessionCreate.model_validate(_form_body(form))
        created = await in_thread(interviews.create_session, db=context.db, catalog=context.catalog,
                                  settings=context.settings, body=body, owner_id=account.id if account else None)
    except ValidationError as exc:
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'form'}: {e['msg']}" for e in exc.errors())
        return _render(request, context, "session_new.html", values | {"error": message}, status_code=422)
    except (InvalidInputError, UnauthorizedError) as exc:
        return _render(request, context, "session_new.html", values | {"error": exc.message}, status_code=exc.status)
    # Post-redirect-get: reloading the page it lands on never creates a second session. The tokens
    # ride in the fragment, which the browser keeps across the redirect and never sends to a server.
    return RedirectResponse(f"/sessions/{created.session.id}/ready#c={created.candidate_token}"
                            f"&i={created.interviewer_token}", status_code=303)


@router.get("/sessions/{session_id}/ready")
def session_ready(session_id: str, request: Request, context: Context, account: MaybeAccount) -> HTMLResponse:
    """The "session is ready" page: the links come from the fragment; an owner also sees their ways back in."""
    session = interviews.find_session(db=context.db, session_id=session_id)
    titles = [challenge_title(catalog=context.catalog, challenge_id=c) for c in session.challenges]
    is_owner = account is not None and session.owner_id == account.id
    return _render(request, context, "session_created.html", {
        "session": session, "titles": titles, "is_owner": is_owner,
        "base": public_url(request, f"/sessions/{session.id}")})


@router.get("/sessions/{session_id}/candidate")
def candidate_room(session_id: str, request: Request, context: Context) -> HTMLResponse:
    return _render(request, context, "session_candidate.html", {
        "session_id": session_id, "large_paste_chars": integrity.LARGE_PASTE_CHARS,
        "large_paste_lines": integrity.LARGE_PASTE_LINES})


@router.get("/sessions/{session_id}/interviewer")
def interviewer_room(session_id: str, request: Request, context: Context) -> HTMLResponse:
    return _render(request, context, "session_interviewer.html", {"session_id": session_id})


@router.get("/sessions/{session_id}/report")
def report_page(session_id: str, request: Request, context: Context) -> HTMLResponse:
    return _render(request, context, "session_report.html", {"session_id": session_id})


@router.get("/sessions/{session_id}/attempts/{attempt_id}/results")
def attempt_results(attempt_id: RowId, request: Request, context: Context, access: SessionAccess) -> HTMLResponse:
    """A run's or submit's results as the practice page's fragment (Bearer token, like the API)."""
    attempt = interviews.get_attempt(db=context.db, access=access, attempt_id=attempt_id)
    # The candidate's token gets the part of the report the session shows them (never the fix advice).
    view = results_view(interviews.report_for(access, attempt.report or {}), attempt_id=attempt.id,
                        automatic=attempt.is_automatic,
                        challenge=get_session_challenge(catalog=context.catalog, challenge_id=attempt.challenge_id))
    return _render(request, context, "_results.html", {"r": view})
