"""Resource limits of one sandbox job: defaults, and hard ceilings no caller can exceed."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one job may use. Every field has a ceiling in CEILINGS; `clamped()` enforces it.

    memory_bytes is an allowance on top of the executor's own address space, because the
    child inherits the executor's mappings (Python, NumPy, OpenBLAS) when it is forked.
    """

    cpu_seconds: float = 2.0
    wall_seconds: float = 5.0
    memory_bytes: int = 256 * MIB
    processes: int = 8
    file_size_bytes: int = 1 * MIB
    tmpfs_bytes: int = 16 * MIB
    output_kept_bytes: int = 64 * 1024
    output_kill_bytes: int = 1 * MIB
    open_files: int = 64
    result_bytes: int = 64 * MIB

    def clamped(self) -> Limits:
        """A copy with every field brought within its ceiling (and at least its floor)."""
        values: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            low, high = FLOORS[field.name], CEILINGS[field.name]
            values[field.name] = type(value)(min(max(value, low), high))
        return replace(self, **values)

    def with_overrides(self, **overrides: float | int | None) -> Limits:
        """Apply a challenge's overrides (None means keep the default), then clamp."""
        given: dict[str, Any] = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **given).clamped()

    def as_dict(self) -> dict[str, float | int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


CEILINGS: dict[str, float] = {
    "cpu_seconds": 20.0,
    "wall_seconds": 40.0,
    "memory_bytes": 2048 * MIB,
    "processes": 16,
    "file_size_bytes": 16 * MIB,
    "tmpfs_bytes": 64 * MIB,
    "output_kept_bytes": 256 * 1024,
    "output_kill_bytes": 4 * MIB,
    "open_files": 256,
    "result_bytes": 256 * MIB,
}
FLOORS: dict[str, float] = {
    "cpu_seconds": 0.1,
    "wall_seconds": 0.2,
    "memory_bytes": 16 * MIB,
    "processes": 1,
    "file_size_bytes": 0,
    "tmpfs_bytes": 1 * MIB,
    "output_kept_bytes": 0,
    "output_kill_bytes": 1024,
    "open_files": 16,
    "result_bytes": 1024,
}
