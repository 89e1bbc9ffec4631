"""A cgroup per job: one accounting unit for memory (no swap), processes and CPU time across all its processes.

rlimits count per process: eight children of 160 MiB each, or three children burning CPU,
each stayed under its own limit while the job used many times its share. A cgroup counts
the job as a whole. The executor (trusted, root) makes one per job before the job exists,
the job's main process joins it first thing (before any submitted code runs, so every
process the job ever starts is inside), the executor polls its CPU time and kills the whole
group past the limit, and removes it after the job. The kernel enforces memory and process
counts itself. cgroup v2 is used where the host has it for a controller, v1 where only that
(a host may mix them: each controller lives in exactly one hierarchy).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import time
from dataclasses import dataclass
from typing import Literal

CONTROLLERS = ("memory", "pids", "cpu")
_V1_NAMES = {"memory": "memory", "pids": "pids", "cpu": "cpuacct"}  # v1's CPU accounting is cpuacct
PREFIX = "arraydojo-"
Version = Literal[1, 2]


class CgroupUnavailableError(OSError):
    """No cgroup can be made here for one of the controllers (none mounted, or no permission)."""


@dataclass(frozen=True)
class _Place:
    """Where one controller's job groups are made: under this process's own group, in its hierarchy."""

    version: Version
    parent: str


class CgroupHost:
    """The controllers this host offers, found once per executor; makes and sweeps job groups."""

    def __init__(self, places: dict[str, _Place], owner: str) -> None:
        self.places = places
        self.owner = owner  # names start PREFIX + owner + "-": the slot's uid, held by one executor at a time
        self.serial = 0

    @classmethod
    def find(cls, owner: str) -> CgroupHost:
        """Work out every controller's place and prove a group can be made there (or raise)."""
        places = {name: _find_place(name) for name in CONTROLLERS}
        host = cls(places, owner)
        host.sweep()
        probe = host.create(memory_bytes=64 * 1024 * 1024, processes=1)
        probe.remove()
        return host

    def create(self, *, memory_bytes: int, processes: int) -> JobCgroup:
        """A fresh group with the job's memory (swap off) and process limits."""
        self.serial += 1
        name = f"{PREFIX}{self.owner}-{self.serial}"
        group = JobCgroup({controller: (place.version, os.path.join(place.parent, name))
                           for controller, place in self.places.items()})
        try:
            group.make(memory_bytes=memory_bytes, processes=processes)
        except OSError:
            group.remove()
            raise
        return group

    def sweep(self) -> int:
        """Remove groups a previous executor of this slot left behind (it crashed, or was killed)."""
        removed = 0
        parents = {place.parent for place in self.places.values()}
        parents |= {os.path.dirname(p.parent.rstrip("/")) for p in self.places.values() if p.version == 2}
        for parent in parents:
            with contextlib.suppress(OSError):
                for entry in os.listdir(parent):
                    if entry.startswith(f"{PREFIX}{self.owner}-"):
                        path = os.path.join(parent, entry)
                        _kill_all(path)
                        with contextlib.suppress(OSError):
                            os.rmdir(path)
                            removed += 1
        return removed


