"""Anonymous practice profiles: a random cookie token, stored only as its hash."""

from __future__ import annotations

import hashlib
import re
import secrets

COOKIE_NAME = "arraydojo_profile"
COOKIE_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600
_TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits: a profile is only as private as its token is unguessable


def is_valid_token(token: str | None) -> bool:
    return bool(token) and _TOKEN_PATTERN.fullmatch(token or "") is not None


def hash_token(token: str) -> str:
    """Only the hash is stored, so a copy of the database does not let anyone act as a profile."""
    return hashlib.sha256(token.encode()).hexdigest()
