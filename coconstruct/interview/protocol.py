"""What the interview says to a user interface, and what it gets back.

The interview asks for one thing at a time: an `Ask` (one question) or a `Menu` (a choice between
actions, under a table). A `Prompter` shows it (prompts.py in a terminal, a scripted fake in the
tests) and returns the reply, or a navigation move (`BACK`, `DEFER`). Frozen dataclasses: a screen
is a value, easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from coconstruct.model.question_types.common import Entry
from coconstruct.model.questionnaire import Question


class Nav(Enum):
    """Navigation replies a prompter may give instead of an answer."""

    BACK = "back"
    DEFER = "defer"


BACK = Nav.BACK
DEFER = Nav.DEFER


@dataclass(frozen=True)
class Header:
    """Where the room is: always on screen above the question."""

    territory: str
    section: str
    section_number: int
    section_count: int
    question_number: int
    question_count: int
    elapsed_seconds: float
    timebox_minutes: int | None
    where: str = ""  # inside a list: the item being answered


@dataclass(frozen=True)
class Option:
    value: Any
    label: str
    help: str = ""


@dataclass(frozen=True)
class Table:
    """Rows of cells under column titles, as the room reads them (laid out by the prompter).

    With `keys`, one per row, the rows are the menu's first choices: choosing a row replies its
    key (a list's item, a section's answer). `title` is the column that gets the room; the first
    `keep` columns are always shown (the others give way to a narrow terminal or tall rows).
    `coded`: the same rows with the codes beside the names (`P6 · Centre social`), shown instead
    where they take no more room; `drop`: the order in which columns give way (else from the
    right); `tall`: the lines a row may take on average before columns give way (None: the
    prompter's own measure).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[Any, ...] = ()
    title: int = 1
    keep: int = 2
    coded: tuple[tuple[str, ...], ...] = ()
    drop: tuple[int, ...] = ()
    tall: float | None = None


@dataclass(frozen=True)
class Ask:
    """One question to put to the room."""

    header: Header
    question: Question
    path: str  # `territory_name`, or `needs[N2].priority` inside a list
    label: str
    help: str
    lang: str
    text: str = ""  # pre-filled text (typed answers)
    current: Any = None  # the current choice or choices (choice prompts)
    options: tuple[Option, ...] = ()
    error: str | None = None  # why the previous reply was refused
    deferred: bool = False
    unit: str | None = None  # what to type, shown where it is typed: `(habitants)`, `(€)`

    @property
    def entry(self) -> Entry:
        """The input asked for: a line or lines typed, one option or several chosen."""
        return self.question.kind.entry


@dataclass(frozen=True)
class Menu:
    """A choice between actions (list editing, review, pickers), optionally under a table.

    A table with keys lists its rows as choices before the options; `default` is where the cursor
    starts (a row's key or an option's value). `filter`: typing filters the choices (not on a
    yes/no confirmation, where a typed letter must not become an answer).
    """

    key: str  # what the menu is for: "list:needs", "review:atelier", "pick-item:needs"…
    header: Header
    title: str
    options: tuple[Option, ...]
    default: Any = None
    help: str = ""
    table: Table | None = None
    error: str | None = None
    can_defer: bool = False
    filter: bool = True


class Prompter(Protocol):
    """What the interview needs from a user interface.

    `ask` returns the reply (text typed, or the value of the option chosen) or a `Nav`; `choose`
    returns an option's value or a `Nav`. Both raise KeyboardInterrupt or EOFError when the user
    quits; every answer given before is already saved.
    """

    def ask(self, request: Ask) -> Any: ...

    def choose(self, menu: Menu) -> Any: ...

    def notice(self, message: str) -> None: ...


class Go(Enum):
    """Where the interview goes after a screen."""

    NEXT = "next"
    BACK = "back"
    SKIP = "skip"  # nothing was asked: keep going in the same direction
