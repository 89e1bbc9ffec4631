"""JSON API of interviewer accounts: sign-up, login, logout, password change, and the account's sessions."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.models import AccountPublic, CandidateLinkIssued, DashboardSessionPublic, LoggedOut, PasswordChanged
from app.rate_limit import rate_limited
from app.routes._deps import Context, LoggedIn, client_address, login_token, set_login_cookie
from app.services import accounts, dashboard

router = APIRouter(prefix="/api", tags=["accounts"])


@router.post("/accounts", status_code=201, response_model=AccountPublic,
             summary="Sign up as an interviewer (409 if the email is taken, 429 when rate-limited); logs this "
                     "browser in", dependencies=[rate_limited("signup")])
def create_account(body: accounts.AccountCreate, request: Request, response: Response, context: Context
                   ) -> AccountPublic:
    login = accounts.create_account(db=context.db, body=body, session_days=context.settings.account_session_days)
    accounts.log_out(db=context.db, token=login_token(request))  # the login this cookie replaces, if any
    set_login_cookie(response, login, secure=context.settings.secure_cookies)
    return accounts.public(login.account)


@router.post("/login", response_model=AccountPublic,
             summary="Log in: sets the session cookie (401 on a wrong pair, 429 when rate-limited)")
def log_in(body: accounts.LoginRequest, request: Request, response: Response, context: Context) -> AccountPublic:
    login = accounts.log_in(db=context.db, limiter=context.login_limiter, client=client_address(request), body=body,
                            session_days=context.settings.account_session_days)
    accounts.log_out(db=context.db, token=login_token(request))  # the login this cookie replaces, if any
    set_login_cookie(response, login, secure=context.settings.secure_cookies)
    return accounts.public(login.account)


@router.post("/logout", response_model=LoggedOut, summary="Log out: ends this login on the server")
def log_out(request: Request, response: Response, context: Context) -> LoggedOut:
    accounts.log_out(db=context.db, token=login_token(request))
    response.delete_cookie(accounts.COOKIE_NAME, path="/", httponly=True, samesite="lax",
                           secure=context.settings.secure_cookies)
    return LoggedOut(logged_out=True)


@router.get("/me", response_model=AccountPublic, summary="The logged-in account (401 if none)")
def me(account: LoggedIn) -> AccountPublic:
    return accounts.public(account)


@router.put("/me/password", response_model=PasswordChanged,
            summary="Change the password; every other login of the account ends")
def change_password(body: accounts.PasswordChange, account: LoggedIn, request: Request, context: Context
                    ) -> PasswordChanged:
    ended = accounts.change_password(db=context.db, limiter=context.login_limiter, account=account,
                                     token=login_token(request), body=body)
    return PasswordChanged(changed=True, other_sessions_ended=ended)


@router.get("/me/sessions", response_model=list[DashboardSessionPublic],
            summary="Every interview session this account created, newest first")
def my_sessions(account: LoggedIn, context: Context) -> list[DashboardSessionPublic]:
    return dashboard.list_sessions(db=context.db, catalog=context.catalog, account=account)


@router.post("/me/sessions/{session_id}/candidate-link", response_model=CandidateLinkIssued,
             summary="Re-issue the candidate's link: a new token; the old link stops working")
def reissue_candidate_link(session_id: str, account: LoggedIn, request: Request, context: Context
                           ) -> CandidateLinkIssued:
    return dashboard.reissue_candidate_link(db=context.db, account=account, session_id=session_id,
                                            base_url=str(request.base_url).rstrip("/"))
