"""Interviewer accounts: sign-up, login and logout with server-side sessions, password change.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile). A login
is a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256, so a copy of
the database logs nobody in.
"""

from __future__ import annotations

import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, Field

from app import store
from app.database import Database
from app.errors import ConflictError, InvalidInputError, TooManyRequestsError, UnauthorizedError
from app.login_limit import LoginLimiter
from app.models import AccountPublic
from app.services.profiles import hash_token

COOKIE_NAME = "arraydojo_account"
MIN_PASSWORD_CHARS = 10
# Argon2 hashes whatever it is given: a cap keeps a megabyte "password" from costing real CPU.
MAX_PASSWORD_CHARS = 256
MAX_EMAIL_CHARS = 254
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_HASHER = PasswordHasher()
# Each Argon2 computation takes 64 MiB for ~50 ms: at most this many at once, so a burst of logins
# from many addresses queues instead of taking the server's memory.
_HASHING = threading.BoundedSemaphore(4)
# Verified when the email is unknown, so a login for a missing account costs the same as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))
_COMMON_PASSWORDS = frozenset({
    "password", "password1", "password12", "password123", "1234567890", "12345678910", "qwertyuiop",
    "qwerty1234", "iloveyou12", "letmein123", "welcome123", "administrator", "passw0rd123", "abc1234567",
    "0123456789", "1q2w3e4r5t", "trustno1234", "changeme123", "arraydojo123",
})


class AccountCreate(BaseModel):
    email: str = Field(max_length=1000, examples=["ada@example.com"])
    password: str = Field(max_length=10_000, description=f"At least {MIN_PASSWORD_CHARS} characters")
    display_name: str = Field(max_length=1000, examples=["Ada Lovelace"])


class LoginRequest(BaseModel):
    email: str = Field(max_length=1000, examples=["ada@example.com"])
    password: str = Field(max_length=10_000)


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=10_000)
    new_password: str = Field(max_length=10_000)


@dataclass(frozen=True)
class Login:
    account: store.Account
    token: str
    max_age_seconds: int


def check_text(*values: str) -> None:
    """JSON may carry lone surrogates ("\\ud800"), which no UTF-8 column or hash can take: refuse them."""
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInputError("The request has text that is not valid Unicode (a lone surrogate); "
                                    "send it as UTF-8 text.") from None


def normalize_email(raw: str) -> str:
    """Trimmed, NFKC, lower-cased: `Ada@Example.COM ` and `ada@example.com` are one account."""
    email = unicodedata.normalize("NFKC", raw).strip().lower()
    if not email:
        raise InvalidInputError("Enter your email address.")
    if len(email) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(email):
        raise InvalidInputError(f"{raw.strip()[:80]!r} is not an email address; it should look like name@example.com.")
    return email


