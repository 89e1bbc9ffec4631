"""Kernel isolation layers for a job: namespaces, a minimal root, rlimits, uid drop and seccomp.

Everything here runs in the forked job processes, never in the web server. The order is
the one that works: namespaces and mounts need root, so they come first; the uid drop
and the seccomp filter (which forbids mount and unshare) come last.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import signal
import socket
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)

CLONE_THREAD = 0x00010000
CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
JOB_NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
_MS_NOATIME = 1024
_MS_NODIRATIME = 2048
_MS_RELATIME = 1 << 21
_STATVFS_TO_MOUNT = ((os.ST_NOEXEC, MS_NOEXEC), (os.ST_NOATIME, _MS_NOATIME), (os.ST_NODIRATIME, _MS_NODIRATIME),
                     (os.ST_RELATIME, _MS_RELATIME))

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
PR_SET_THP_DISABLE = 41
SECCOMP_MODE_FILTER = 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(platform.machine())


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def prctl(option: int, value: int) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(
        _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def pivot_root(new_root: str, put_old: str) -> None:
    if _SYS_PIVOT_ROOT is None:
        raise OSError(errno.ENOSYS, "pivot_root: unknown architecture")
    _check(_libc.syscall(_SYS_PIVOT_ROOT, new_root.encode(), put_old.encode()), "pivot_root")


def enter_user_namespace(flags: int) -> None:
    """Without root: a new user namespace, in which we hold the capabilities the other namespaces
    and the mounts need, created together with them (so it owns them).

    Only our own uid and gid are mapped (all an unprivileged process may map): the job keeps
    the server's uid, and sheds every capability before it runs (drop_capabilities).
    """
    uid, gid = os.geteuid(), os.getegid()
    unshare(CLONE_NEWUSER | flags)
    for name, line in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as mapping:
            mapping.write(line)


def drop_capabilities() -> None:
    """Give up every capability (held in the job's own user namespace), for good: no_new_privs."""
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: all empty, both words
    _check(_libc.capset(header, data), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    prctl(PR_SET_DUMPABLE, 0)


def set_child_subreaper() -> None:
    """Orphans of our jobs reparent to us, so we can reap them instead of leaking zombies."""
    prctl(PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent() -> None:
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass(frozen=True)
class RootPlan:
    """What the minimal root contains: read-only binds of the Python runtime, and nothing else.

    The venv's site-packages is not bound whole: only NumPy's own folders are, so whatever
    else is installed there (our app, the challenges when packaged) stays invisible.
    """

    mountpoint: str
    read_only_binds: tuple[str, ...]
    symlinks: tuple[tuple[str, str], ...]
    # Package folders inside the binds, hidden under empty tmpfs mounts (then NumPy is bound back).
    masked: tuple[str, ...] = ()
    numpy_binds: tuple[str, ...] = ()
    devices: tuple[str, ...] = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")


def plan_root(mountpoint: str) -> RootPlan:
    """Work out the binds for this interpreter: /usr, the Python install, NumPy's folders."""
    import numpy

    numpy_dir = Path(numpy.__file__).resolve().parent
    binds = _dedupe(["/usr", _stdlib_root()])
    numpy_binds = [str(numpy_dir)]
    libs = numpy_dir.parent / "numpy.libs"
    if libs.is_dir():
        numpy_binds.append(str(libs))
    symlinks = tuple(
        (name, os.readlink(f"/{name}")) for name in ("bin", "lib", "lib64", "sbin") if os.path.islink(f"/{name}")
    )
    masked = [
        folder for folder in _package_folders()
        if any(folder == b or folder.startswith(b.rstrip("/") + "/") for b in binds)
    ]
    return RootPlan(mountpoint=mountpoint, read_only_binds=tuple(binds), symlinks=symlinks,
                    masked=tuple(masked), numpy_binds=tuple(numpy_binds))


def _package_folders() -> list[str]:
    """Every folder where pip may have installed packages (ours included, in a plain install)."""
    import site
    import sysconfig

    base_paths = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})
    candidates = {*site.getsitepackages(), site.getusersitepackages(), base_paths["purelib"],
                  base_paths["platlib"], sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    for base in ("/usr/lib", "/usr/local/lib", f"{sys.base_prefix}/lib"):
        candidates |= {str(p) for p in Path(base).glob("python3*/*-packages")}
    return sorted({str(Path(c).resolve()) for c in candidates if Path(c).is_dir()})


def _stdlib_root() -> str:
    """The Python installation (stdlib and lib-dynload), which lazy imports read from."""
    return str(Path(sys.base_prefix).resolve())


def _dedupe(paths: Iterable[str]) -> list[str]:
    """Drop paths already covered by an earlier bind (a bind of /usr covers /usr/lib/python3)."""
    kept: list[str] = []
    for path in paths:
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def enter_minimal_root(plan: RootPlan, *, tmpfs_bytes: int) -> None:
    """Build the job's root on a tmpfs and pivot into it; the host's tree becomes unreachable.

    Must run after unshare(CLONE_NEWNS): every mount here is private to the job.
    """
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    root = plan.mountpoint
    mount("sandbox-root", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    # The private /tmp comes first: when the venv itself lives under /tmp (a CI checkout),
    # NumPy's bind lands inside it instead of being hidden by it.
    os.makedirs(f"{root}/tmp", mode=0o1777)
    mount("sandbox-tmp", f"{root}/tmp", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, f"size={tmpfs_bytes},mode=1777")
    for path in plan.read_only_binds:
        _bind_read_only(path, root + path)
    for path in plan.masked:
        mount("sandbox-mask", root + path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,mode=0755")
    for path in plan.numpy_binds:
        _bind_read_only(path, root + path)
    for path in plan.masked:
        mount(None, root + path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for name, destination in plan.symlinks:
        os.symlink(destination, f"{root}/{name}")
    os.makedirs(f"{root}/dev", mode=0o755)
    for device in plan.devices:
        if os.path.exists(device):
            target = root + device
            open(target, "wb").close()
            mount(device, target, None, MS_BIND)
            mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC | _kept_flags(target))
    os.makedirs(f"{root}/.old-root")
    pivot_root(root, f"{root}/.old-root")
    os.chdir("/")
    _check(_libc.umount2(b"/.old-root", MNT_DETACH), "umount old root")
    os.rmdir("/.old-root")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _bind_read_only(source: str, target: str) -> None:
    os.makedirs(target, mode=0o755, exist_ok=True)
    mount(source, target, None, MS_BIND | MS_REC)
    mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | _kept_flags(target))


def _kept_flags(target: str) -> int:
    """The flags the bound mount already has that a remount must repeat: in a user namespace the
    host's noexec and atime settings are locked, and a remount that would clear them is refused."""
    have = os.statvfs(target).f_flag
    return sum(mount_flag for statvfs_flag, mount_flag in _STATVFS_TO_MOUNT if have & statvfs_flag)


def apply_rlimits(*, address_space_bytes: int, cpu_seconds: float, processes: int, file_size_bytes: int,
                  open_files: int) -> None:
    """Kernel-enforced ceilings; soft == hard so the code cannot raise them back.

    CPU soft == hard also because, as pid 1 of its namespace, the job ignores SIGXCPU:
    only the hard limit's SIGKILL stops it.
    """
    cpu = max(1, int(cpu_seconds + 0.999))
    for limit, value in (
        (resource.RLIMIT_AS, address_space_bytes),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_NPROC, processes),
        (resource.RLIMIT_FSIZE, file_size_bytes),
        (resource.RLIMIT_NOFILE, open_files),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_MEMLOCK, 0),
        (resource.RLIMIT_MSGQUEUE, 0),
    ):
        resource.setrlimit(limit, (value, value))


def drop_privileges(uid: int) -> None:
    """Become the slot's unprivileged uid/gid; with it go all capabilities."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    prctl(PR_SET_DUMPABLE, 0)


class SeccompFilter:
    """A syscall filter built once in the executor and loaded into every job.

    It is a deny-list layered over the namespaces and uid drop: it closes the syscalls a
    jailed NumPy program never needs and that widen the kernel's attack surface.
    """

    _DENIED = (
        "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "unshare", "setns",
        "mount", "umount2", "pivot_root", "chroot", "bpf", "io_uring_setup", "io_uring_enter",
        "io_uring_register", "keyctl", "add_key", "request_key", "perf_event_open", "kexec_load",
        "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff",
        "syslog", "userfaultfd", "acct", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
        "mknod", "mknodat", "open_by_handle_at", "name_to_handle_at", "quotactl", "personality",
        "fanotify_init", "lookup_dcookie", "setrlimit", "prlimit64", "sethostname", "setdomainname",
        "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick", "mount_setattr",
        "pidfd_getfd", "kcmp", "vhangup", "iopl", "ioperm",
    )

    # fcntl commands that take, test or lease a lock: F_GETLK, F_SETLK, F_SETLKW, the OFD ones, F_SETLEASE.
    _LOCK_COMMANDS = (5, 6, 7, 36, 37, 38, 1024)

    def __init__(self, *, single_process: bool = False) -> None:
        try:
            import pyseccomp as seccomp
        except ImportError:  # Debian's python3-seccomp: libseccomp's own bindings, the same API
            import seccomp  # type: ignore[no-redef, unused-ignore]

        self._filter = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        deny = seccomp.ERRNO(errno.EPERM)
        for name in self._DENIED:
            try:
                self._filter.add_rule(deny, name)
            except (OSError, ValueError, RuntimeError):
                continue  # a syscall this architecture does not have
        # clone3 passes its flags in memory the filter cannot read: make glibc fall back to clone.
        self._filter.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
        for flag in (CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS,
                     CLONE_NEWCGROUP):
            self._filter.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
        # No file locks: jobs of different users share read-only host files (/dev/null, /usr/...) and a
        # lock on one is a signal between them. A job needs none (NumPy and the harness take none).
        self._filter.add_rule(deny, "flock")
        for command in self._LOCK_COMMANDS:
            self._filter.add_rule(deny, "fcntl", seccomp.Arg(1, seccomp.EQ, command))
        # sysinfo tells the host's RAM, uptime, load and process count; nothing a job runs needs it.
        self._filter.add_rule(deny, "sysinfo")
        # Jobs run without transparent huge pages (executor._disable_huge_pages): a submission that
        # turned them back on would time its memory-bound calls on fewer TLB misses than the reference's.
        self._filter.add_rule(deny, "prctl", seccomp.Arg(0, seccomp.EQ, PR_SET_THP_DISABLE))
        if single_process:
            # No cgroup counts the job's processes together: new processes are refused, threads are not.
            self._filter.add_rule(seccomp.ERRNO(errno.EAGAIN), "fork")
            self._filter.add_rule(seccomp.ERRNO(errno.EAGAIN), "vfork")
            self._filter.add_rule(seccomp.ERRNO(errno.EAGAIN), "clone",
                                  seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        # Only UNIX sockets (which have nothing to connect to in the empty namespace).
        self._filter.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
        self._filter.add_rule(seccomp.ERRNO(errno.EACCES), "socketpair",
                              seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))

        # Compiled once, here: libseccomp compiles a filter each time it loads one (1-4 ms a job).
        with tempfile.TemporaryFile() as compiled:
            self._filter.export_bpf(compiled)
            compiled.seek(0)
            program = compiled.read()
        self._program = ctypes.create_string_buffer(program, len(program))
        self._fprog = _SockFprog(len(program) // 8, ctypes.cast(self._program, ctypes.c_void_p))

    def load(self) -> None:
        """Install the compiled program (no_new_privs first, as the kernel requires without root)."""
        prctl(PR_SET_NO_NEW_PRIVS, 1)
        _check(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(self._fprog), 0, 0), "seccomp")


class _SockFprog(ctypes.Structure):
    """struct sock_fprog: a BPF program's length in instructions (8 bytes each) and its address."""

    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))


def close_fds_except(keep: Iterable[int]) -> None:
    """Close every inherited descriptor but `keep`, so no server pipe or socket leaks into a job."""
    kept = sorted(set(keep))
    low = 0
    for fd in kept:
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)


def ignore_file_size_signal() -> None:
    """Past RLIMIT_FSIZE a write then fails with EFBIG ("File too large") instead of killing."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
