"""Rate limits and login limits held in Redis, so N web hosts share one budget instead of giving N of them.

Used when a broker is set (`ARRAYDOJO_BROKER_URL`). Each decision is one Lua script, atomic in
Redis, timed by Redis's own clock (the hosts' monotonic clocks are not comparable). Keys are
SHA-256 digests: no email address or client address is written to Redis. If Redis cannot be
reached, a decision falls back to this process's in-memory limiter (the per-host budget of a
single host), so an outage of the broker never locks every user out of logging in.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import time
from typing import Any

import redis

from app.login_limit import SlidingWindowLimiter
from app.rate_limit import MemoryBucketStore, Rate

log = logging.getLogger("arraydojo.shared_limits")

PREFIX = "arraydojo:limit"

# Take one token from a bucket: returns "0" when taken, else the seconds until one is there.
_TAKE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(state[1]) or burst
local stamp = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - stamp) * refill)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / refill end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
-- A bucket left alone this long is full again: forgetting it changes nothing.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / refill * 1000) + 1000)
return tostring(wait)
"""

# A sliding window: 'hit' records one attempt; 'check' returns "" when under the limit, else the
# seconds until the oldest attempt leaves the window.
_WINDOW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if ARGV[1] == 'hit' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  -- Only the newest `limit` attempts decide anything: a flood cannot grow the set.
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(limit + 1))
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
  return ''
end
if redis.call('ZCARD', KEYS[1]) < limit then return '' end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + window - now)
"""


def _digest(name: str, key: str) -> str:
    return f"{PREFIX}:{name}:{hashlib.sha256(key.encode()).hexdigest()}"


class _Fallback:
    """Says once that Redis failed and the local limiter decides, and once that Redis is back."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.is_down = False

    def failed(self, exc: Exception) -> None:
        if not self.is_down:
            log.warning("%s: Redis unreachable (%s); this host's own limit applies until it is back", self.what, exc)
        self.is_down = True

    def worked(self) -> None:
        if self.is_down:
            log.warning("%s: Redis is back; the shared limit applies again", self.what)
        self.is_down = False


class RedisBucketStore:
    """Token buckets in Redis with the same arithmetic as MemoryBucketStore (a `BucketStore`)."""

    def __init__(self, client: redis.Redis, *, name: str) -> None:
        self.name = name
        self._script: Any = client.register_script(_TAKE)
        self._local = MemoryBucketStore()
        self._fallback = _Fallback(f"rate limit {name!r}")

    def take(self, key: str, rate: Rate, now: float) -> float:
        try:
            wait = float(self._script(keys=[_digest(self.name, key)], args=[rate.burst, repr(rate.refill_per_second)]))
        except (redis.RedisError, OSError, ValueError) as exc:
            self._fallback.failed(exc)
            return self._local.take(key, rate, now)
        self._fallback.worked()
        return max(0.0, wait)


class RedisWindowLimiter:
    """At most `limit` hits per key within any `window_seconds`, counted in Redis across every host."""

    def __init__(self, client: redis.Redis, *, name: str, limit: int, window_seconds: float) -> None:
        self.name = name
        self.limit = limit
        self.window_seconds = window_seconds
        self._script: Any = client.register_script(_WINDOW)
        self._local = SlidingWindowLimiter(limit=limit, window_seconds=window_seconds, clock=time.monotonic)
        self._fallback = _Fallback(f"login limit {name!r}")
        self._client = client

    def _run(self, operation: str, key: str) -> str:
        answer = self._script(keys=[_digest(self.name, key)],
                              args=[operation, self.limit, repr(self.window_seconds), secrets.token_hex(8)])
        return answer.decode() if isinstance(answer, bytes) else str(answer)

    def retry_after(self, key: str) -> int | None:
        """Seconds until the key may try again, or None when it may now (nothing is counted)."""
        try:
            answer = self._run("check", key)
        except (redis.RedisError, OSError) as exc:
            self._fallback.failed(exc)
            return self._local.retry_after(key)
        self._fallback.worked()
        return max(1, math.ceil(float(answer))) if answer else None

    def hit(self, key: str) -> None:
        self._local.hit(key)  # kept too, so a Redis outage starts from what this host saw
        try:
            self._run("hit", key)
        except (redis.RedisError, OSError) as exc:
            self._fallback.failed(exc)
            return
        self._fallback.worked()

    def reset(self, key: str) -> None:
        self._local.reset(key)
        try:
            self._client.delete(_digest(self.name, key))
        except (redis.RedisError, OSError) as exc:
            self._fallback.failed(exc)
