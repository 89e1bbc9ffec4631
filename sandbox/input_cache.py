"""Inputs an executor keeps between jobs, so a big timing input crosses the pipe once per slot.

A submit times each size in several jobs per solution; a 128 MB input sent through the pipe
for each of them cost about 0.1 s of copying and page faults every time. Jobs that carry the
same `inputs_key` promise the same inputs: the executor keeps them (least recently used go
first, under a cap), and the slot's client keeps a mirror of what it sent, so it knows when it
may leave them out. The mirror can only be wrong by being stale (the executor restarted or
evicted first): the executor then answers that the inputs are missing and they are sent again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from sandbox.limits import MIB

CACHE_BYTES = 512 * MIB  # per executor: a few sizes of the largest challenge's inputs
CACHE_ENTRIES = 16

Value = TypeVar("Value")


class InputCache(Generic[Value]):
    """Entries by key, least recently used evicted first once over the byte or entry cap."""

    def __init__(self, *, max_bytes: int = CACHE_BYTES, max_entries: int = CACHE_ENTRIES,
                 on_evict: Callable[[Value], None] | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.on_evict = on_evict
        self._entries: OrderedDict[str, tuple[int, Value]] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def total_bytes(self) -> int:
        return sum(size for size, _ in self._entries.values())

    def get(self, key: str) -> Value | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: str, size: int, value: Value) -> bool:
        """Keep an entry (replacing one under the same key); False when it is too big to keep at all."""
        self.discard(key)
        if size > self.max_bytes:
            return False
        while self._entries and (len(self._entries) >= self.max_entries
                                 or self.total_bytes + size > self.max_bytes):
            _, (_, evicted) = self._entries.popitem(last=False)
            self._evicted(evicted)
        self._entries[key] = (size, value)
        return True

    def discard(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._evicted(entry[1])

    def clear(self) -> None:
        while self._entries:
            _, (_, evicted) = self._entries.popitem(last=False)
            self._evicted(evicted)

    def values(self) -> list[Value]:
        return [value for _, value in self._entries.values()]

    def _evicted(self, value: Value) -> None:
        if self.on_evict is not None:
            self.on_evict(value)
