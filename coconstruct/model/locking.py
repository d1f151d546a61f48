"""The answers file's lock: one writer at a time, and a second one told who holds it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the answers file's lock; a second holder is refused, naming the first."""
    import filelock

    def record_owner(fd: int) -> None:
        # who holds it, for the message a second process gives; optional: on a full disk the
        # lock holds without it, and the save says what went wrong
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {_host()}\n".encode())

    lock = filelock.FileLock(lock_path(path), timeout=0, on_acquired=record_owner)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise CoconstructError(
            msg("{file} is in use by another coconstruct ({owner})", file=path, owner=_owner(path)),
            hint=msg("finish or stop the other session first; nothing was changed"),
        ) from None
    except OSError as exc:  # the lock file cannot even be made: nothing can be saved either
        raise CoconstructError(
            msg(
                "{file}: could not save ({reason}); the file is unchanged",
                file=path,
                reason=exc.strerror or exc,
            )
        ) from None
    try:
        yield
    finally:
        # The lock file goes with the process that made it (a crash leaves it, harmless: the
        # lock itself dies with the process). Unlinked while still held: a process that opened
        # it meanwhile sees its inode unlinked once it gets the lock, and takes a new one
        # (filelock ≥ 4.3 checks).
        with contextlib.suppress(OSError):
            lock_path(path).unlink()
        lock.release()


def _host() -> str:
    """This machine's name (`socket.gethostname()`, which is uname's node name on POSIX)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _owner(path: Path) -> str:
    try:
        pid, _, host = lock_path(path).read_text().strip().partition(" ")
    except OSError:
        return msg("process unknown")
    return (
        msg("process {pid} on {host}", pid=pid, host=host)
        if host
        else msg("process {pid}", pid=pid)
    )