class JobCgroup:
    """One job's group in each hierarchy: limits, the join, the figures, the kill and the removal.

    The figures read 0 when a file cannot be read (the group removed under us): the rlimits
    stay in force, and the executor must not fall over mid-job.
    """

    def __init__(self, paths: dict[str, tuple[Version, str]]) -> None:
        self.paths = paths
        self.directories = sorted({path for _, path in paths.values()})
        versions = sorted({version for version, _ in paths.values()})
        self.label = "cgroup v" + "+v".join(str(v) for v in versions)

    def make(self, *, memory_bytes: int, processes: int) -> None:
        for path in self.directories:
            os.mkdir(path, 0o755)
        version, memory = self.paths["memory"]
        if version == 1:
            _write(memory, "memory.limit_in_bytes", memory_bytes)
            _write_if_present(memory, "memory.memsw.limit_in_bytes", memory_bytes)  # memory + swap: no swap
            _write_if_present(memory, "memory.swappiness", 0)
        else:
            _write(memory, "memory.max", memory_bytes)
            _write_if_present(memory, "memory.swap.max", 0)
        _write(self.paths["pids"][1], "pids.max", processes)

    def open_join(self) -> list[int]:
        """Descriptors on each group's cgroup.procs: writing "0" to them moves the writer in.

        Opened by the job leader before it leaves the host's file tree; the job's main process
        writes them first thing (while still root) and closes them.
        """
        return [os.open(os.path.join(path, "cgroup.procs"), os.O_WRONLY | os.O_CLOEXEC) for path in self.directories]

    @staticmethod
    def join(fds: list[int]) -> None:
        for fd in fds:
            os.write(fd, b"0")
            os.close(fd)

    def cpu_seconds(self) -> float:
        version, path = self.paths["cpu"]
        if version == 1:
            with contextlib.suppress(FileNotFoundError):
                return _read_int(path, "cpuacct.usage") / 1e9
            return 0.0
        return _read_keyed(path, "cpu.stat").get("usage_usec", 0) / 1e6

    def peak_memory_bytes(self) -> int:
        version, path = self.paths["memory"]
        try:
            return _read_int(path, "memory.max_usage_in_bytes" if version == 1 else "memory.peak")
        except FileNotFoundError:  # v2 before Linux 5.19 (or the group is gone): the current figure, or 0
            with contextlib.suppress(FileNotFoundError):
                return _read_int(path, "memory.current")
            return 0

    def oom_kills(self) -> int:
        """How many of the job's processes the kernel killed for the memory limit."""
        version, path = self.paths["memory"]
        keyed = _read_keyed(path, "memory.oom_control" if version == 1 else "memory.events")
        return keyed.get("oom_kill", 0)

    def kill(self) -> None:
        """SIGKILL every process in the group (cgroup.kill where v2 has it)."""
        for version, path in self.paths.values():
            if version == 2:
                with contextlib.suppress(OSError):
                    _write(path, "cgroup.kill", 1)
        for path in self.directories:
            _kill_all(path, once=True)

    def remove(self, *, timeout_seconds: float = 2.0) -> bool:
        """Kill what is left and remove every directory; False if something would not go."""
        deadline = time.monotonic() + timeout_seconds
        removed = True
        for path in self.directories:
            while True:
                _kill_all(path, once=True)
                try:
                    os.rmdir(path)
                    break
                except FileNotFoundError:
                    break
                except OSError as exc:
                    if exc.errno != errno.EBUSY or time.monotonic() > deadline:
                        removed = False
                        break
                    time.sleep(0.001)  # killed processes leave the group as they finish dying
        return removed


def sweep(owner: str) -> int:
    """Remove the groups a crashed executor of `owner` left, wherever this host has a hierarchy."""
    places: dict[str, _Place] = {}
    for name in CONTROLLERS:
        with contextlib.suppress(OSError):
            places[name] = _find_place(name, enable=False)
    return CgroupHost(places, owner).sweep()


def _find_place(controller: str, *, enable: bool = True) -> _Place:
    """The controller's hierarchy (v1 mount where it has one, else the v2 mount) and our group in it."""
    v1_name = _V1_NAMES[controller]
    own = _own_groups()
    unified: str | None = None
    for mount_root, mount_point, fstype, options in _cgroup_mounts():
        if fstype == "cgroup" and v1_name in options.split(","):
            return _Place(1, _inside(mount_point, mount_root, own.get(v1_name, "/")))
        if fstype == "cgroup2":
            unified = _inside(mount_point, mount_root, own.get("", "/"))
    if unified is None:
        raise CgroupUnavailableError(errno.ENOENT, f"no cgroup hierarchy has the {controller} controller")
    if not enable or controller == "cpu":  # cpu.stat's usage is in every v2 group; memory and pids must be enabled
        return _Place(2, unified)
    try:
        _enable_v2(unified, controller)
        return _Place(2, unified)
    except CgroupUnavailableError:
        # v2 enables controllers only in a group without processes of its own: with the server in
        # a leaf of a delegated subtree, job groups go beside it, under the subtree's root.
        parent = os.path.dirname(unified.rstrip("/"))
        _enable_v2(parent, controller)
        return _Place(2, parent)


