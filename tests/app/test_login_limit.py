"""The in-memory login limiter, on a clock the test moves."""

from __future__ import annotations

import pytest

from app import login_limit
from app.login_limit import SlidingWindowLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_is_refused_after_its_limit_until_the_window_slides() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=3, window_seconds=60, clock=clock)
    for _ in range(3):
        assert limiter.retry_after("a") is None
        limiter.hit("a")
        clock.now += 10
    assert limiter.retry_after("a") == 30  # the first hit leaves the window 60 s after it
    assert limiter.retry_after("b") is None  # other keys are counted apart
    clock.now += 30
    assert limiter.retry_after("a") is None


def test_reset_forgets_a_key() -> None:
    limiter = SlidingWindowLimiter(limit=1, window_seconds=60, clock=Clock())
    limiter.hit("a")
    assert limiter.retry_after("a") is not None
    limiter.reset("a")
    assert limiter.retry_after("a") is None


def test_a_flood_of_distinct_keys_cannot_grow_memory_without_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(login_limit, "MAX_KEYS", 100)
    limiter = SlidingWindowLimiter(limit=5, window_seconds=60, clock=Clock())
    for i in range(1000):
        limiter.hit(f"key-{i}")
    assert limiter.key_count() <= 100
