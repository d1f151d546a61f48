"""The round-trip documents saves wrote, kept for the next command that edits the same file.

ruamel's round-trip reader and emitter are pure Python: reading the bundled example (45 kB) and
writing it again is most of a `set`. A consultant's script runs `set` after `set` on one file,
each reading exactly what the one before wrote. So each save keeps its document (pickled, with the
dumper's chunks: only what changes is emitted again) in the cache folder, one entry per answers
file; a load that finds the file's text unchanged since (same digest) takes that document back
instead of parsing it.

What is kept is what the save had in memory, so the positions (line, column) of its values are
those of the text it was read from, before the edits: a command that takes a kept document says
its errors after reading the file again (`editing/assignments.py`). Every failure here (no cache
folder, a broken entry, a document that cannot be pickled) only costs the parse.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

from coconstruct.model import fsio

_FOLDER = "documents"


def _key(text: str) -> str:
    from ruamel.yaml import __version__ as ruamel_version

    from coconstruct import __version__

    versions = f"{__version__}\0{ruamel_version}\0{sys.version_info[:2]}\0"
    return hashlib.sha256((versions + text).encode("utf-8", "surrogatepass")).hexdigest()


def _entry(path: Path) -> Path | None:
    folder = fsio.cache_folder(_FOLDER)
    if folder is None:
        return None
    try:
        where = str(path.resolve())
    except OSError:
        return None
    return folder / f"{hashlib.sha256(where.encode('utf-8', 'surrogatepass')).hexdigest()}.pickle"


def keep(path: Path, text: str, data: Any, chunks: dict[Any, Any]) -> None:
    """Keep the document just saved as `text` at `path` (never fails: the cache is a bonus)."""
    with contextlib.suppress(Exception):
        entry = _entry(path)
        if entry is not None:
            blob = pickle.dumps((_key(text), data, chunks), protocol=pickle.HIGHEST_PROTOCOL)
            fsio.atomic_write(entry, blob, durable=False)


def recall(path: Path, text: str) -> tuple[Any, dict[Any, Any]] | None:
    """The document and dumper chunks kept for `path` when its text is still `text`, else None."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        digest, data, chunks = pickle.loads(entry.read_bytes())
    except Exception:  # absent, truncated, or written by another version
        return None
    if digest != _key(text) or not isinstance(chunks, dict):
        return None
    return data, chunks
