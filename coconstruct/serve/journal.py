"""The room's journal: every change, one JSON line, on disk before the server says yes.

`.atelier.yaml.room` sits beside the answers file (as its `.lock` does). Its first line holds the
room's tokens and dots, so that after a crash or a restart the same URLs work and every phone
keeps its dots; each later line is one record (a join, a dot placed or taken back, a post-it, a
decision). A record is acknowledged only once it is written and flushed to the disk (fdatasync):
records that arrive while one flush runs go together in the next one (a group commit), so eighty
phones voting at once cost a handful of flushes, not eighty.

A line cut short by a crash was never acknowledged: it is dropped when the journal is read again.
When a write fails (a full disk), the journal is cut back to its last whole line, and the records
of that write, and those waiting behind it, fail together: the room undoes them (room.revert) and
each request hears why.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from coconstruct.model.fsio import fsync_dir

VERSION = 1


def journal_path(answers: Path) -> Path:
    return answers.with_name(f".{answers.name}.room")


def read(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int]:
    """The header, the records, and the length of the whole lines (what to keep)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [], 0
    header: dict[str, Any] | None = None
    records: list[dict[str, Any]] = []
    good = 0
    position = 0
    while True:
        end = data.find(b"\n", position)
        if end < 0:
            break  # a torn last line: never acknowledged
        try:
            value = json.loads(data[position:end])
        except (ValueError, UnicodeDecodeError):
            break
        if not isinstance(value, dict):
            break
        if header is None:
            if value.get("t") != "room" or value.get("v") != VERSION:
                break
            header = value
        else:
            records.append(value)
        position = good = end + 1
    return header, records, good


def encode(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


class Journal:
    """Appends records with group commits; lives on one event loop."""

    def __init__(self, path: Path, size: int, on_lost: Callable[[list[dict[str, Any]]], None]):
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.lseek(self._fd, size, os.SEEK_SET)
        self._size = size
        self._on_lost = on_lost
        self._pending: list[tuple[dict[str, Any], bytes, asyncio.Future[None]]] = []
        self._flushing = False
        self._task: asyncio.Task[None] | None = None
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="coconstruct-journal")
        self.flushes = 0

    @classmethod
    def create(
        cls, path: Path, header: dict[str, Any], on_lost: Callable[[list[dict[str, Any]]], None]
    ) -> Journal:
        """A new journal holding only its header, written durably before anyone can join."""
        data = encode({"t": "room", "v": VERSION, **header})
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(path.parent)
        return cls(path, len(data), on_lost)

    def truncate_to(self, size: int) -> None:
        """Drop a torn tail left by a crash (see `read`)."""
        os.ftruncate(self._fd, size)
        os.lseek(self._fd, size, os.SEEK_SET)
        self._size = size

    def append(self, record: dict[str, Any]) -> asyncio.Future[None]:
        """Queue a record; the future is done once it is on disk (or fails with the OSError)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._pending.append((record, encode(record), future))
        if not self._flushing:
            self._flushing = True
            self._task = loop.create_task(self._flush())
        return future

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                data = b"".join(line for _, line, _ in batch)
                try:
                    await loop.run_in_executor(self._writer, self._write, data)
                except OSError as exc:
                    lost = batch + self._pending
                    self._pending = []
                    self._on_lost([record for record, _, _ in lost])
                    for _, _, future in lost:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                self.flushes += 1
                for _, _, future in batch:
                    if not future.done():
                        future.set_result(None)
        finally:
            self._flushing = False

    def _write(self, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fdatasync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
                os.lseek(self._fd, self._size, os.SEEK_SET)
            raise
        self._size += len(data)

    async def drain(self) -> None:
        """Wait until every queued record is written (or has failed)."""
        while self._pending or self._flushing:
            await asyncio.sleep(0.005)

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        with contextlib.suppress(OSError):
            os.close(self._fd)
