"""Login attempts: a sliding-window limiter per client and per account.

In memory here, in one server process: with several workers each keeps its own counts. With a
broker, app/shared_limits.py holds the same windows in Redis, so N hosts do not give N times the
budget; it has the same three methods (`WindowLimiter`), so callers do not change.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

# A bound on how many keys are remembered, so a flood of distinct keys cannot grow memory without end.
MAX_KEYS = 100_000


class SlidingWindowLimiter:
    """At most `limit` hits per key within any `window_seconds`."""

    def __init__(self, *, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int | None:
        """Seconds until the key may try again, or None when it may now (nothing is counted)."""
        with self._lock:
            hits = self._recent(key, self._clock())
            if len(hits) < self.limit:
                return None
            return max(1, math.ceil(hits[0] + self.window_seconds - self._clock()))

    def hit(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            hits = self._recent(key, now)
            if not hits and len(self._hits) >= MAX_KEYS:
                self._forget_idle(now)
            hits.append(now)
            self._hits[key] = hits

    def key_count(self) -> int:
        with self._lock:
            return len(self._hits)

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key, deque())
        while hits and hits[0] <= now - self.window_seconds:
            hits.popleft()
        if not hits:
            self._hits.pop(key, None)
        return hits

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window_seconds]:
            del self._hits[key]
        while len(self._hits) >= MAX_KEYS:  # all busy: drop the oldest keys rather than grow
            del self._hits[next(iter(self._hits))]


class WindowLimiter(Protocol):
    """What the login code needs of a limiter, in memory or in Redis."""

    def retry_after(self, key: str) -> int | None: ...

    def hit(self, key: str) -> None: ...

    def reset(self, key: str) -> None: ...


class LoginLimiter:
    """Login attempts per client address and failed logins per account (by normalised email)."""

    def __init__(self, *, per_client: int, per_account: int, window_seconds: float,
                 clock: Callable[[], float] = time.monotonic,
                 make_window: Callable[[str, int, float], WindowLimiter] | None = None) -> None:
        """`make_window(name, limit, window_seconds)`: where the counts live (default: this process)."""
        def in_memory(_name: str, limit: int, seconds: float) -> WindowLimiter:
            return SlidingWindowLimiter(limit=limit, window_seconds=seconds, clock=clock)

        make = make_window or in_memory
        self.clients: WindowLimiter = make("login-clients", per_client, window_seconds)
        self.accounts: WindowLimiter = make("login-accounts", per_account, window_seconds)
