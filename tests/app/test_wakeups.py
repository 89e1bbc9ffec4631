"""Wake-ups in one process, and what a message on the shared channel may carry."""

from __future__ import annotations

import threading
from pathlib import Path

import anyio
import pytest

from app import store
from app.database import Database
from app.wakeups import MAX_MESSAGE_BYTES, Wakeups, _topics_of


def test_a_change_between_reading_and_waiting_is_not_missed() -> None:
    async def scenario() -> bool:
        wakeups = Wakeups()
        with wakeups.watching("session:s1") as watch:
            # The write lands on another thread after the waiter began watching but before it waits.
            writer = threading.Thread(target=wakeups.notify, args=(["session:s1"],))
            writer.start()
            writer.join()
            await anyio.sleep(0)  # the loop runs the wake-up it was handed
            with anyio.fail_after(5):
                return await watch.wait(fast_poll_seconds=60)

    assert anyio.run(scenario) is True


def test_a_waiter_is_not_woken_by_another_topic() -> None:
    async def scenario() -> bool:
        wakeups = Wakeups()
        with wakeups.watching("session:s1") as watch:
            wakeups.notify(["session:s2", "attempt:7"])
            await anyio.sleep(0)
            return await watch.wait(fast_poll_seconds=0.05)

    assert anyio.run(scenario) is False


def test_topics_are_forgotten_when_nobody_waits() -> None:
    async def scenario() -> int:
        wakeups = Wakeups()
        for number in range(100):
            with wakeups.watching(f"attempt:{number}"):
                pass
        return len(wakeups._topics)

    assert anyio.run(scenario) == 0


def test_only_a_committed_write_wakes(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    database.migrate()
    told: list[set[str]] = []
    database.on_commit = lambda topics: told.append(set(topics))

    def rolled_back() -> None:
        with database.write() as conn:
            store.end_interview(conn, session_id="s1", reason="ended", ended_at=store.utcnow())
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        rolled_back()
    with database.write() as conn:
        store.end_interview(conn, session_id="s2", reason="ended", ended_at=store.utcnow())
    database.close()
    assert told == [{"session:s2"}]


def test_a_foreign_message_on_the_channel_wakes_nobody() -> None:
    assert _topics_of(b"not json") == []
    assert _topics_of(b'{"session:s1": 1}') == []
    assert _topics_of(b'[1, null, ["x"], "session:s1"]') == ["session:s1"]
    assert _topics_of(b'["' + b"x" * MAX_MESSAGE_BYTES + b'"]') == []
    assert _topics_of(b'["' + b"y" * 500 + b'"]') == []
    assert _topics_of(12) == []
