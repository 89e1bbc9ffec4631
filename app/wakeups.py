"""Wake-ups: a live stream or long poll waiting on the database learns at once that what it reads changed.

The database stays the record; a wake-up only says "read topic X again" (`session:<id>`,
`attempt:<id>`, `collab:<id>`), so a missed one costs a poll interval, never an event, and
`Last-Event-ID` resumes as before. The store names the topics a write touches; the database hands
them here after the commit. In one process (`Wakeups`) an asyncio event per topic does it; with a
broker (`RedisWakeups`), Redis pub/sub carries the topics to every web host. Waiters keep a poll as
the safety net: fast while wake-ups may miss writes (in-process mode with several processes, or the
Redis channel down), slow while the shared channel is live.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import anyio
import redis

log = logging.getLogger("arraydojo.wakeups")

CHANNEL = "arraydojo:wakeups"
# A message is a JSON list of topics; anything bigger or stranger than ours is ignored (only extra reads at worst).
MAX_MESSAGE_BYTES = 64 * 1024
MAX_TOPIC_CHARS = 200
RECONNECT_SECONDS = 0.5


@dataclass
class _Topic:
    watchers: int = 0
    version: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class Watch:
    """One waiter's view of a topic: `wait` returns at the next change after the last one it saw."""

    def __init__(self, wakeups: Wakeups, topic: str, state: _Topic) -> None:
        self._wakeups = wakeups
        self._state = state
        self._seen = state.version
        self.topic = topic

    async def wait(self, *, fast_poll_seconds: float) -> bool:
        """Until the topic changes or the poll interval passes; True when a wake-up came."""
        if self._state.version == self._seen:
            with anyio.move_on_after(self._wakeups.poll_seconds(fast_poll_seconds)):
                await self._state.changed.wait()
        woken = self._state.version != self._seen
        self._seen = self._state.version
        return woken


class Wakeups:
    """In-process wake-ups. `notify` may be called from any thread; waiting happens on the event loop."""

    def __init__(self, *, safety_poll_seconds: float = 2.0) -> None:
        self.safety_poll_seconds = safety_poll_seconds
        self._topics: dict[str, _Topic] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def is_shared(self) -> bool:
        """Whether a write on any process or host wakes the waiters here (then the slow poll is enough)."""
        return False

    def poll_seconds(self, fast_poll_seconds: float) -> float:
        return max(fast_poll_seconds, self.safety_poll_seconds) if self.is_shared else fast_poll_seconds

    @contextmanager
    def watching(self, topic: str) -> Iterator[Watch]:
        """Count changes to `topic` from now on (enter before reading the database, so none is missed)."""
        self._loop = asyncio.get_running_loop()
        state = self._topics.setdefault(topic, _Topic())
        state.watchers += 1
        try:
            yield Watch(self, topic, state)
        finally:
            state.watchers -= 1
            if not state.watchers:
                self._topics.pop(topic, None)

    def notify(self, topics: Iterable[str]) -> None:
        """The writes touching `topics` are committed: wake their waiters (here, and on every host if shared)."""
        wanted = [topic for topic in topics if topic]
        if wanted:
            self._wake_here(wanted)

    def start(self) -> None:
        """Nothing to start in one process."""

    def close(self) -> None:
        """Nothing to stop in one process."""

    def _wake_here(self, topics: Iterable[str]) -> None:
        loop = self._loop
        if loop is None:
            return  # nobody has waited yet, so nobody to wake
        with suppress(RuntimeError):  # the loop closed: the server is stopping
            loop.call_soon_threadsafe(self._bump, list(topics))

    def _bump(self, topics: list[str]) -> None:
        for topic in topics:
            state = self._topics.get(topic)
            if state is None:
                continue
            state.version += 1
            state.changed.set()
            state.changed = asyncio.Event()

    def wake_all(self) -> None:
        """Every waiter here reads again now (the server is stopping, or wake-ups may have been lost)."""
        self._bump_all()

    def _bump_all(self) -> None:
        loop = self._loop
        if loop is not None:
            with suppress(RuntimeError):
                loop.call_soon_threadsafe(lambda: self._bump(list(self._topics)))


class RedisWakeups(Wakeups):
    """Wake-ups shared by every web host through one Redis pub/sub channel.

    Two threads: one publishes what this host commits (so no request ever waits on Redis), one
    listens and wakes the waiters here. While the channel is down, waiters poll at the fast rate;
    when it is back, every waiter reads again, since messages sent meanwhile were lost.
    """

    def __init__(self, client: redis.Redis, *, safety_poll_seconds: float) -> None:
        super().__init__(safety_poll_seconds=safety_poll_seconds)
        self._client = client
        self._outbox: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._live = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def is_shared(self) -> bool:
        return self._live.is_set()

    def notify(self, topics: Iterable[str]) -> None:
        wanted = [topic for topic in topics if topic]
        if wanted:
            self._wake_here(wanted)
            self._outbox.put(wanted)

    def start(self) -> None:
        for target, name in ((self._listen, "wakeups-listen"), (self._publish, "wakeups-publish")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def close(self) -> None:
        self._stopping.set()
        self._outbox.put(None)
        for thread in self._threads:
            thread.join(timeout=5)
        self._client.close()

    def _publish(self) -> None:
        while not self._stopping.is_set():
            topics = self._outbox.get()
            if topics is None:
                return
            while not self._outbox.empty() and len(topics) < 500:  # a burst of commits goes as one message
                more = self._outbox.get()
                if more is None:
                    return
                topics.extend(more)
            try:
                self._client.publish(CHANNEL, json.dumps(sorted(set(topics))))
            except (redis.RedisError, OSError) as exc:
                # Lost: the other hosts' waiters find the change at their next poll (the fast one, as their
                # listener sees the same outage).
                log.debug("wake-up not published: %s", exc)

    def _listen(self) -> None:
        while not self._stopping.is_set():
            try:
                with self._client.pubsub(ignore_subscribe_messages=True) as pubsub:  # type: ignore[no-untyped-call]
                    pubsub.subscribe(CHANNEL)
                    self._live.set()
                    self._bump_all()  # anything published while we were not listening was lost
                    while not self._stopping.is_set():
                        message = pubsub.get_message(timeout=1.0)
                        if message is not None and message.get("type") == "message":
                            self._wake_here(_topics_of(message.get("data")))
            except (redis.RedisError, OSError) as exc:
                if self._live.is_set():
                    log.warning("wake-ups through Redis lost (%s); live views poll the database until it is back",
                                exc)
                    self._live.clear()
                    self._bump_all()  # waiters sleeping out the slow poll switch to the fast one now
                self._stopping.wait(RECONNECT_SECONDS)
        self._live.clear()


def _topics_of(data: object) -> list[str]:
    """The topics of one channel message; nothing for anything that is not ours."""
    if not isinstance(data, bytes | str) or len(data) > MAX_MESSAGE_BYTES:
        return []
    try:
        topics = json.loads(data)
    except ValueError:
        return []
    if not isinstance(topics, list):
        return []
    return [topic for topic in topics if isinstance(topic, str) and 0 < len(topic) <= MAX_TOPIC_CHARS]
