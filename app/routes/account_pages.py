"""Account pages: sign up, log in, the account (password, log out), and the dashboard of sessions."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.routes._deps import Context, MaybeAccount
from app.services import dashboard

router = APIRouter(include_in_schema=False)
STATUSES = {"waiting": "Waiting", "running": "Running", "time_up": "Time is up", "ended": "Ended"}


def _to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _next_query(request: Request) -> str:
    next_path = _next_path(request)
    return f"?next={quote(next_path)}" if next_path != "/sessions" else ""


def _next_path(request: Request) -> str:
    next_path = request.query_params.get("next", "")
    return next_path if next_path.startswith("/") and not next_path.startswith(("//", "/\\")) else "/sessions"


@router.get("/signup")
def signup(request: Request, context: Context) -> HTMLResponse:
    return context.templates.TemplateResponse(request, "signup.html", {"next_query": _next_query(request)})


@router.get("/login")
def login(request: Request, context: Context, account: MaybeAccount) -> Response:
    if account is not None:  # already logged in: straight on
        return RedirectResponse(_next_path(request), status_code=303)
    return context.templates.TemplateResponse(request, "login.html", {"next_query": _next_query(request)})


@router.get("/account")
def account_page(request: Request, context: Context, account: MaybeAccount) -> Response:
    if account is None:
        return _to_login(request)
    return context.templates.TemplateResponse(request, "account.html", {"account": account})


@router.get("/sessions")
def sessions_page(request: Request, context: Context, account: MaybeAccount) -> Response:
    if account is None:
        return _to_login(request)
    rows = dashboard.list_sessions(db=context.db, catalog=context.catalog, account=account)
    return context.templates.TemplateResponse(request, "sessions.html", {
        "account": account, "rows": rows, "statuses": STATUSES})
