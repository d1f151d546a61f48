"""The walk through a questionnaire: which question comes next, back, aside, and the end.

- It starts at the first question without an answer that is not set aside and can be asked (an
  optional reference to an empty list is skipped when reached), or at the first question of
  `section`. A question left empty is stored as an empty value (`key:`), so that it
  counts as seen and a resumed interview does not stop there again.
- Within a section it goes question by question, after the section's title card. `BACK` returns
  to the previous question shown, across sections too, with its answer filled in.
- The title card is shown each time the walk enters a section going forward, after a `BACK`
  into the previous section too: an Enter meant for the card must never land on a question and
  answer it empty.
- A section ends with a review screen (review.py), from which any answer can be changed; the
  interview then goes on at the next question without an answer.
- `DEFER` sets a question aside ("à revoir"): recorded under `deferred:`, offered again at the end.
- Every answer is saved as soon as it is given (atomically, durably), so an interruption loses at
  most the answer being typed. What an answer changes elsewhere (computed defaults, `when:`) is
  the Editor's business (editing.py); the interview tells the room what followed.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from coconstruct.editing.editor import Editor, next_free_id
from coconstruct.errors import UsageError
from coconstruct.interview import clock as clocks
from coconstruct.interview.clock import SectionClock
from coconstruct.interview.lists import Lists
from coconstruct.interview.protocol import (
    BACK,
    DEFER,
    Ask,
    Go,
    Header,
    Menu,
    Option,
    Prompter,
    Table,
)
from coconstruct.interview.review import Review
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import conditions, display, values, variants
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.paths import PathError, Spot
from coconstruct.model.questionnaire import Question, Questionnaire, Section, text


class Interview:
    """One interview over one answers file; the caller holds the file's lock."""

    def __init__(
        self,
        doc: AnswersFile,
        questionnaire: Questionnaire,
        prompter: Prompter,
        lang: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        editor: Editor | None = None,
    ) -> None:
        # `run --serve` passes the Editor it shares with the room's server: one document
        self.editor = editor if editor is not None else Editor(doc, questionnaire, lang)
        self.doc = doc
        self.q = questionnaire
        self.prompter = prompter
        self.lang = self.editor.lang
        self.clock = SectionClock(clock, clocks.load(doc.path))
        self.top = list(questionnaire.questions())
        self._index = {question.id: i for i, question in enumerate(self.top)}
        self._here: str | None = None  # the section of the last screen shown by the walk
        self.lists = Lists(self)
        self.review = Review(self)
        self.saves = 0

    # --- entry points ------------------------------------------------------------------------

    def run(self, section: str | None = None) -> None:
        """The whole interview: from the first open question (or `section`) to the end menu."""
        if section is not None:
            found = self.q.section(section)
            if found is None:
                known = ", ".join(s.id for s in self.q.sections)
                raise UsageError(
                    msg(
                        "--section {section}: no such section (sections: {known})",
                        self.lang,
                        section=section,
                        known=known,
                    ),
                    lang=self.lang,
                )
            index = self._next_shown(self._index[found.questions[0].id])
        else:
            index = self._first_open(0)
        self.doc.dump()  # warms the dump cache now, so that saving the first answer is quick too
        try:
            self._walk(index)
        finally:
            clocks.save(self.doc.path, self.clock.totals())

    def ask_only(self, paths: list[str]) -> None:
        """Ask the given questions (`QID`, `LIST[ID]`, `LIST[ID].FIELD`) and nothing else."""
        spots: list[Spot] = []
        for path in paths:
            spots.extend(self.editor.spots(path))
        self.doc.dump()  # warms the dump cache (see run)
        try:
            self.walk_spots(spots)
        finally:
            clocks.save(self.doc.path, self.clock.totals())

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
            self.clock.enter(section.id)
            # the section's title card, whenever the walk comes into the section going forward:
            # it frames the next hour for the room, and takes the Enter meant for it
            if (
                forward
                and section.id != self._here
                and self._section_card(section, question) is BACK
            ):
                # back from the card is back into the previous section, even when the walk
                # came to the card past questions of this section already answered
                previous = self._prev_shown(self._index[section.questions[0].id])
                if previous is not None:
                    index, forward = previous, False
                    continue
            self._here = section.id
            go = self.ask_top(question)
            if go is Go.BACK or (go is Go.SKIP and not forward):
                previous = self._prev_shown(index)
                if previous is None:
                    if go is Go.BACK:
                        self.prompter.notice(msg("This is the first question.", self.lang))
                    forward = True
                    if go is Go.SKIP:
                        index = self._next_shown(index + 1)
                    continue
                index, forward = previous, False
                continue
            forward = True
            following = self._next_shown(index + 1)
            if following >= end or self.q.section_of(self.top[following].id) != section:
                self._here = section.id
                if self.review.section(section) is BACK:
                    index, forward = self._last_shown(section, index), False
                    continue
                following = self._first_open(self._section_end(section))
            index = following

    def walk_spots(self, spots: list[Spot]) -> None:
        """Ask these spots in turn (`--ask`, the questions set aside), with back and skip."""
        i, forward = 0, True
        made: dict[str, str] = {}  # list → the item its `[+]` made here (`--ask 'needs[+]'`)
        while 0 <= i < len(spots):
            spot = spots[i]
            self.clock.enter(self.q.section_of(spot.top.id).id)
            if spot.parent is not None and spot.item_id is None and spot.parent.id in made:
                spot = Spot(spot.question, spot.parent, made[spot.parent.id])
            if spot.parent is not None and spot.item_id is None:
                go, spot = self.ask_spot(spot)
                if spot.item_id is not None:
                    made[spot.top.id] = spot.item_id
            elif (
                spot.parent is not None
                and self.doc.item(spot.parent.id, spot.item_id or "") is None
            ):
                self.editor.undefer(spot.path)  # an item removed since it was set aside
                go = Go.SKIP
            elif spot.parent is None and spot.question.is_list:
                go = self.lists.edit(spot.question)
            elif spot.parent is not None and not self.editor.shown(spot):
                go = Go.SKIP
            else:
                go = self.ask_spot(spot)[0]
            if go is Go.BACK or (go is Go.SKIP and not forward):
                if i == 0:
                    if go is Go.BACK:
                        self.prompter.notice(msg("This is the first question.", self.lang))
                    forward = True
                    i += go is Go.SKIP
                    continue
                i, forward = i - 1, False
            else:
                i, forward = i + 1, True

    def _end_menu(self) -> Any:
        while True:
            deferred = self.editor.deferred
            options = []
            if deferred:
                options.append(
                    Option(
                        "deferred",
                        nmsg(
                            "↻ Go through the question set aside",
                            "↻ Go through the {n} questions set aside",
                            len(deferred),
                            self.lang,
                        ),
                    )
                )
            options += [
                Option("review", msg("✎ Review a section", self.lang)),
                Option("quit", msg("✓ Finish", self.lang)),
            ]
            last = self.q.sections[-1]
            self.clock.enter(last.id)
            reply = self.prompter.choose(
                Menu(
                    key="end",
                    header=self.review_header(last),
                    title=msg(
                        "End of the questionnaire — {n} answers",
                        self.lang,
                        n=self.editor.answered(),
                    ),
                    options=tuple(options),
                    default="deferred" if deferred else "quit",
                    table=self.review.deferred_table(),
                )
            )
            if reply is BACK:
                return BACK
            if reply == "deferred":
                spots = [s for path in deferred for s in self._deferred_spots(path)]
                self.walk_spots(spots)
            elif reply == "review":
                self.review.pick_section()
            elif reply == "quit":
                return None

    def _deferred_spots(self, path: str) -> list[Spot]:
        try:
            return self.editor.spots(path)
        except PathError:
            self.editor.undefer(path)
            self.save()
            self.prompter.notice(
                msg(
                    "“{path}” no longer exists, dropped from the questions to review.",
                    self.lang,
                    path=path,
                )
            )
            return []

    def worded(self) -> Questionnaire:
        """The questionnaire in the words that fit the answers so far (a documented site is
        asked no workshop's questions and told of no workshop: model/variants.py)."""
        return variants.for_answers(self.q, self.editor.answers())

    def worded_section(self, section: Section) -> Section:
        return self.worded().section(section.id) or section

    def _worded_question(self, spot: Spot, question: Question) -> Question:
        top = self.worded().question(spot.top.id)
        if top is None:
            return question
        if spot.top.id == question.id:
            return top
        return top.field(question.id) or question

    def _section_card(self, section: Section, question: Question) -> Any:
        words = self.worded_section(section)
        return self.prompter.choose(
            Menu(
                key=f"section:{section.id}",
                header=self.header(question),
                title=text(words.title, self.lang),
                help=text(words.intro, self.lang),
                options=(Option("start", msg("Start ▸", self.lang)),),
                default="start",
            )
        )

    # --- navigation helpers -------------------------------------------------------------------

    def _shown_top(self, index: int) -> bool:
        return conditions.is_shown(self.top[index].when, self.editor.answers())

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
        """The first question shown and not answered that can be asked now: an optional
        reference to a list still empty is skipped when reached, so resuming there would land
        on the next question, answered already."""
        for i in range(start, len(self.top)):
            question = self.top[i]
            if self._shown_top(i) and self.editor.is_open(question) and self._askable(question):
                return i
        return len(self.top)

    def _askable(self, question: Question) -> bool:
        """Not a question `ask_spot` would skip: an optional reference with nothing to cite.
        (A required one is set aside there, with a notice: the walk still goes to it.)"""
        cited = question.kind.cites
        return cited is None or question.required or bool(self.editor.items().get(cited))

    # --- asking one value --------------------------------------------------------------------

    def save(self) -> None:
        self.editor.save()
        self.saves += 1
        clocks.save(self.doc.path, self.clock.totals())

    def header(self, question: Question, where: str = "") -> Header:
        section = self.q.section_of(question.id)
        answers = self.editor.answers()
        shown = [q for q in section.questions if conditions.is_shown(q.when, answers)]
        number = shown.index(question) + 1 if question in shown else 1
        territory = self.doc.get("territory_name")
        return Header(
            territory=str(territory) if territory else self.doc.path.stem,
            section=text(self.worded_section(section).title, self.lang),
            section_number=self.q.sections.index(section) + 1,
            section_count=len(self.q.sections),
            question_number=number,
            question_count=max(len(shown), number),
            elapsed_seconds=self.clock.spent(section.id),
            timebox_minutes=section.timebox,
            where=where,
        )

    def review_header(self, section: Section) -> Header:
        """The header of a screen about a whole section (its review, the end): question n/n."""
        answers = self.editor.answers()
        shown = [q for q in section.questions if conditions.is_shown(q.when, answers)]
        header = self.header(shown[-1] if shown else section.questions[-1])
        count = max(len(shown), 1)
        return dataclasses.replace(header, question_number=count, question_count=count)

    def _where(self, spot: Spot) -> str:
        if spot.parent is None:
            return ""
        list_label = text(spot.parent.label, self.lang)
        if spot.item_id is None:
            new_id = next_free_id(spot.parent, self.doc)
            return list_label + " › " + msg("{item} (new)", self.lang, item=new_id)
        return self.editor.place(spot.parent, spot.item_id)

    def _options(self, question: Question) -> tuple[Option, ...]:
        options = [
            Option(*offer) for offer in question.kind.options(self.lang, self.editor.items())
        ]
        if not question.required and not question.is_multi:
            options.append(Option(None, msg("(no answer)", self.lang)))
        return tuple(options)

    def _prompt(self, spot: Spot) -> Any:
        """Ask until the reply is valid; returns the typed value, BACK or DEFER."""
        question = spot.question
        present, stored = self.editor.stored(spot)
        if values.is_empty(stored):
            # An answer deliberately left empty stays empty; an unseen one gets its default.
            current = None if present and spot.parent is None else self.editor.default(spot)
        else:
            current = stored
        error: str | None = None
        typed: str | None = None  # a rejected reply, shown again to be corrected
        choices = not question.kind.entry.typed
        words = self._worded_question(spot, question)
        while True:
            request = Ask(
                header=self.header(spot.top, self._where(spot)),
                question=question,
                path=str(spot.path),
                label=text(words.label, self.lang),
                help=text(words.help, self.lang),
                lang=self.lang,
                text=typed if typed is not None else display.as_input(question, current, self.lang),
                current=current,
                options=self._options(question) if choices else (),
                error=error,
                deferred=str(spot.path) in self.editor.deferred,
                unit=question.kind.unit_hint(self.lang, self.q.currency),
            )
            reply = self.prompter.ask(request)
            if reply is BACK or reply is DEFER:
                return reply
            try:
                return self.editor.accept(spot, reply)
            except values.InvalidValue as exc:
                error = str(exc)
                typed = reply if isinstance(reply, str) else None

    def ask_spot(self, spot: Spot) -> tuple[Go, Spot]:
        """Ask one value and record it; returns where to go and the spot (a new item has an id)."""
        question = spot.question
        cited = question.kind.cites
        if cited is not None and not self.editor.items().get(cited):
            target = self.q.question(cited)
            names = {
                "label": text(question.label, self.lang),
                "target": text(target.label, self.lang) if target else question.to,
            }
            if question.required:
                spot = self.editor.defer(spot)
                self.save()
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
            return Go.SKIP, spot
        reply = self._prompt(spot)
        if reply is BACK:
            return Go.BACK, spot
        return Go.NEXT, self.record(spot, reply)

    def record(self, spot: Spot, reply: Any) -> Spot:
        """Store an answer or set the question aside (DEFER), and save; a new item is made first."""
        if reply is DEFER:
            spot = self.editor.defer(spot)
            self.save()
            label = text(spot.question.label, self.lang)
            self.prompter.notice(msg("Set aside: “{label}” (to review).", self.lang, label=label))
            return spot
        spot, followed = self.editor.store(spot, reply)
        self.save()
        for recomputed in followed:
            shown = display.answer(
                recomputed.spot.question,
                recomputed.value,
                self.lang,
                self.editor.items(),
                self.q.currency,
            )
            label = text(recomputed.spot.question.label, self.lang)
            self.prompter.notice(
                msg("“{label}” recomputed: {value}", self.lang, label=label, value=shown)
            )
        return spot

    # --- top-level questions -----------------------------------------------------------------

    def ask_top(self, question: Question) -> Go:
        if question.is_list:
            return self.lists.edit(question)
        return self.ask_spot(Spot(question))[0]

    def edit_top(self, question: Question) -> None:
        """Change one answer from the review screen, then ask what it newly brings up."""
        section = self.q.section_of(question.id)
        shown_before = {q.id for q in section.questions if self.editor.shown(Spot(q))}
        if self.ask_top(question) is Go.BACK:
            return
        start = section.questions.index(question) + 1
        for later in section.questions[start:]:
            present, _ = self.editor.stored(Spot(later))
            newly_shown = later.id not in shown_before and self.editor.shown(Spot(later))
            if newly_shown and not present and self.ask_top(later) is Go.BACK:
                return


__all__ = ["Interview", "SectionClock", "Table"]
