"""Review screens: a section's answers as a table, from which any answer can be changed; the
questions set aside, named for the room."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct import display
from coconstruct.answers import as_plain
from coconstruct.i18n import msg
from coconstruct.interview.protocol import BACK, Menu, Option, Table
from coconstruct.paths import AnswerPath, PathError, Spot
from coconstruct.questionnaire import Question, Section, text

if TYPE_CHECKING:
    from coconstruct.interview.flow import Interview


class Review:
    """The review screens of one interview."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.editor = interview.editor
        self.prompter = interview.prompter
        self.lang = interview.lang

    def section(self, section: Section) -> Any:
        """The section's answers as a table, with a way to change any of them."""
        lang = self.lang
        while True:
            reply = self.prompter.choose(
                Menu(
                    key=f"review:{section.id}",
                    header=self.interview.header(section.questions[-1]),
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
                    self.interview.edit_top(question)

    def pick_section(self) -> None:
        """From the end menu: choose a section and review it."""
        options = tuple(
            Option(s.id, f"{n}. {text(s.title, self.lang)}")
            for n, s in enumerate(self.editor.q.sections, 1)
        )
        last = self.editor.q.sections[-1]
        reply = self.prompter.choose(
            Menu(
                key="pick-section",
                header=self.interview.header(last.questions[-1]),
                title=msg("Which section?", self.lang),
                options=options,
                default=options[0].value,
            )
        )
        section = self.editor.q.section(reply) if isinstance(reply, str) else None
        if section is not None:
            self.interview.clock.enter(section.id)
            self.section(section)

    def _rows(self, section: Section) -> Iterator[tuple[Question, str, str]]:
        deferred = [_parsed(p) for p in self.editor.deferred]
        number = 0
        for question in section.questions:
            present, stored = self.editor.stored(Spot(question))
            shown = self.editor.shown(Spot(question))
            if not shown and not present:
                continue
            number += 1 if shown else 0
            value = display.answer(
                question, as_plain(stored), self.lang, self.editor.items(), self.editor.q.currency
            )
            here = AnswerPath(question.id)
            if any(path is not None and path.within(here) for path in deferred):
                value += "  [" + msg("to review", self.lang) + "]"
            if not shown:
                value += "  " + msg("(no longer applies)", self.lang)
            yield question, str(number) if shown else "", value

    def _answers_table(self, section: Section) -> Table:
        rows = tuple(
            (number, text(question.label, self.lang), value)
            for question, number, value in self._rows(section)
        )
        columns = ("#", msg("Question", self.lang), msg("Answer", self.lang))
        return Table(columns, rows)

    def _pick_question(self, section: Section) -> Question | None:
        rows = list(self._rows(section))
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
                header=self.interview.header(section.questions[-1]),
                title=msg("Which answer?", self.lang),
                options=options,
                default=options[0].value,
            )
        )
        return self.editor.q.question(reply) if isinstance(reply, str) else None

    def deferred_table(self) -> Table | None:
        """The questions set aside, by label (`N2 · Eau potable › Priorité`)."""
        rows = []
        for path in self.editor.deferred:
            try:
                spots = self.editor.spots(path)
            except PathError:
                continue
            if not spots:
                continue
            spot = spots[0]
            label = text(spot.question.label, self.lang)
            if spot.parent is not None:
                label = f"{self.editor.item_name(spot.parent, spot.item_id or '')} › {label}"
            rows.append((path, label))
        if not rows:
            return None
        return Table(("", msg("to review", self.lang)), tuple(rows))


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _parsed(path: str) -> AnswerPath | None:
    try:
        return AnswerPath.parse(path)
    except PathError:
        return None
