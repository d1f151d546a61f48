"""The disk: atomic durable writes, the temp files of interrupted writers, the cache folder, and
paths shown as the user would type them.

Every write of user data goes through `atomic_write`, so a file is always either its old or its
new content, whatever happens (a killed process, a full disk, a power cut). Temp files carry their
writer's pid, so that leftovers of a crashed writer can be told from a live writer's.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TMP_PREFIX = ".coconstruct-"


def atomic_write(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Write `content` (text as UTF-8) so that `path` is always the old or the new content.

    That holds through a crash: the temp file sits beside the target (same filesystem, so
    `os.replace` is atomic), is fsynced before the rename, and the folder is fsynced after it so
    the rename itself survives a power cut.
    Its name carries our pid so that a later start can tell a crashed writer's leftovers.
    `durable=False` skips the fsyncs, for files that can be made again (a report, a cache).
    """
    with atomic_output(path, durable) as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)


@contextlib.contextmanager
def atomic_output(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write `path`'s new content into, as a stream (see `atomic_write`).

    It takes the place of `path` when the block ends, and is removed if the block fails: a
    writer that streams (a workbook, a CSV file) leaves the old file or the whole new one.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=f".{path.name}.tmp", dir=folder
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_of(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(folder)


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries durable (a file created or renamed there survives a power cut)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def clean_temp_files(folder: Path, target: str = "*", pid: int | None = None) -> list[Path]:
    """Remove the temp files writers left in `folder`, for one target file name or all of them.

    Only the files of writers that are no longer running (or of the dead writer `pid`): a live
    writer's temp file is about to become its target.
    """
    removed = []
    for tmp in folder.glob(f"{TMP_PREFIX}*.{target}.tmp"):
        pid_text = tmp.name[len(TMP_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        writer = int(pid_text)
        if (writer != pid) if pid is not None else _alive(writer):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def clean_stale_temp_files(path: Path) -> list[Path]:
    """Remove temp files left beside `path` by writers that are no longer running."""
    return clean_temp_files(path.parent, path.name)


def cache_folder(name: str) -> Path | None:
    """A folder of the user's coconstruct cache, created if needed; None when there is none.

    `COCONSTRUCT_CACHE_DIR`, else the platform's cache folder (`~/.cache/coconstruct` on Linux).
    Everything kept there is keyed by its inputs, so a stale entry is never used, and deleting
    the folder only costs time.
    """
    base = os.environ.get("COCONSTRUCT_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("coconstruct", appauthor=False)
    folder = Path(base) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def as_typed(path: Path) -> Path:
    """A path as the user would type it from where they are: relative to the current folder when
    it is below it, otherwise as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path
