"""The list item being added, kept aside until its last field is answered.

A new need, partner or action is written to the answers file only once the room has gone through
all its fields: a half-typed item is not an item (`validate` would flag it, `show` and the
roadmap would count it). Until then each answer given goes to an autosave in the user's cache
folder (`drafts/`, keyed by the answers file's full path), written durably as the answers file
is: Ctrl-C, a closed laptop or a killed process keeps it, and the next `run` on the file offers
it back on the list's screen (« Reprendre la saisie : … »). One draft per answers file: the one
item being typed. A lost autosave (another machine, a cleared cache) costs that item's answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coconstruct.model import fsio


@dataclass(frozen=True)
class Draft:
    """The answers given so far to a new item of the list `list_id`."""

    list_id: str
    values: dict[str, Any]


def _store(answers: Path) -> Path | None:
    folder = fsio.cache_folder("drafts")
    if folder is None:
        return None
    key = hashlib.sha256(str(answers.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / f"{key}.json"


def load(answers: Path) -> Draft | None:
    """The item left half-typed on this file, if any (a damaged autosave is no draft)."""
    store = _store(answers)
    if store is None:
        return None
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        return None
    list_id = data.get("list")
    if not isinstance(list_id, str):
        return None
    return Draft(list_id, {str(k): v for k, v in data["values"].items() if k != "id"})


def save(answers: Path, draft: Draft) -> None:
    """Keep the item being typed, durably: it is what a kill would otherwise lose."""
    store = _store(answers)
    if store is None:
        return
    data = json.dumps({"list": draft.list_id, "values": draft.values}, default=str)
    with contextlib.suppress(OSError):
        fsio.atomic_write(store, data, durable=True)


def clear(answers: Path) -> None:
    """The item was written to the answers file, or given up: no draft any more."""
    store = _store(answers)
    if store is not None:
        with contextlib.suppress(OSError):
            store.unlink(missing_ok=True)


__all__ = ["Draft", "clear", "load", "save"]
