"""The kept-inputs cache: least recently used first out, under a byte and an entry cap."""

from __future__ import annotations

from sandbox.input_cache import InputCache


def test_least_recently_used_entries_go_first_when_over_the_byte_cap() -> None:
    evicted: list[str] = []
    cache: InputCache[str] = InputCache(max_bytes=100, max_entries=10, on_evict=evicted.append)
    assert cache.put("a", 40, "A")
    assert cache.put("b", 40, "B")
    assert cache.get("a") == "A"  # now "b" is the least recently used
    assert cache.put("c", 40, "C")
    assert evicted == ["B"]
    assert "a" in cache
    assert "c" in cache
    assert "b" not in cache
    assert cache.total_bytes == 80


def test_the_entry_cap_and_replacing_a_key() -> None:
    evicted: list[int] = []
    cache: InputCache[int] = InputCache(max_bytes=1000, max_entries=2, on_evict=evicted.append)
    cache.put("x", 1, 1)
    cache.put("x", 2, 2)  # same key: the old value is let go
    cache.put("y", 1, 3)
    cache.put("z", 1, 4)
    assert evicted == [1, 2]
    assert len(cache) == 2
    assert cache.values() == [3, 4]


def test_an_entry_over_the_cap_is_not_kept_and_nothing_is_evicted_for_it() -> None:
    evicted: list[str] = []
    cache: InputCache[str] = InputCache(max_bytes=100, on_evict=evicted.append)
    cache.put("small", 10, "S")
    assert not cache.put("huge", 101, "H")
    assert "huge" not in cache
    assert cache.get("small") == "S"
    assert evicted == []
    cache.clear()
    assert evicted == ["S"]
    assert len(cache) == 0