def check_password(password: str, *, email: str) -> None:
    """A weak password is refused with what to do instead."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInputError(f"The password is too short: use at least {MIN_PASSWORD_CHARS} characters "
                                f"(this one has {len(password)}). A few unrelated words make a good one.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInputError(f"The password is too long: at most {MAX_PASSWORD_CHARS} characters.")
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS or len(set(password)) < 4:
        raise InvalidInputError("That password is too easy to guess: avoid common passwords and repeated "
                                "characters. A few unrelated words make a good one.")
    if lowered == email or lowered == email.split("@")[0]:
        raise InvalidInputError("The password must not be your email address.")


def _display_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFKC", raw).split())
    if not name:
        raise InvalidInputError("Enter a display name: it is how your sessions and reports name you.")
    if len(name) > 100:
        raise InvalidInputError(f"The display name is at most 100 characters; this one has {len(name)}.")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidInputError("The display name has control characters; use letters, digits and punctuation.")
    return name


def public(account: store.Account) -> AccountPublic:
    return AccountPublic(id=account.id, email=account.email, display_name=account.display_name,
                         created_at=account.created_at)


def start_login(*, db: Database, account: store.Account, session_days: float) -> Login:
    """A new login of the account: a fresh token, stored as its hash, with its expiry."""
    token = secrets.token_urlsafe(32)  # 256 bits
    max_age = int(session_days * 86400)
    now = store.utcnow()
    with db.write() as conn:
        store.delete_expired_account_sessions(conn, now=now)
        store.add_account_session(conn, account_id=account.id, token_hash=hash_token(token),
                                  expires_at=now + timedelta(seconds=max_age))
    return Login(account, token, max_age)


def create_account(*, db: Database, body: AccountCreate, session_days: float) -> Login:
    check_text(body.email, body.password, body.display_name)
    email = normalize_email(body.email)
    display_name = _display_name(body.display_name)
    check_password(body.password, email=email)
    password_hash = _hash(body.password)
    with db.write() as conn:
        account_id = store.create_account(conn, email=email, display_name=display_name, password_hash=password_hash)
        if account_id is None:
            raise ConflictError(f"An account with {email} already exists. Log in at /login instead.")
        account = store.get_account(conn, account_id=account_id)
    assert account is not None
    return start_login(db=db, account=account, session_days=session_days)


def _hash(password: str) -> str:
    with _HASHING:
        return _HASHER.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        with _HASHING:
            return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def log_in(*, db: Database, limiter: LoginLimiter, client: str, body: LoginRequest, session_days: float) -> Login:
    """A new login, or 401 saying only that the pair did not match (never which part was wrong)."""
    check_text(body.email, body.password)
    email = unicodedata.normalize("NFKC", body.email).strip().lower()[:MAX_EMAIL_CHARS]
    for limiter_of, key, what in ((limiter.clients, client, "from this address"),
                                  (limiter.accounts, email, "for this account")):
        wait = limiter_of.retry_after(key)
        if wait is not None:
            raise TooManyRequestsError(f"Too many login attempts {what}. Try again in {wait} seconds.",
                                       retry_after_seconds=wait)
    limiter.clients.hit(client)
    with db.read() as conn:
        account = store.find_account(conn, email=email)
    password = body.password[:MAX_PASSWORD_CHARS + 1]
    matches = _verify(account.password_hash if account else _DUMMY_HASH, password)
    if account is None or not matches:
        limiter.accounts.hit(email)
        raise UnauthorizedError("That email and password do not match an account. Check both, or sign up at /signup.")
    limiter.accounts.reset(email)
    if _HASHER.check_needs_rehash(account.password_hash):
        with db.write() as conn:
            store.set_password_hash(conn, account_id=account.id, password_hash=_hash(password), changed=False)
    return start_login(db=db, account=account, session_days=session_days)


def is_token(token: str | None) -> bool:
    return bool(token) and _TOKEN.fullmatch(token or "") is not None


def current_account(*, db: Database, token: str | None) -> store.Account | None:
    """The account this login cookie opens, or None (absent, malformed, expired or logged out)."""
    if not is_token(token):
        return None
    assert token is not None
    with db.read() as conn:
        return store.find_session_account(conn, token_hash=hash_token(token), now=store.utcnow())


def require_account(account: store.Account | None) -> store.Account:
    if account is None:
        raise UnauthorizedError("Log in first: this needs an interviewer account. Log in at /login, "
                                "or sign up at /signup.")
    return account


def log_out(*, db: Database, token: str | None) -> None:
    if is_token(token):
        assert token is not None
        with db.write() as conn:
            store.delete_account_session(conn, token_hash=hash_token(token))


def change_password(*, db: Database, limiter: LoginLimiter, account: store.Account, token: str | None,
                    body: PasswordChange) -> int:
    """Set a new password and end every other login of the account; returns how many were ended.

    A wrong current password counts as a failed login: a stolen cookie cannot guess the password here.
    """
    check_text(body.current_password, body.new_password)
    wait = limiter.accounts.retry_after(account.email)
    if wait is not None:
        raise TooManyRequestsError(f"Too many wrong passwords for this account. Try again in {wait} seconds.",
                                   retry_after_seconds=wait)
    if not _verify(account.password_hash, body.current_password[:MAX_PASSWORD_CHARS + 1]):
        limiter.accounts.hit(account.email)
        raise UnauthorizedError("The current password is wrong, so the password was not changed.")
    check_password(body.new_password, email=account.email)
    if body.new_password == body.current_password:
        raise InvalidInputError("The new password is the same as the current one; choose another.")
    with db.write() as conn:
        store.set_password_hash(conn, account_id=account.id, password_hash=_hash(body.new_password))
        return store.delete_other_account_sessions(conn, account_id=account.id,
                                                   keep_token_hash=hash_token(token) if token else None)
