"""How long the room waits between pressing Enter and seeing the next question.

Drives the interview with a fake prompter over a copy of the bundled example (about 600 answers):
every question and every field of every list item is answered again with a changed value (text
gets a mark, numbers and choices move), so that every save has something new to write. The time
from one reply to the next prompt is the latency: checks, `when` conditions, computed defaults,
the header and the autosave (atomic, fsynced).

Usage: python benchmarks/interview.py [--profile] [--whole-dump] [--terminal]
Target: median under 50 ms. `--whole-dump` saves the old way (ruamel dumps the whole file at every
answer) to compare with the incremental dump; `--terminal` also times the whole path in a real
pseudo-terminal, drawing of the next screen included.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from coconstruct.editing.editor import Editor
from coconstruct.interview import Ask, Interview, Menu
from coconstruct.model import display
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked
from coconstruct.model.yamlio.write import dump_yaml

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"


class Enter:
    """A fake prompter that accepts what is shown, and walks into every list item once."""

    def __init__(self) -> None:
        self.replied_at: float | None = None
        self.latencies: list[float] = []
        self.edited: set[tuple[str, str]] = set()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.replied_at is not None:
            self.latencies.append(now - self.replied_at)

    def _reply(self, value: Any) -> Any:
        self.replied_at = time.perf_counter()
        return value

    def ask(self, request: Ask) -> Any:
        self._tick()
        if request.error:  # the changed answer broke a rule: keep the current one
            if request.kind in ("text", "textarea"):
                return self._reply(display.as_input(request.question, request.current, "fr"))
            return self._reply(request.current)
        return self._reply(changed(request))

    def choose(self, menu: Menu) -> Any:
        self._tick()
        kind, _, list_id = menu.key.partition(":")
        if kind == "list":  # the items are the list's choices: each one, once
            items = list(menu.table.keys if menu.table else ())
            pending = [i for i in items if (list_id, i) not in self.edited]
            if not pending:
                return self._reply("done")
            self.edited.add((list_id, pending[0]))
            return self._reply(pending[0])
        if kind == "item":  # its screen: every field, in order
            return self._reply("*")
        if kind == "end":
            return self._reply("quit")
        return self._reply(menu.default)

    def notice(self, message: str) -> None:
        pass


def changed(request: Ask) -> Any:
    """A different answer, as when the room corrects one: every save really has news."""
    kind, current = request.question.type, request.current
    if kind in ("text", "textarea"):
        return request.text[:-2] if request.text.endswith(" ✓") else request.text + " ✓"
    if kind in ("number", "money", "percent"):
        return str(current + 1 if isinstance(current, int | float) else 1)
    if kind == "boolean":
        return not current
    if request.kind == "select" and request.options:
        values = [o.value for o in request.options if o.value is not None]
        if current in values:
            return values[(values.index(current) + 1) % len(values)]
        return values[0] if values else None
    return current


def terminal(repeat: int) -> list[float]:
    """Enter → next screen drawn, in a real pseudo-terminal: the whole path a room waits for.

    Runs `coconstruct run --section atelier` on a copy of the example and presses Enter through
    the section (every answer kept), `repeat` times; each wait ends when the next screen is drawn.
    """
    import os

    import pexpect

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}
    drawn = "\x1b[?7h"  # prompt_toolkit ends each drawing of a prompt with this
    waits = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy(EXAMPLE, Path(folder) / EXAMPLE.name)
            child = pexpect.spawn(
                sys.executable,
                ["-m", "coconstruct", "run", EXAMPLE.name, "--section", "atelier"],
                cwd=folder,
                env=env,
                encoding="utf-8",
                timeout=30,
                dimensions=(40, 120),
            )
            child.delaybeforesend = None
            child.expect_exact(drawn)
            while True:
                time.sleep(0.05)  # a person reads before pressing Enter
                started = time.perf_counter()
                child.send("\r")
                # a new screen starts with a clear; the end menu's Enter quits instead
                if child.expect_exact(["\x1b[2J", pexpect.EOF]) == 1:
                    break
                child.expect_exact(drawn)
                waits.append(time.perf_counter() - started)
    return waits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    parser.add_argument(
        "--whole-dump", action="store_true", help="save by dumping the whole file (for comparison)"
    )
    parser.add_argument(
        "--terminal", action="store_true", help="also measure in a real pseudo-terminal (pexpect)"
    )
    args = parser.parse_args()
    if args.whole_dump:
        AnswersFile.dump = lambda self: dump_yaml(self.data)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / EXAMPLE.name
        shutil.copy(EXAMPLE, path)
        doc, questionnaire = load_checked(path)
        answers = Editor(doc, questionnaire).answered()
        prompter = Enter()
        session = Interview(doc, questionnaire, prompter)
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for section in questionnaire.sections:  # each run ends at the end menu: "quit"
            session.run(section=section.id)
        if profiler:
            profiler.disable()
        total = time.perf_counter() - started
        size = path.stat().st_size
    latencies = sorted(prompter.latencies)
    ms = [value * 1000 for value in latencies]

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, round(p / 100 * (len(ms) - 1)))]

    print(f"file: {EXAMPLE.name}, {answers} answers, {size / 1024:.0f} KiB")
    print(f"steps: {len(ms)} prompts, {session.saves} saves, {total:.1f} s in all")
    print(
        f"latency (Enter → next prompt): median {statistics.median(ms):.1f} ms · "
        f"p90 {pct(90):.1f} ms · p99 {pct(99):.1f} ms · max {ms[-1]:.1f} ms"
    )
    print("target: median under 50 ms —", "ok" if statistics.median(ms) < 50 else "TOO SLOW")
    if args.terminal:
        waits = sorted(w * 1000 for w in terminal(repeat=3))
        print(
            f"in a terminal ({len(waits)} screens, drawing included): median "
            f"{statistics.median(waits):.1f} ms · p90 {waits[round(0.9 * (len(waits) - 1))]:.1f} ms"
            f" · max {waits[-1]:.1f} ms"
        )
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
