"""Queue admission shared by every web host: depth, "queued, position N" and each client's fair share, in Redis.

With grading on worker hosts, no single web process sees the whole queue, so admission lives in
Redis and is decided by one Lua script (atomic on the server): a ticket is let in only while the
queue has room and its client holds less than its share. A web host that dies cannot leak its
tickets: each one carries a deadline that the host pushes forward while the grade is in flight,
and every admission first drops tickets whose deadline passed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import redis

PREFIX = "arraydojo:admission:"

# KEYS: queue (zset ticket -> order), owners (hash ticket -> client), counts (hash client -> tickets),
#       deadlines (zset ticket -> unix time), sequence (counter)
# ARGV: ticket, client, capacity, share, now, deadline
_ADMIT = """
local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ARGV[5])
for _, old in ipairs(expired) do
  local owner = redis.call('HGET', KEYS[2], old)
  if owner then
    if redis.call('HINCRBY', KEYS[3], owner, -1) <= 0 then redis.call('HDEL', KEYS[3], owner) end
    redis.call('HDEL', KEYS[2], old)
  end
  redis.call('ZREM', KEYS[1], old)
  redis.call('ZREM', KEYS[4], old)
end
local depth = redis.call('ZCARD', KEYS[1])
if depth >= tonumber(ARGV[3]) then return {-1, depth} end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if held >= tonumber(ARGV[4]) then return {-2, held} end
local order = redis.call('INCR', KEYS[5])
redis.call('ZADD', KEYS[1], order, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('ZADD', KEYS[4], ARGV[6], ARGV[1])
return {1, redis.call('ZRANK', KEYS[1], ARGV[1])}
"""

# KEYS as above (without sequence); ARGV: ticket
_RELEASE = """
local owner = redis.call('HGET', KEYS[2], ARGV[1])
if not owner then return 0 end
if redis.call('HINCRBY', KEYS[3], owner, -1) <= 0 then redis.call('HDEL', KEYS[3], owner) end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
"""


@dataclass(frozen=True)
class Admitted:
    """Let in: `position` 0 means a slot is free for it now; 1 is next in line."""

    ticket: str
    position: int


@dataclass(frozen=True)
class Refused:
    """Not let in, and why: the whole queue is full, or this client already holds its share."""

    reason: Literal["queue_full", "client_share"]
    depth: int  # tickets in the queue, or this client's tickets


@dataclass(frozen=True)
class QueueStatus:
    state: Literal["queued", "running", "unknown"]
    position: int
    depth: int  # tickets waiting for a slot


class SharedAdmission:
    """Admission over Redis: `capacity` tickets at once (running + waiting), `share` per client."""

    def __init__(self, client: redis.Redis, *, slots: int, capacity: int, share: int,
                 ticket_seconds: float = 120.0) -> None:
        if not 1 <= share <= capacity or slots < 1:
            raise ValueError(f"need 1 <= share <= capacity and slots >= 1 (share {share}, capacity {capacity})")
        self.redis = client
        self.slots = slots
        self.capacity = capacity
        self.share = share
        self.ticket_seconds = ticket_seconds
        self._admit = client.register_script(_ADMIT)
        self._release = client.register_script(_RELEASE)
        self._keys = [PREFIX + name for name in ("queue", "owners", "counts", "deadlines")]

    def admit(self, *, ticket: str, client: str) -> Admitted | Refused:
        now = time.time()
        code, value = self._admit(keys=[*self._keys, PREFIX + "sequence"],
                                  args=[ticket, client, self.capacity, self.share, now, now + self.ticket_seconds])
        if code == -1:
            return Refused("queue_full", int(value))
        if code == -2:
            return Refused("client_share", int(value))
        return Admitted(ticket, max(0, int(value) - self.slots + 1))

    def keep_alive(self, ticket: str) -> None:
        """Push the ticket's deadline forward while its grade is still in flight."""
        self.redis.zadd(self._keys[3], {ticket: time.time() + self.ticket_seconds}, xx=True)

    def release(self, ticket: str) -> bool:
        return bool(self._release(keys=self._keys, args=[ticket]))

    def status(self, ticket: str) -> QueueStatus:
        rank = self.redis.zrank(self._keys[0], ticket)
        waiting = max(0, int(self.redis.zcard(self._keys[0])) - self.slots)
        if rank is None:
            return QueueStatus("unknown", 0, waiting)
        if int(rank) < self.slots:  # type: ignore[arg-type]
            return QueueStatus("running", 0, waiting)
        return QueueStatus("queued", int(rank) - self.slots + 1, waiting)  # type: ignore[arg-type]