def _enable_v2(parent: str, controller: str) -> None:
    try:
        with open(os.path.join(parent, "cgroup.controllers")) as available:
            if controller not in available.read().split():
                raise CgroupUnavailableError(errno.ENOENT, f"cgroup v2 has no {controller} controller here")
        with open(os.path.join(parent, "cgroup.subtree_control")) as enabled:
            if controller in enabled.read().split():
                return
        _write(parent, "cgroup.subtree_control", f"+{controller}")
    except CgroupUnavailableError:
        raise
    except OSError as exc:  # e.g. EBUSY: the parent has processes of its own (delegate a subtree)
        raise CgroupUnavailableError(exc.errno, f"cannot enable {controller} in {parent}: {exc.strerror}") from exc


def _own_groups() -> dict[str, str]:
    """This process's group per v1 controller name ("" for v2), from /proc/self/cgroup."""
    groups: dict[str, str] = {}
    with open("/proc/self/cgroup") as lines:
        for line in lines:
            _, names, path = line.rstrip("\n").split(":", 2)
            for name in names.split(",") if names else [""]:
                groups[name] = path
    return groups


def _cgroup_mounts() -> list[tuple[str, str, str, str]]:
    """(root in the hierarchy, mount point, fstype, super options) of every cgroup mount."""
    mounts = []
    with open("/proc/self/mountinfo") as lines:
        for line in lines:
            fields = line.split()
            separator = fields.index("-")
            fstype = fields[separator + 1]
            if fstype in ("cgroup", "cgroup2"):
                mounts.append((fields[3], fields[4], fstype, fields[separator + 3]))
    return mounts


def _inside(mount_point: str, mount_root: str, group: str) -> str:
    """Our group's directory under a mount whose root may itself be a group (a container's view)."""
    relative = group[len(mount_root):] if mount_root != "/" and group.startswith(mount_root) else group
    path = os.path.join(mount_point, relative.lstrip("/"))
    if not os.path.isdir(path):
        raise CgroupUnavailableError(errno.ENOENT, f"our cgroup {group} is not visible under {mount_point}")
    return path


def _kill_all(path: str, *, once: bool = False) -> None:
    """SIGKILL every pid listed in the group (they may be in other pid namespaces; these are ours)."""
    for _ in range(1 if once else 100):
        try:
            with open(os.path.join(path, "cgroup.procs")) as procs:
                pids = [int(line) for line in procs if line.strip()]
        except OSError:
            return
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if not once:
            time.sleep(0.001)


def _write(path: str, name: str, value: int | str) -> None:
    fd = os.open(os.path.join(path, name), os.O_WRONLY)
    try:
        os.write(fd, str(value).encode())
    finally:
        os.close(fd)


def _write_if_present(path: str, name: str, value: int) -> None:
    if os.path.exists(os.path.join(path, name)):
        _write(path, name, value)


def _read_int(path: str, name: str) -> int:
    try:
        with open(os.path.join(path, name)) as file:
            return int(file.read().split()[0])
    except FileNotFoundError:
        raise  # a file this kernel does not have (memory.peak before 5.19): the caller knows what else to read
    except (OSError, ValueError, IndexError):
        return 0


def _read_keyed(path: str, name: str) -> dict[str, int]:
    values: dict[str, int] = {}
    with contextlib.suppress(OSError), open(os.path.join(path, name)) as file:
        for line in file:
            key, _, value = line.partition(" ")
            with contextlib.suppress(ValueError):
                values[key] = int(value)
    return values
