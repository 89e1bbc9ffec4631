"""Account pages: sign up, log in, the account (password, log out), and the dashboard of sessions."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.routes._deps import Context, MaybeAccount, client_address, login_token, set_login_cookie
from app.services import accounts, dashboard, oidc

router = APIRouter(include_in_schema=False)


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
    return context.templates.TemplateResponse(request, "login.html", {
        "next_query": _next_query(request),
        "oidc_name": context.settings.oidc_name if context.settings.is_oidc_configured else None})


def _callback_url(request: Request) -> str:
    return str(request.url_for("oidc_callback"))


@router.get("/login/oidc")
def oidc_login(request: Request, context: Context) -> Response:
    """Off to the provider, with the flow's state, nonce and PKCE verifier in a short-lived cookie."""
    url, flow = oidc.begin(settings=context.settings, redirect_uri=_callback_url(request))
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(oidc.COOKIE_NAME, flow.cookie(), max_age=oidc.FLOW_SECONDS, path=oidc.COOKIE_PATH,
                        httponly=True, samesite="lax", secure=context.settings.secure_cookies)
    return response


@router.get("/login/oidc/callback", name="oidc_callback")
def oidc_callback(request: Request, context: Context, state: str | None = None, code: str | None = None,
                  error: str | None = None) -> Response:
    login = oidc.finish(db=context.db, settings=context.settings, limiter=context.login_limiter,
                        client=client_address(request),
                        session_days=context.settings.account_session_days, redirect_uri=_callback_url(request),
                        cookie=request.cookies.get(oidc.COOKIE_NAME), state=state, code=code, error=error)
    accounts.log_out(db=context.db, token=login_token(request))  # the login this cookie replaces, if any
    response = RedirectResponse("/sessions", status_code=303)
    set_login_cookie(response, login, secure=context.settings.secure_cookies)
    response.delete_cookie(oidc.COOKIE_NAME, path=oidc.COOKIE_PATH, httponly=True, samesite="lax",
                           secure=context.settings.secure_cookies)
    return response


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
    return context.templates.TemplateResponse(request, "sessions.html", {"account": account, "rows": rows})
