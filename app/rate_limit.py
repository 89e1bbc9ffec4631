"""Per-client rate limits: token buckets keyed by client address (and more), 429 with Retry-After.

A bucket holds up to `burst` tokens and refills at `refill_per_second`; each request takes one.
The buckets live in a `BucketStore`: in memory (one process), or with a broker in Redis
(app/shared_limits.py, a Lua script doing the same arithmetic), so every web host shares them.
Routes opt in with one line: `dependencies=[rate_limited("session_create")]`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import anyio.to_thread
from fastapi import Depends, Request

from app.config import Settings
from app.errors import TooManyRequestsError
from app.services.accounts import COOKIE_NAME as LOGIN_COOKIE


@dataclass(frozen=True)
class Rate:
    """`burst` requests at once, then `refill_per_second` on average."""

    burst: int
    refill_per_second: float


class BucketStore(Protocol):
    def take(self, key: str, rate: Rate, now: float) -> float:
        """Take one token from `key`'s bucket: 0.0 when taken, else the seconds until one is there."""
        ...


class MemoryBucketStore:
    """Buckets in a dict, safe across threads; past `max_keys` the least recently used are dropped.

    Dropping a bucket forgets its debt, so the bound is generous: it only stops a flood of
    addresses (an IPv6 /64) from growing memory without end.
    """

    def __init__(self, *, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str, rate: Rate, now: float) -> float:
        with self._lock:
            tokens, stamp = self._buckets.pop(key, (float(rate.burst), now))
            tokens = min(float(rate.burst), tokens + max(0.0, now - stamp) * rate.refill_per_second)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / rate.refill_per_second
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait


def client_address(request: Request) -> str:
    """The client's IPv4 address, or its IPv6 /64: one subscriber holds a whole /64 of addresses."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def client_and_session(request: Request) -> str:
    """One candidate's snapshots: a whole office behind one address still gets a bucket per session."""
    return f"{client_address(request)} {request.path_params.get('session_id', '')}"


def login_or_client(request: Request) -> str:
    """One interviewer's login (each has a bucket of its own behind a shared address), else the address."""
    token = request.cookies.get(LOGIN_COOKIE, "")
    return "login " + hashlib.sha256(token.encode()).hexdigest() if token else client_address(request)


@dataclass(frozen=True)
class RateLimit:
    rate: Rate
    key: Callable[[Request], str]
    message: str  # what was too frequent and how often it is allowed


class RateLimiter:
    """Named limits, each over a store of its own; `check` raises TooManyRequestsError (429) with Retry-After.

    Separate stores, so that flooding one limit's keys (made-up session ids) can never evict
    another limit's buckets and hand back its allowance.
    """

    def __init__(self, limits: Mapping[str, RateLimit], store_factory: Callable[[str], BucketStore],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = dict(limits)
        self.stores = {name: store_factory(name) for name in self.limits}
        self.clock = clock

    def check(self, name: str, request: Request) -> None:
        limit = self.limits[name]
        wait_seconds = self.stores[name].take(limit.key(request), limit.rate, self.clock())
        if wait_seconds > 0:
            retry_after = max(1, math.ceil(wait_seconds))
            raise TooManyRequestsError(f"{limit.message} Try again in {retry_after} s.",
                                       retry_after_seconds=retry_after)


def build_rate_limiter(settings: Settings,
                       store_factory: Callable[[str], BucketStore] = lambda name: MemoryBucketStore()
                       ) -> RateLimiter:
    snapshots = settings.snapshots_per_minute
    return RateLimiter({
        "session_create": RateLimit(
            Rate(settings.session_creates_burst, 1 / settings.session_create_seconds), client_address,
            f"Too many sessions created from your address: {settings.session_creates_burst} at once, then "
            f"one every {settings.session_create_seconds:g} s."),
        # Each save of a question runs its generator and reference in sandbox jobs.
        "question_save": RateLimit(
            Rate(settings.question_saves_burst, 1 / settings.question_save_seconds), client_address,
            f"Too many question saves from your address: {settings.question_saves_burst} at once, then one every "
            f"{settings.question_save_seconds:g} s (each runs your reference and generator in the sandbox)."),
        # The page sends one per pause in typing, about 3 a second at most.
        "snapshot": RateLimit(
            Rate(max(1, snapshots // 6), snapshots / 60), client_and_session,
            f"Too many snapshots: at most {snapshots} a minute. The page sends one per pause in typing; "
            "wait a moment."),
        # The question editor asks for a preview per pause in typing (debounced: about 1 a second). The
        # worst 20,000-character Markdown (unclosed brackets) takes ~0.2 s to render: 1 a second per login.
        "markdown_preview": RateLimit(
            Rate(20, 1.0), login_or_client,
            "Too many Markdown previews: at most 1 a second. The editor sends one per pause in typing; "
            "wait a moment."),
        # Sign-ups per address, like logins: each one hashes a password (Argon2id) and stores an account.
        "signup": RateLimit(
            Rate(settings.signups_burst, 1 / settings.signup_seconds), client_address,
            f"Too many accounts created from your address: {settings.signups_burst} at once, then one every "
            f"{settings.signup_seconds:g} s."),
        # A candidate's page reports a large paste or the page away and back: a few a minute in real use.
        "integrity": RateLimit(
            Rate(settings.integrity_reports_burst, settings.integrity_reports_per_minute / 60), client_and_session,
            f"Too many activity reports: at most {settings.integrity_reports_per_minute} a minute."),
    }, store_factory)


def rate_limited(name: str) -> Any:
    """A route dependency applying the app's limit `name` (the limiter is built by create_app)."""

    async def check(request: Request) -> None:
        limiter: RateLimiter = request.app.state.rate_limiter
        # Off the event loop: with a broker the buckets are in Redis, and a slow Redis holds up this request only.
        await anyio.to_thread.run_sync(limiter.check, name, request)

    return Depends(check)
