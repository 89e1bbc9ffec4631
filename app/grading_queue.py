"""Admission in front of the sandbox: grades run in worker threads, in order, and a full queue is a 503."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

import anyio
import anyio.to_thread

from app.errors import BusyError, TooManyRequestsError

T = TypeVar("T")
log = logging.getLogger("arraydojo.queue")


@dataclass(frozen=True)
class TicketStatus:
    state: Literal["queued", "running", "unknown"]
    position: int  # 0 while running; 1 = next to get a slot
    depth: int  # grades waiting for a slot


class BackgroundStart:
    """`start`: run a grade in the background through the queue's own `run`, for both kinds of queue."""

    _background: set[asyncio.Task[None]]

    async def run(self, work: Callable[[], T], *, ticket: str | None = None, client: str = "") -> T:
        raise NotImplementedError

    def start(self, work: Callable[[], object], *, ticket: str | None, on_refused: Callable[[], None],
              client: str = "") -> None:
        """Run `work` in the background (the caller answers at once); `on_refused` if it never got in.

        The task is kept until it ends, so it is not collected mid-grade; a grade that dies is logged.
        """
        async def background() -> None:
            try:
                await self.run(work, ticket=ticket, client=client)
            except (BusyError, TooManyRequestsError):
                await anyio.to_thread.run_sync(on_refused)
            except Exception:
                log.exception("a background grade failed")

        task = asyncio.get_running_loop().create_task(background())
        self._background.add(task)
        task.add_done_callback(self._background.discard)


class GradingQueue(BackgroundStart):
    """Lets at most `slots + queue_size` grades in at once, each in its own worker thread.

    Grading blocks on a sandbox job, so it must never run on the event loop. It gets its own
    thread limiter: page loads and database calls keep the default pool even when every
    grading thread is waiting for a slot. A grade that is let in always finds room in the
    sandbox's queue, because there are never more grades in flight than slots + queue size.
    Positions are counted on the event loop's thread only, so they need no lock.
    """

    def __init__(self, *, slots: int, queue_size: int, share: int | None = None) -> None:
        self.slots = slots
        self.capacity = slots + queue_size
        # How many grades one client (an address) may have in flight: one client cannot fill the queue.
        self.share = min(share or self.capacity, self.capacity)
        self._per_client: dict[str, int] = {}
        self._limiter = anyio.CapacityLimiter(self.capacity)
        self._tickets: dict[str, float] = {}  # in admission order, which is the sandbox's order
        self._finished: deque[float] = deque(maxlen=256)  # monotonic times of recent completions
        self._background: set[asyncio.Task[None]] = set()

    @property
    def in_flight(self) -> int:
        return len(self._tickets)

    @property
    def waiting(self) -> int:
        return max(0, self.in_flight - self.slots)

    def status(self, ticket: str) -> TicketStatus:
        if ticket not in self._tickets:
            return TicketStatus("unknown", 0, self.waiting)
        index = list(self._tickets).index(ticket)
        if index < self.slots:
            return TicketStatus("running", 0, self.waiting)
        return TicketStatus("queued", index - self.slots + 1, self.waiting)

    def retry_after_seconds(self) -> int:
        """How long the queue in front of a newcomer takes to drain, at the recent completion rate."""
        now = time.monotonic()
        recent = [t for t in self._finished if now - t <= 30]
        per_second = len(recent) / max(1.0, now - recent[0]) if len(recent) >= 4 else float(self.slots)
        return max(1, min(60, math.ceil((self.waiting + 1) / per_second)))

    def refuse_if_full(self, client: str = "") -> None:
        """BusyError when no grade can be let in now (before storing an attempt that would wait for nothing);
        TooManyRequestsError when this client (an address) already holds its share of the places."""
        if self.in_flight >= self.capacity:
            raise BusyError(
                f"Every sandbox slot is busy and {self.waiting} submissions are waiting; "
                f"retry in {self.retry_after_seconds()} s (the page retries by itself).",
                retry_after_seconds=self.retry_after_seconds(), queue_depth=self.waiting,
            )
        if client and self._per_client.get(client, 0) >= self.share:
            raise TooManyRequestsError(
                f"You already have {self.share} runs or submits waiting or grading; wait for one to finish "
                "(every client gets a fair share of the queue).", retry_after_seconds=self.retry_after_seconds())

    async def run(self, work: Callable[[], T], *, ticket: str | None = None, client: str = "") -> T:
        """Run `work` (which grades and stores) in a grading thread, or raise BusyError at once.

        `client` (who asks: an address) holds at most `share` of the places; past that, a 429.
        """
        self.refuse_if_full(client)
        if not ticket or ticket in self._tickets:
            ticket = uuid.uuid4().hex
        self._tickets[ticket] = time.monotonic()
        if client:
            self._per_client[client] = self._per_client.get(client, 0) + 1
        try:
            # Not abandoned on cancel: a client that hangs up still gets its submission stored.
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            del self._tickets[ticket]
            if client:
                left = self._per_client.pop(client) - 1
                if left:
                    self._per_client[client] = left
            self._finished.append(time.monotonic())
