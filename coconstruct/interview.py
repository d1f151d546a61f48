"""The live interview behind `coconstruct run`: the question loop, with no terminal code.

The loop talks to a `Prompter` (prompts.py in a terminal, a scripted fake in the tests). It asks
for one thing at a time and gets back a reply, or a navigation move (`BACK`, `DEFER`).

How it moves through a questionnaire:

- It starts at the first question without an answer that is not set aside, or at the first
  question of `section`. A question left empty is stored as an empty value (`key:`), so that it
  counts as seen and a resumed interview does not stop there again.
- Within a section it goes question by question. `BACK` returns to the previous question shown,
  across sections too, with its answer filled in.
- A section ends with a review screen (a table of its answers) from which any answer can be
  changed; the interview then goes on at the next question without an answer.
- `DEFER` sets a question aside ("à revoir"): it is recorded under `deferred:` in the file, listed
  by `show`, and offered again at the end.
- Every answer is saved as soon as it is given (atomically, durably, see AnswersFile.save), so an
  interruption loses at most the answer being typed.
- Changing an answer re-evaluates what depends on it: later `when:` conditions (answers of
  questions that no longer apply are kept, never deleted; validate warns about them) and computed
  defaults (a later answer still equal to its old computed default follows the new one).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from coconstruct import conditions, display, values
from coconstruct.answers import AnswersFile, next_item_id
from coconstruct.errors import UsageError
from coconstruct.i18n import msg
from coconstruct.questionnaire import Question, Questionnaire, Section, text
from coconstruct.validation import items_index


class Nav(Enum):
    """Navigation replies a prompter may give instead of an answer."""

    BACK = "back"
    DEFER = "defer"


BACK = Nav.BACK
DEFER = Nav.DEFER


class _Go(Enum):
    NEXT = "next"
    BACK = "back"
    SKIP = "skip"  # nothing was asked: keep going in the same direction


# --- what the prompter is given --------------------------------------------------------------


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
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


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
    currency: str = "EUR"

    @property
    def kind(self) -> str:
        return prompt_kind(self.question)


def prompt_kind(question: Question) -> str:
    """The prompt a question needs: text, textarea, select or checkbox."""
    if question.type == "textarea":
        return "textarea"
    if question.is_multi:
        return "checkbox"
    if question.type in ("select", "scale", "boolean", "reference"):
        return "select"
    return "text"


@dataclass(frozen=True)
class Menu:
    """A choice between actions (list editing, review, pickers), optionally under a table."""

    key: str  # what the menu is for: "list:needs", "review:atelier", "pick-item:needs"…
    header: Header
    title: str
    options: tuple[Option, ...]
    default: Any = None
    help: str = ""
    table: Table | None = None
    error: str | None = None
    can_defer: bool = False


class Prompter(Protocol):
    """What the interview needs from a user interface.

    `ask` returns the reply (text typed, or the value of the option chosen) or a `Nav`; `choose`
    returns an option's value or a `Nav`. Both raise KeyboardInterrupt or EOFError when the user
    quits; every answer given before is already saved.
    """

    def ask(self, request: Ask) -> Any: ...

    def choose(self, menu: Menu) -> Any: ...

    def notice(self, message: str) -> None: ...


# --- where an answer lives -------------------------------------------------------------------

_PATH = re.compile(
    r"^(?P<q>[a-z][a-z0-9_]*)(?:\[(?P<item>[^\]]+)\](?:\.(?P<field>[a-z][a-z0-9_]*))?)?$"
)


@dataclass(frozen=True)
class Spot:
    """A question, or a field of one list item."""

    question: Question
    parent: Question | None = None
    item_id: str | None = None

    @property
    def top(self) -> Question:
        return self.parent or self.question

    @property
    def path(self) -> str:
        if self.parent is None:
            return self.question.id
        return f"{self.parent.id}[{self.item_id or '+'}].{self.question.id}"  # + : a new item


def open_or_create(
    path: Path,
    prompter: Prompter,
    lang: str,
    questionnaire: str | None = None,
    wanted_lang: str | None = None,
) -> tuple[AnswersFile, Questionnaire]:
    """The answers file to interview on; a missing one is created, asking only what is needed.

    `lang` is the language to ask in; the workshop language is asked only when the questionnaire
    has several and `wanted_lang` is not given, the questionnaire only when several are built in
    and none is named. The caller holds the file's lock.
    """
    from coconstruct import questionnaire as qmod
    from coconstruct.validation import load_checked

    if path.exists():
        return load_checked(path, questionnaire)
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder")
    header = Header(path.stem, "", 0, 0, 0, 0, 0.0, None)
    ref = questionnaire
    if ref is None:
        builtins = qmod.builtin_ids()
        ref = builtins[0]
        if len(builtins) > 1:
            options = tuple(
                Option(qid, f"{qid} · {text(qmod.load(qid).title, lang)}") for qid in builtins
            )
            reply = prompter.choose(
                Menu(
                    key="new:questionnaire",
                    header=header,
                    title=msg("Which questionnaire?", lang),
                    options=options,
                    default=ref,
                )
            )
            ref = reply if isinstance(reply, str) else ref
    loaded = qmod.load(ref)
    language = loaded.lang(wanted_lang or lang)
    if wanted_lang is None and len(loaded.languages) > 1:
        names = {"fr": "Français", "en": "English"}
        options = tuple(Option(code, names.get(code, code)) for code in loaded.languages)
        reply = prompter.choose(
            Menu(
                key="new:language",
                header=header,
                title=msg("Workshop language?", lang),
                options=options,
                default=language,
            )
        )
        language = reply if reply in loaded.languages else language
    source = ref
    if Path(ref).is_file() and not (qmod.BUILTIN_DIR / f"{ref}.yaml").is_file():
        source = os.path.relpath(Path(ref).resolve(), path.resolve().parent)
    doc = AnswersFile.new(loaded, path, language, source)
    doc.save()
    prompter.notice(
        msg(
            "Created {file} (questionnaire {qid} v{version}).",
            language,
            file=path,
            qid=loaded.id,
            version=loaded.version,
        )
    )
    return doc, loaded


class Interview:
    """One interview over one answers file; the caller holds the file's lock."""

    def __init__(
        self,
        doc: AnswersFile,
        questionnaire: Questionnaire,
        prompter: Prompter,
        lang: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.doc = doc
        self.q = questionnaire
        self.prompter = prompter
        self.lang = questionnaire.lang(lang or doc.language)
        self.clock = clock
        self.top = list(questionnaire.questions())
        self._index = {question.id: i for i, question in enumerate(self.top)}
        self._plain: dict[str, Any] | None = None
        self._items_cache: values.Items | None = None
        self._elapsed: dict[str, float] = {}
        self._section: str | None = None
        self._started: set[str] = set()
        self._since = clock()
        self.saves = 0

    # --- entry points ------------------------------------------------------------------------

    def run(self, section: str | None = None) -> None:
        """The whole interview: from the first open question (or `section`) to the end menu."""
        if section is not None:
            found = self.q.section(section)
            if found is None:
                known = ", ".join(s.id for s in self.q.sections)
                raise UsageError(f"--section {section}: no such section (sections: {known})")
            index = self._next_shown(self._index[found.questions[0].id])
        else:
            index = self._first_open(0)
        self.doc.dump()  # warms the dump cache now, so that saving the first answer is quick too
        self._walk(index)

    def ask_only(self, paths: list[str]) -> None:
        """Ask the given questions (`QID`, `LIST[ID]`, `LIST[ID].FIELD`) and nothing else."""
        spots: list[Spot] = []
        for path in paths:
            spots.extend(self.resolve(path, strict=True))
        self.doc.dump()  # warms the dump cache (see run)
        self._walk_spots(spots)

    def resolve(self, path: str, strict: bool = False) -> list[Spot]:
        """The spots a path names; unknown paths raise (strict) or give nothing."""
        match = _PATH.match(path.strip())
        question = self.q.question(match["q"]) if match else None
        problem = None
        spots: list[Spot] = []
        if match is None or question is None:
            problem = f"{path}: no such question in questionnaire {self.q.id}"
        elif match["item"] is None:
            spots = [Spot(question)]
        elif not question.is_list:
            problem = f"{path}: {question.id} is not a list"
        elif self.doc.item(question.id, match["item"]) is None:
            problem = f"{path}: no item {match['item']} in {question.id}"
        elif match["field"] is None:
            spots = [Spot(f, question, match["item"]) for f in question.fields or []]
        elif (field := question.field(match["field"])) is None:
            problem = f"{path}: {question.id} items have no field {match['field']}"
        else:
            spots = [Spot(field, question, match["item"])]
        if problem and strict:
            raise UsageError(
                problem, hint=f"question ids: coconstruct questionnaires show {self.q.id}"
            )
        return spots

    # --- the main walk -----------------------------------------------------------------------

    def _walk(self, index: int) -> None:
        forward = True
        end = len(self.top)
        while True:
            if index >= end:
                if self._end_menu() is not BACK:
                    return
                previous = self._prev_shown(end)
                if previous is not None:
                    index, forward = previous, False
                continue
            question = self.top[index]
            section = self.q.section_of(question.id)
            if section.id != self._section:
                self._enter(section.id)
            if forward and section.id not in self._started:
                # the section's title card, once per session: it frames the next hour for the room
                if self._section_card(section, question) is BACK:
                    previous = self._prev_shown(index)
                    if previous is not None:
                        index, forward = previous, False
                        continue
                self._started.add(section.id)
            go = self._ask_top(question)
            if go is _Go.BACK or (go is _Go.SKIP and not forward):
                previous = self._prev_shown(index)
                if previous is None:
                    if go is _Go.BACK:
                        self.prompter.notice(msg("This is the first question.", self.lang))
                    forward = True
                    if go is _Go.SKIP:
                        index = self._next_shown(index + 1)
                    continue
                index, forward = previous, False
                continue
            forward = True
            following = self._next_shown(index + 1)
            if following >= end or self.q.section_of(self.top[following].id) != section:
                if self._review(section) is BACK:
                    index, forward = self._last_shown(section, index), False
                    continue
                following = self._first_open(self._section_end(section))
            index = following

    def _walk_spots(self, spots: list[Spot]) -> None:
        i, forward = 0, True
        while 0 <= i < len(spots):
            spot = spots[i]
            self._enter(self.q.section_of(spot.top.id).id)
            if (
                spot.parent is not None
                and self.doc.item(spot.parent.id, spot.item_id or "") is None
            ):
                self._undefer(spot.path)
                go = _Go.SKIP
            elif spot.parent is None and spot.question.is_list:
                go = self._list(spot.question)
            elif spot.parent is not None and not self._shown(spot):
                go = _Go.SKIP
            else:
                go = self._ask_spot(spot)[0]
            if go is _Go.BACK or (go is _Go.SKIP and not forward):
                if i == 0:
                    if go is _Go.BACK:
                        self.prompter.notice(msg("This is the first question.", self.lang))
                    forward = True
                    i += go is _Go.SKIP
                    continue
                i, forward = i - 1, False
            else:
                i, forward = i + 1, True

    def _end_menu(self) -> Any:
        while True:
            deferred = self.doc.deferred
            options = []
            if deferred:
                options.append(
                    Option(
                        "deferred",
                        msg(
                            "↻ Go through the {n} question(s) to review", self.lang, n=len(deferred)
                        ),
                    )
                )
            options += [
                Option("review", msg("✎ Review a section", self.lang)),
                Option("quit", msg("✓ Finish", self.lang)),
            ]
            last = self.q.sections[-1]
            self._enter(last.id)
            reply = self.prompter.choose(
                Menu(
                    key="end",
                    header=self._header(last.questions[-1]),
                    title=msg(
                        "End of the questionnaire — {n} answers", self.lang, n=self.doc.count()
                    ),
                    options=tuple(options),
                    default="deferred" if deferred else "quit",
                    table=self._deferred_table(),
                )
            )
            if reply is BACK:
                return BACK
            if reply == "deferred":
                spots = [s for path in deferred for s in self._deferred_spots(path)]
                self._walk_spots(spots)
            elif reply == "review":
                self._pick_section_to_review()
            elif reply == "quit":
                return None

    def _deferred_spots(self, path: str) -> list[Spot]:
        spots = self.resolve(path)
        if not spots:
            self._undefer(path)
            self._save()
            self.prompter.notice(
                msg(
                    "“{path}” no longer exists, dropped from the questions to review.",
                    self.lang,
                    path=path,
                )
            )
        return spots

    def _pick_section_to_review(self) -> None:
        options = tuple(
            Option(s.id, f"{n}. {text(s.title, self.lang)}")
            for n, s in enumerate(self.q.sections, 1)
        )
        last = self.q.sections[-1]
        reply = self.prompter.choose(
            Menu(
                key="pick-section",
                header=self._header(last.questions[-1]),
                title=msg("Which section?", self.lang),
                options=options,
                default=options[0].value,
            )
        )
        section = self.q.section(reply) if isinstance(reply, str) else None
        if section is not None:
            self._enter(section.id)
            self._review(section)

    def _section_card(self, section: Section, question: Question) -> Any:
        return self.prompter.choose(
            Menu(
                key=f"section:{section.id}",
                header=self._header(question),
                title=text(section.title, self.lang),
                help=text(section.intro, self.lang),
                options=(Option("start", msg("Start ▸", self.lang)),),
                default="start",
            )
        )

    # --- navigation helpers -------------------------------------------------------------------

    def _shown_top(self, index: int) -> bool:
        return conditions.is_shown(self.top[index].when, self._context())

    def _next_shown(self, index: int) -> int:
        while index < len(self.top) and not self._shown_top(index):
            index += 1
        return index

    def _prev_shown(self, index: int) -> int | None:
        for i in range(index - 1, -1, -1):
            if self._shown_top(i):
                return i
        return None

    def _section_end(self, section: Section) -> int:
        return self._index[section.questions[-1].id] + 1

    def _last_shown(self, section: Section, fallback: int) -> int:
        previous = self._prev_shown(self._section_end(section))
        return previous if previous is not None else fallback

    def _first_open(self, start: int) -> int:
        deferred = set(self.doc.deferred)
        for i in range(start, len(self.top)):
            if self._shown_top(i) and self._is_open(self.top[i], deferred):
                return i
        return len(self.top)

    def _is_open(self, question: Question, deferred: set[str]) -> bool:
        """Not answered yet: no key at all, or a list item missing a required field."""
        if question.id in deferred:
            return False
        if question.id not in self.doc.answers:
            return True
        if not question.is_list:
            return False
        for item in self.doc.items(question.id):
            item_plain = {str(k): v for k, v in item.items()}
            for field in question.fields or []:
                spot = Spot(field, question, str(item.get("id")))
                if (
                    field.required
                    and values.is_empty(item.get(field.id))
                    and spot.path not in deferred
                    and self._shown(spot, item_plain)
                ):
                    return True
        return False

    # --- state ------------------------------------------------------------------------------

    def _context(self) -> dict[str, Any]:
        if self._plain is None:
            self._plain = self.doc.plain()
        return self._plain

    def _items(self) -> values.Items:
        if self._items_cache is None:
            self._items_cache = items_index(self.q, self._context())
        return self._items_cache

    def _changed(self) -> None:
        self._plain = None
        self._items_cache = None

    def _save(self) -> None:
        self.doc.save()
        self.saves += 1

    def _enter(self, section_id: str) -> None:
        now = self.clock()
        if self._section is not None:
            self._elapsed[self._section] = self._elapsed.get(self._section, 0.0) + now - self._since
        self._section, self._since = section_id, now

    def _spent(self, section_id: str) -> float:
        spent = self._elapsed.get(section_id, 0.0)
        if section_id == self._section:
            spent += self.clock() - self._since
        return spent

    def _item_plain(self, spot: Spot) -> dict[str, Any]:
        if spot.parent is None or spot.item_id is None:
            return {}
        return self._item_values(spot.parent, spot.item_id)

    def _item_values(self, parent: Question, item_id: str) -> dict[str, Any]:
        item = self.doc.item(parent.id, item_id)
        return {str(k): _as_plain(v) for k, v in item.items()} if item is not None else {}

    def _shown(self, spot: Spot, item_plain: dict[str, Any] | None = None) -> bool:
        context = self._context()
        if spot.parent is not None:
            item = item_plain if item_plain is not None else self._item_plain(spot)
            context = {**context, "item": item}
        return conditions.is_shown(spot.question.when, context)

    def _stored(self, spot: Spot) -> tuple[bool, Any]:
        if spot.parent is None:
            answers = self.doc.answers
            return spot.question.id in answers, answers.get(spot.question.id)
        item = self.doc.item(spot.parent.id, spot.item_id or "")
        if item is None:
            return False, None
        return spot.question.id in item, item.get(spot.question.id)

    def _default(self, spot: Spot, context: dict[str, Any]) -> Any:
        """The question's default over `context`, typed; None when it has none or it is invalid."""
        default = spot.question.default
        if default is None:
            return None
        raw = conditions.computed_default(default, context)
        if isinstance(raw, str):
            try:
                # Jinja renders numbers the Python way (1200.5), hence English parsing.
                raw = values.parse(spot.question, raw, "en", self._items())
            except values.InvalidValue:
                return None
        if values.is_empty(raw) or values.check(spot.question, raw, self.lang, self._items()):
            return None
        return raw

    def _default_context(self, spot: Spot) -> dict[str, Any]:
        if spot.parent is None:
            return self._context()
        return {**self._context(), "item": self._item_plain(spot)}

    # --- deferring ---------------------------------------------------------------------------

    def _defer(self, path: str) -> None:
        deferred = self.doc.deferred
        if path not in deferred:
            self.doc.set_deferred([*deferred, path])

    def _undefer(self, path: str) -> None:
        deferred = self.doc.deferred
        if path in deferred:
            self.doc.set_deferred([p for p in deferred if p != path])

    # --- asking one value --------------------------------------------------------------------

    def _header(self, question: Question, where: str = "") -> Header:
        section = self.q.section_of(question.id)
        shown = [q for q in section.questions if conditions.is_shown(q.when, self._context())]
        number = shown.index(question) + 1 if question in shown else 1
        territory = self.doc.get("territory_name")
        return Header(
            territory=str(territory) if territory else self.doc.path.stem,
            section=text(section.title, self.lang),
            section_number=self.q.sections.index(section) + 1,
            section_count=len(self.q.sections),
            question_number=number,
            question_count=max(len(shown), number),
            elapsed_seconds=self._spent(section.id),
            timebox_minutes=section.timebox,
            where=where,
        )

    def _where(self, spot: Spot) -> str:
        if spot.parent is None:
            return ""
        list_label = text(spot.parent.label, self.lang)
        if spot.item_id is None:
            new_id = next_item_id(spot.parent, self.doc.items(spot.parent.id))
            return list_label + " › " + msg("{item} (new)", self.lang, item=new_id)
        return f"{list_label} › {self._item_name(spot.parent, spot.item_id)}"

    def _item_name(self, parent: Question, item_id: str) -> str:
        item = self.doc.item(parent.id, item_id)
        title = item.get(parent.item_title or "", "") if item is not None else ""
        return display.item_label(item_id, str(title or ""))

    def _options(self, question: Question) -> tuple[Option, ...]:
        lang = self.lang
        options: list[Option]
        if question.type == "boolean":
            options = [Option(True, msg("Yes", lang)), Option(False, msg("No", lang))]
        elif question.type == "reference":
            options = [
                Option(item_id, display.item_label(item_id, title))
                for item_id, title in self._items().get(question.to or "", [])
            ]
        else:
            options = [
                Option(c.id, text(c.label, lang), text(c.help, lang))
                for c in question.choices or []
            ]
        if not question.required and not question.is_multi:
            options.append(Option(None, msg("(no answer)", lang)))
        return tuple(options)

    def _accept(self, question: Question, reply: Any) -> Any:
        """The answer to store for a reply, or InvalidValue with a message in the room's language.

        Text is parsed as typed (French numbers and dates included); a choice prompt's reply is
        already a value.
        """
        if isinstance(reply, str):
            value = values.parse(question, reply, self.lang, self._items())
        else:
            value = reply
        problems = values.check(question, value, self.lang, self._items())
        if problems:
            raise values.InvalidValue(
                " ; ".join(problems) if self.lang == "fr" else "; ".join(problems)
            )
        return None if values.is_empty(value) else value

    def _prompt(self, spot: Spot) -> Any:
        """Ask until the reply is valid; returns the typed value, BACK or DEFER."""
        question = spot.question
        present, stored = self._stored(spot)
        if values.is_empty(stored):
            # An answer deliberately left empty stays empty; an unseen one gets its default.
            current = (
                None
                if present and spot.parent is None
                else self._default(spot, self._default_context(spot))
            )
        else:
            current = stored
        error: str | None = None
        typed: str | None = None  # a rejected reply, shown again to be corrected
        choices = prompt_kind(question) in ("select", "checkbox")
        while True:
            request = Ask(
                header=self._header(spot.top, self._where(spot)),
                question=question,
                path=spot.path,
                label=text(question.label, self.lang),
                help=text(question.help, self.lang),
                lang=self.lang,
                text=typed if typed is not None else display.as_input(question, current, self.lang),
                current=current,
                options=self._options(question) if choices else (),
                error=error,
                deferred=spot.path in self.doc.deferred,
                currency=self.q.currency,
            )
            reply = self.prompter.ask(request)
            if reply is BACK or reply is DEFER:
                return reply
            try:
                return self._accept(question, reply)
            except values.InvalidValue as exc:
                error = str(exc)
                typed = reply if isinstance(reply, str) else None

    def _ask_spot(self, spot: Spot) -> tuple[_Go, Spot]:
        """Ask one value and record it; returns where to go and the spot (a new item has an id)."""
        question = spot.question
        if question.type == "reference" and not self._items().get(question.to or ""):
            target = self.q.question(question.to or "")
            names = {
                "label": text(question.label, self.lang),
                "target": text(target.label, self.lang) if target else question.to,
            }
            if question.required:
                spot = self._record(spot, DEFER, quiet=True)
                self.prompter.notice(
                    msg(
                        "“{label}”: no items in “{target}” yet, question set aside to review.",
                        self.lang,
                        **names,
                    )
                )
            else:
                self.prompter.notice(
                    msg(
                        "“{label}”: no items in “{target}” yet, question skipped.",
                        self.lang,
                        **names,
                    )
                )
            return _Go.SKIP, spot
        reply = self._prompt(spot)
        if reply is BACK:
            return _Go.BACK, spot
        return _Go.NEXT, self._record(spot, reply)

    def _record(self, spot: Spot, reply: Any, quiet: bool = False) -> Spot:
        """Store an answer, or set the question aside (DEFER); a new list item is made first."""
        if spot.parent is not None and spot.item_id is None:
            item = self.doc.add_item(self.q, spot.parent)
            spot = Spot(spot.question, spot.parent, str(item["id"]))
            self._changed()
        if reply is not DEFER:
            self._store(spot, reply)
            return spot
        self._defer(spot.path)
        if (
            spot.parent is None
            and spot.question.is_list
            and spot.question.id not in self.doc.answers
        ):
            self.doc.set(self.q, spot.question.id, [])  # seen: a later session goes past it
            self._changed()
        self._save()
        if not quiet:
            label = text(spot.question.label, self.lang)
            self.prompter.notice(msg("Set aside: “{label}” (to review).", self.lang, label=label))
        return spot

    def _store(self, spot: Spot, value: Any) -> None:
        before = self._context()
        question = spot.question
        if spot.parent is None:
            # None is written as `key:` so that the question counts as seen (see the docstring).
            self.doc.set(self.q, question.id, value)
        else:
            item = self.doc.item(spot.parent.id, spot.item_id or "")
            if item is None:
                return
            if value is None:
                item.pop(question.id, None)
            else:
                self.doc.set_field(spot.parent, item, question.id, value)
        self._undefer(spot.path)
        self._changed()
        self._follow_defaults(spot, before)
        self._save()

    def _follow_defaults(self, changed: Spot, before: dict[str, Any]) -> None:
        """Later answers equal to their old computed default take the new one."""
        for spot, old_context, new_context in self._dependents(changed, before):
            present, stored = self._stored(spot)
            if not present or values.is_empty(stored):
                continue
            old = self._default(spot, old_context)
            new = self._default(spot, new_context)
            if old is None or new is None or old == new or _as_plain(stored) != _as_plain(old):
                continue
            if spot.parent is None:
                self.doc.set(self.q, spot.question.id, new)
            else:
                item = self.doc.item(spot.parent.id, spot.item_id or "")
                if item is not None:
                    self.doc.set_field(spot.parent, item, spot.question.id, new)
            self._changed()
            self.prompter.notice(
                msg(
                    "“{label}” recomputed: {value}",
                    self.lang,
                    label=text(spot.question.label, self.lang),
                    value=display.answer(
                        spot.question, new, self.lang, self._items(), self.q.currency
                    ),
                )
            )

    def _dependents(
        self, changed: Spot, before: dict[str, Any]
    ) -> Iterator[tuple[Spot, dict[str, Any], dict[str, Any]]]:
        """Questions with a computed default after `changed`, with their old and new contexts."""
        after = self._context()

        def with_item(context: dict[str, Any], parent: Question, item_id: str) -> dict[str, Any]:
            for item in context.get(parent.id) or []:
                if isinstance(item, dict) and str(item.get("id")) == item_id:
                    return {**context, "item": item}
            return {**context, "item": {}}

        if changed.parent is not None:
            fields = changed.parent.fields or []
            start = fields.index(changed.question) + 1
            for field in fields[start:]:
                if _computed(field):
                    item_id = changed.item_id or ""
                    yield (
                        Spot(field, changed.parent, item_id),
                        with_item(before, changed.parent, item_id),
                        with_item(after, changed.parent, item_id),
                    )
            start_top = self._index[changed.parent.id] + 1
        else:
            start_top = self._index[changed.question.id] + 1
        for question in self.top[start_top:]:
            if question.is_list:
                for field in question.fields or []:
                    if _computed(field):
                        for item in self.doc.items(question.id):
                            item_id = str(item.get("id"))
                            yield (
                                Spot(field, question, item_id),
                                with_item(before, question, item_id),
                                with_item(after, question, item_id),
                            )
            elif _computed(question):
                yield Spot(question), before, after

    # --- top-level questions -----------------------------------------------------------------

    def _ask_top(self, question: Question) -> _Go:
        if question.is_list:
            return self._list(question)
        return self._ask_spot(Spot(question))[0]

    def _edit_top(self, question: Question) -> None:
        """Change one answer from the review screen, then ask what it newly brings up."""
        section = self.q.section_of(question.id)
        shown_before = {q.id for q in section.questions if self._shown(Spot(q))}
        if self._ask_top(question) is _Go.BACK:
            return
        start = section.questions.index(question) + 1
        for later in section.questions[start:]:
            present, _ = self._stored(Spot(later))
            newly_shown = later.id not in shown_before and self._shown(Spot(later))
            if newly_shown and not present and self._ask_top(later) is _Go.BACK:
                return

    # --- lists ---------------------------------------------------------------------------------

    def _list(self, question: Question) -> _Go:
        lang = self.lang
        default = "done" if self.doc.items(question.id) else "add"
        error: str | None = None
        while True:
            items = self.doc.items(question.id)
            options = [
                Option(
                    "add", msg("+ Add another item", lang) if items else msg("+ Add an item", lang)
                )
            ]
            if items:
                options.append(Option("edit", msg("✎ Edit an item", lang)))
                options.append(Option("remove", msg("✕ Remove an item", lang)))
            if len(items) > 1:
                options.append(Option("move", msg("↕ Move an item", lang)))
            options.append(Option("done", msg("✓ Continue", lang)))
            reply = self.prompter.choose(
                Menu(
                    key=f"list:{question.id}",
                    header=self._header(question),
                    title=text(question.label, lang),
                    help=text(question.help, lang),
                    options=tuple(options),
                    default=default,
                    table=self._items_table(question),
                    error=error,
                    can_defer=True,
                )
            )
            error = None
            if reply is BACK:
                return _Go.BACK
            if reply is DEFER:
                self._record(Spot(question), DEFER)
                return _Go.NEXT
            if reply == "done":
                problems = values.check(question, [dict(i) for i in items], lang, self._items())
                if question.min is not None and len(items) < question.min:
                    # values.check leaves an empty list to `required`; here the room is told
                    minimum = values.rule_message(question, "min", lang, "items", question.min)
                    problems.append(minimum)
                if problems:
                    error, default = problems[0], "add"
                    continue
                if question.id not in self.doc.answers:
                    self.doc.set(self.q, question.id, [])
                    self._changed()
                    self._save()
                self._undefer(question.id)
                return _Go.NEXT
            if reply == "add":
                self._item_fields(question, None, list(question.fields or []))
                default = "add"
            elif reply == "edit":
                self._edit_item(question)
                default = "done"
            elif reply == "remove":
                self._remove_item(question)
                default = "done"
            elif reply == "move":
                self._move_item(question)
                default = "done"

    def _items_table(self, question: Question) -> Table:
        short = [
            f for f in question.fields or [] if f.id != question.item_title and f.type != "textarea"
        ][:4]
        title_field = question.field(question.item_title or "")
        columns = ["", text(title_field.label, self.lang) if title_field else ""]
        columns += [text(f.label, self.lang) for f in short]
        rows = []
        for item in self.doc.items(question.id):
            row = [str(item.get("id", "")), str(item.get(question.item_title or "", "") or "")]
            row += [self._cell(f, _as_plain(item.get(f.id))) for f in short]
            rows.append(tuple(row))
        return Table(tuple(columns), tuple(rows))

    def _cell(self, question: Question, value: Any) -> str:
        if question.type == "scale":
            return display.level(value, question)  # ●●●○○: narrow, read at a glance
        return display.answer(question, value, self.lang, self._items(), self.q.currency)

    def _pick_item(self, question: Question, key: str, title: str) -> str | None:
        items = self.doc.items(question.id)
        options = tuple(
            Option(str(item.get("id")), self._item_name(question, str(item.get("id"))))
            for item in items
        )
        reply = self.prompter.choose(
            Menu(
                key=f"{key}:{question.id}",
                header=self._header(question),
                title=title,
                options=options,
                default=options[0].value if options else None,
                table=self._items_table(question),
            )
        )
        return reply if isinstance(reply, str) else None

    def _item_fields(self, parent: Question, item_id: str | None, fields: list[Question]) -> _Go:
        """Ask an item's fields in order; a new item is created with its first answer."""
        i, forward = 0, True
        while 0 <= i < len(fields):
            spot = Spot(fields[i], parent, item_id)
            if self._shown(spot):
                go, spot = self._ask_spot(spot)
                item_id = spot.item_id
            else:
                go = _Go.SKIP
            if go is _Go.BACK or (go is _Go.SKIP and not forward):
                i, forward = i - 1, False
            else:
                i, forward = i + 1, True
        return _Go.BACK if i < 0 else _Go.NEXT

    def _edit_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-item", msg("Which item?", self.lang))
        if item_id is None:
            return
        fields = list(question.fields or [])
        item_plain = self._item_values(question, item_id)
        shown = [f for f in fields if self._shown(Spot(f, question, item_id), item_plain)]
        options = [Option("*", msg("Every field, in order", self.lang))]
        for field in shown:
            value = display.answer(
                field, item_plain.get(field.id), self.lang, self._items(), self.q.currency
            )
            options.append(
                Option(
                    field.id,
                    f"{text(field.label, self.lang)} : {value}"
                    if self.lang == "fr"
                    else f"{text(field.label, self.lang)}: {value}",
                )
            )
        name = self._item_name(question, item_id)
        reply = self.prompter.choose(
            Menu(
                key=f"pick-field:{question.id}",
                header=self._header(question),
                title=msg("{item}: which field?", self.lang, item=name),
                options=tuple(options),
                default=shown[0].id if shown else "*",
            )
        )
        if reply == "*":
            self._item_fields(question, item_id, fields)
            return
        chosen = question.field(reply) if isinstance(reply, str) else None
        if chosen is None:
            return
        before = {f.id for f in shown}
        if self._item_fields(question, item_id, [chosen]) is _Go.BACK:
            return
        start = fields.index(chosen) + 1
        item_plain = self._item_values(question, item_id)
        newly = [
            f
            for f in fields[start:]
            if f.id not in before
            and values.is_empty(item_plain.get(f.id))
            and self._shown(Spot(f, question, item_id), item_plain)
        ]
        if newly:
            self._item_fields(question, item_id, newly)

    def _remove_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-remove", msg("Which item should go?", self.lang))
        if item_id is None:
            return
        name = self._item_name(question, item_id)
        cited = self._citations(question, item_id)
        reply = self.prompter.choose(
            Menu(
                key=f"confirm-remove:{question.id}",
                header=self._header(question),
                title=msg("Remove {item}?", self.lang, item=name),
                help=msg(
                    "{item} is cited by {refs}: those references will need fixing.",
                    self.lang,
                    item=item_id,
                    refs=", ".join(cited),
                )
                if cited
                else "",
                options=(
                    Option(False, msg("No", self.lang)),
                    Option(True, msg("Yes", self.lang)),
                ),
                default=False,
            )
        )
        if reply is True:
            self.doc.remove_item(question.id, item_id)
            prefix = f"{question.id}[{item_id}]."
            self.doc.set_deferred([p for p in self.doc.deferred if not p.startswith(prefix)])
            self._changed()
            self._save()
            self.prompter.notice(msg("{item} removed.", self.lang, item=name))

    def _citations(self, target: Question, item_id: str) -> list[str]:
        """Where an item is cited (`A1 (Besoins servis)`): removing it is a conscious choice."""
        found = []
        for question in self.top:
            for field in question.fields or []:
                if field.type == "reference" and field.to == target.id:
                    for item in self.doc.items(question.id):
                        value = item.get(field.id)
                        refs = value if isinstance(value, list) else [value]
                        if item_id in [str(r) for r in refs]:
                            found.append(f"{item.get('id')} ({text(field.label, self.lang)})")
            if question.type == "reference" and question.to == target.id:
                value = self.doc.get(question.id)
                if item_id in [str(r) for r in (value if isinstance(value, list) else [value])]:
                    found.append(text(question.label, self.lang))
        return found

    def _move_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-move", msg("Which item should move?", self.lang))
        if item_id is None:
            return
        ids = [str(item.get("id")) for item in self.doc.items(question.id)]
        options = [
            Option(i, msg("before {item}", self.lang, item=self._item_name(question, other)))
            for i, other in enumerate(ids)
            if other != item_id
        ]
        options.append(Option(len(ids), msg("at the end", self.lang)))
        name = self._item_name(question, item_id)
        reply = self.prompter.choose(
            Menu(
                key=f"move-to:{question.id}",
                header=self._header(question),
                title=msg("Where should {item} go?", self.lang, item=name),
                options=tuple(options),
                default=options[0].value,
            )
        )
        if not isinstance(reply, int) or isinstance(reply, bool):
            return
        old = ids.index(item_id)
        new = reply - 1 if reply > old else reply
        if new != old:
            self.doc.move_item(question.id, item_id, new - old)
            self._changed()
            self._save()

    # --- review ----------------------------------------------------------------------------

    def _review(self, section: Section) -> Any:
        """The section's answers as a table, with a way to change any of them."""
        lang = self.lang
        while True:
            reply = self.prompter.choose(
                Menu(
                    key=f"review:{section.id}",
                    header=self._header(section.questions[-1]),
                    title=msg("Review: {section}", lang, section=text(section.title, lang)),
                    table=self._answers_table(section),
                    options=(
                        Option("continue", msg("✓ Continue", lang)),
                        Option("edit", msg("✎ Change an answer", lang)),
                    ),
                    default="continue",
                )
            )
            if reply is BACK:
                return BACK
            if reply == "continue":
                return None
            if reply == "edit":
                question = self._pick_question(section)
                if question is not None:
                    self._edit_top(question)

    def _review_rows(self, section: Section) -> Iterator[tuple[Question, str, str]]:
        deferred = set(self.doc.deferred)
        number = 0
        for question in section.questions:
            present, stored = self._stored(Spot(question))
            shown = self._shown(Spot(question))
            if not shown and not present:
                continue
            number += 1 if shown else 0
            value = display.answer(
                question, _as_plain(stored), self.lang, self._items(), self.q.currency
            )
            if question.id in deferred or any(p.startswith(f"{question.id}[") for p in deferred):
                value += "  [" + msg("to review", self.lang) + "]"
            if not shown:
                value += "  " + msg("(no longer applies)", self.lang)
            yield question, str(number) if shown else "", value

    def _answers_table(self, section: Section) -> Table:
        rows = tuple(
            (number, text(question.label, self.lang), value)
            for question, number, value in self._review_rows(section)
        )
        columns = ("#", msg("Question", self.lang), msg("Answer", self.lang))
        return Table(columns, rows)

    def _pick_question(self, section: Section) -> Question | None:
        rows = list(self._review_rows(section))
        options = tuple(
            Option(
                question.id,
                f"{number or '·'}. {text(question.label, self.lang)} — {_shorten(value, 40)}",
            )
            for question, number, value in rows
        )
        if not options:
            return None
        reply = self.prompter.choose(
            Menu(
                key=f"pick-question:{section.id}",
                header=self._header(section.questions[-1]),
                title=msg("Which answer?", self.lang),
                options=options,
                default=options[0].value,
            )
        )
        return self.q.question(reply) if isinstance(reply, str) else None

    def _deferred_table(self) -> Table | None:
        rows = []
        for path in self.doc.deferred:
            spots = self.resolve(path)
            if not spots:
                continue
            spot = spots[0]
            label = text(spot.question.label, self.lang)
            if spot.parent is not None:
                label = f"{self._item_name(spot.parent, spot.item_id or '')} › {label}"
            rows.append((path, label))
        if not rows:
            return None
        return Table(("", msg("to review", self.lang)), tuple(rows))


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _computed(question: Question) -> bool:
    return isinstance(question.default, str) and conditions.is_template(question.default)


def _as_plain(value: Any) -> Any:
    """A value as the file holds it, in plain types (CommentedSeq → list, a date → ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
