"""The room's words in « Vision et ambition commune »: each open question asked to the phones
(coconstruct serve writes them: `open_questions`, `vision_words`), with its base.

A word's share is of the participants who answered that question (each counts a word once);
where that base is not known, or a count goes beyond it (a file edited by hand), no share is
given: a figure the data does not support is not printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coconstruct.report import wording
from coconstruct.report.content.material import Material
from coconstruct.report.parts import Cell, Phrase, Table, cell

NONE = wording.NONE


@dataclass(frozen=True)
class WordRow:
    word: Any
    count: str
    share: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.word, strong=True), cell(self.count), cell(self.share))


@dataclass(frozen=True)
class RoomQuestion:
    """One open question: what was asked, on what base, the words said more than once (a
    table) and those said once (a line), most said first."""

    id: str
    question: Phrase  # the question as asked, between the language's quotation marks
    base: Phrase  # « Posée à la salle le 8 décembre 2026 : 42 participants ont répondu »
    table: Table[WordRow]
    once: Phrase | None  # « Dits une fois : … »


def room_questions(m: Material) -> tuple[RoomQuestion, ...]:
    w, fmt = m.words, m.fmt
    said: dict[str, list[dict[str, Any]]] = {}
    for word in m.items.get("vision_words", []):
        question = word.get("question")
        key = question.get("id") if isinstance(question, dict) else question
        said.setdefault(str(key), []).append(word)
    found = []
    for asked in m.items.get("open_questions", []):
        respondents = asked.get("respondents")
        words = sorted(
            said.get(str(asked["id"]), []),
            key=lambda word: (-(word.get("count") or 0), str(word.get("word") or "").casefold()),
        )

        def share(n: Any, base: Any = respondents) -> str:
            if not isinstance(n, int) or not isinstance(base, int) or not 0 < n <= base:
                return NONE
            return fmt.percent(n / base)

        several = [word for word in words if (word.get("count") or 0) > 1]
        once = [word for word in words if (word.get("count") or 0) <= 1]
        found.append(
            RoomQuestion(
                id=str(asked["id"]),
                question=w.gettext("“{question}”", question=asked.get("text") or NONE),
                base=_base(m, asked.get("date"), respondents),
                table=Table(
                    "",
                    (w.gettext("Word"), w.gettext("Said by"), w.gettext("Share of respondents")),
                    tuple(
                        WordRow(
                            word.get("word") or NONE,
                            fmt.number(word.get("count")) if word.get("count") else NONE,
                            share(word.get("count")),
                        )
                        for word in several
                    ),
                ),
                once=w.gettext(
                    "Said once: {words}.",
                    words=", ".join(str(word.get("word") or NONE) for word in once),
                )
                if once
                else None,
            )
        )
    return tuple(found)


def _base(m: Material, day: Any, respondents: Any) -> Phrase:
    w = m.words
    answered = (
        w.ngettext(
            "{n} participant answered, with one to three words",
            "{n} participants answered, with one to three words each",
            respondents,
        )
        if isinstance(respondents, int)
        else w.gettext("number of participants who answered not known")
    )
    if day:
        return w.gettext(
            "Asked to the room on {date}: {answered}", date=m.fmt.date(day), answered=answered
        )
    return w.gettext("Asked to the room: {answered}", answered=answered)
