"""Minutes spent per section, for the header's ⏱ against the section's timebox.

The time carries over from one session to the next on the same file: a room that quits with
Ctrl-C and resumes after the break sees its 25 minutes, not 0. It is kept in the user's cache
folder (`clocks/`), keyed by the answers file's full path, and not in the answers file, where it
would change the file at every tick and make `run` and `set` write different bytes for the same
answers. A lost clock (another machine, a cleared cache) costs only the count.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from coconstruct.model import fsio


class SectionClock:
    """Seconds spent per section: earlier sessions' (`spent_before`) plus this one's."""

    def __init__(
        self, clock: Callable[[], float], spent_before: dict[str, float] | None = None
    ) -> None:
        self._clock = clock
        self._elapsed: dict[str, float] = dict(spent_before or {})
        self._section: str | None = None
        self._since = clock()

    def enter(self, section_id: str) -> None:
        if section_id == self._section:
            return
        self._settle()
        self._section = section_id

    def spent(self, section_id: str) -> float:
        spent = self._elapsed.get(section_id, 0.0)
        if section_id == self._section:
            spent += self._clock() - self._since
        return spent

    def totals(self) -> dict[str, float]:
        """Seconds per section so far, the current one included."""
        self._settle()
        return dict(self._elapsed)

    def _settle(self) -> None:
        now = self._clock()
        if self._section is not None:
            self._elapsed[self._section] = self._elapsed.get(self._section, 0.0) + now - self._since
        self._since = now


def _store(answers: Path) -> Path | None:
    folder = fsio.cache_folder("clocks")
    if folder is None:
        return None
    key = hashlib.sha256(str(answers.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / f"{key}.json"


def load(answers: Path) -> dict[str, float]:
    """The seconds spent per section on this file in earlier sessions (none when unknown)."""
    store = _store(answers)
    if store is None:
        return {}
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): float(v)
        for k, v in data.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and v >= 0
    }


def save(answers: Path, totals: dict[str, float]) -> None:
    """Keep the seconds per section for the next session; a cache that cannot be written is
    not worth interrupting a workshop for."""
    store = _store(answers)
    if store is None:
        return
    data = json.dumps({k: round(v, 1) for k, v in sorted(totals.items())})
    with contextlib.suppress(OSError):
        fsio.atomic_write(store, data, durable=False)


__all__ = ["SectionClock", "load", "save"]
