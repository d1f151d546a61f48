"""Review screens: a section's answers as a table, from which any answer can be changed; the
questions set aside, named for the room."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct.interview.protocol import BACK, Menu, Option, Table
from coconstruct.language.messages import msg
from coconstruct.model import display
from coconstruct.model.answers_file import as_plain
from coconstruct.model.paths import AnswerPath, PathError, Spot
from coconstruct.model.questionnaire import Question, Section, text

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
        """The section's answers as a table; choosing one changes it. After a change the cursor
        stays on that answer."""
        lang = self.lang
        focus: Any = "continue"
        while True:
            reply = self.prompter.choose(
                Menu(
                    key=f"review:{section.id}",
                    header=self.interview.review_header(section),
                    title=msg(
                        "Review: {section}",
                        lang,
                        section=text(self.interview.worded_section(section).title, lang),
                    ),
                    help=msg("Choose an answer to change it.", lang),
                    table=self._answers_table(section),
                    options=(Option("continue", msg("✓ Continue", lang)),),
                    default=focus,
                )
            )
            if reply is BACK:
                return BACK
            if reply == "continue":
                return None
            question = self.editor.q.question(reply) if isinstance(reply, str) else None
            if question is not None and self.editor.q.section_of(question.id).id == section.id:
                self.interview.edit_top(question)
                focus = question.id

    def pick_section(self) -> None:
        """From the end menu: choose a section and review it."""
        options = tuple(
            Option(s.id, f"{n}. {text(s.title, self.lang)}")
            for n, s in enumerate(self.interview.worded().sections, 1)
        )
        last = self.editor.q.sections[-1]
        reply = self.prompter.choose(
            Menu(
                key="pick-section",
                header=self.interview.review_header(last),
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
            # said first: a long answer is shortened on screen, its marks must stay visible
            here = AnswerPath(question.id)
            if not shown:
                value = msg("(no longer applies)", self.lang) + " " + value
            if any(path is not None and path.within(here) for path in deferred):
                value = "[" + msg("to review", self.lang) + "] " + value
            yield question, str(number) if shown else "", value

    def _answers_table(self, section: Section) -> Table:
        rows = list(self._rows(section))
        columns = ("#", msg("Question", self.lang), msg("Answer", self.lang))
        worded = self.interview.worded()
        return Table(
            columns,
            tuple(
                (number, text((worded.question(q.id) or q).label, self.lang), value)
                for q, number, value in rows
            ),
            tuple(q.id for q, _, _ in rows),
            title=2,
            keep=3,  # a review without its answers would say nothing
        )

    def deferred_table(self) -> Table | None:
        """The questions set aside, named as `show` names them (`Besoins › N2 · Eau potable ›
        Priorité`, Editor.describe), with their section's number."""
        rows = []
        for path in self.editor.deferred:
            try:
                spots = self.editor.spots(path)
            except PathError:
                continue
            if not spots:
                continue
            number = self.editor.q.sections.index(self.editor.q.section_of(spots[0].top.id)) + 1
            rows.append((str(number), self.editor.describe(path)))
        if not rows:
            return None
        return Table((msg("Section", self.lang), msg("To review", self.lang)), tuple(rows))


def _parsed(path: str) -> AnswerPath | None:
    try:
        return AnswerPath.parse(path)
    except PathError:
        return None
