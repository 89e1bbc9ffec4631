"""Anonymous practice profiles: a server-signed cookie token, stored only as its hash.

Only tokens this server issued are accepted: a token is a random part and an HMAC of it under a
key the servers share (kept in the database, or ARRAYDOJO_SECRET_KEY), so a page on another port
of the same host cannot plant a token of its choosing ("cookie tossing") and have it taken as a
profile. A well-formed but unsigned token starts a fresh profile and its cookie is replaced.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

# Behind HTTPS the cookie is `__Host-` prefixed: the browser then takes it only from a secure page of
# this exact host (no Domain, Path=/), which shuts out other ports and subdomains.
COOKIE_NAME = "arraydojo_profile"
SECURE_COOKIE_NAME = "__Host-arraydojo_profile"
COOKIE_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600
_SIGNED = re.compile(r"([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{22})")
# Tokens issued before they were signed (random, 256 bits): kept only when their profile exists.
_LEGACY = re.compile(r"[A-Za-z0-9_-]{32,64}")


def cookie_name(*, secure: bool) -> str:
    return SECURE_COOKIE_NAME if secure else COOKIE_NAME


@dataclass(frozen=True)
class TokenSigner:
    """Issues profile tokens and recognises the ones it issued (constant-time MAC check)."""

    key: bytes

    def _mac(self, body: str) -> str:
        digest = hmac.new(self.key, b"arraydojo-profile:" + body.encode(), hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def issue(self) -> str:
        body = secrets.token_urlsafe(24)  # 192 random bits, then the MAC
        return f"{body}.{self._mac(body)}"

    def is_issued(self, token: str | None) -> bool:
        match = _SIGNED.fullmatch(token or "")
        return match is not None and hmac.compare_digest(match[2], self._mac(match[1]))


def is_legacy_token(token: str | None) -> bool:
    return bool(token) and _LEGACY.fullmatch(token or "") is not None


def hash_token(token: str) -> str:
    """Only the hash is stored, so a copy of the database does not let anyone act as a profile."""
    return hashlib.sha256(token.encode()).hexdigest()
