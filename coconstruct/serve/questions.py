"""The open question at work: the facilitator opens it, phones answer, closing writes the words.

Like a dot, an answer is in the journal before the phone hears "yes" (202); closing writes the
question, its date, its base (the participants who answered) and each word with its count to
the answers file through the one Editor, in one save, and only then closes it in the journal:
a kill -9 loses no word. A close written to the file but not to the journal is found again at
the next start (`settle_written`), so the words are never written twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import N_
from coconstruct.serve import words as words_mod
from coconstruct.serve.room import CLOSED, OPEN, Question, Refused

if TYPE_CHECKING:
    from coconstruct.serve.service import RoomService

WRITING = "writing"  # being written to the file: no answer is taken meanwhile


class Questions:
    """The room's open question, as the service runs it."""

    def __init__(self, service: RoomService) -> None:
        self.service = service
        self.written: str | None = None  # when the last question was written (HH:MM)

    @property
    def current(self) -> Question | None:
        return self.service.room.question

    async def open(self, text: Any) -> Question:
        if not isinstance(text, str) or not " ".join(text.split()):
            raise Refused(422, "missing", N_("Write the question to ask")).on("text")
        line = " ".join(text.split())
        if len(line) > words_mod.TEXT_MAX:
            raise Refused(
                422,
                "too_long",
                N_("The question is too long ({n} characters at most)"),
                n=words_mod.TEXT_MAX,
            ).on("text")
        current = self.current
        if current is not None and current.status != CLOSED:
            raise Refused(409, "question_open", N_("A question is already open: close it first"))
        number = current.number + 1 if current else 1
        await self.service._commit({"t": "question", "n": number, "text": line})
        self.written = None
        self.publish()
        question = self.current
        assert question is not None
        return question

    def check_answer(self, participant: Any, text: Any) -> tuple[str, Question, list[str]]:
        """An answer checked (the room, its words); refused, it costs the phone nothing."""
        found, question = self.service.room.check_words(participant)
        return found.id, question, words_mod.split(text)

    async def answer(self, participant: str, question: Question, said: list[str]) -> None:
        record: dict[str, Any] = {"t": "words", "p": participant, "n": question.number, "w": said}
        earlier = question.answers.get(participant)
        if earlier:
            record["was"] = earlier  # what a journal that fails puts back
        await self.service._commit(record)
        self.publish()

    async def close(self) -> dict[str, Any]:
        """Close the question; its words go to the answers file (it stays open if they cannot)."""
        question = self.current
        if question is None or question.status != OPEN:
            raise Refused(409, "no_question", N_("No question is open at the moment"))
        counted = words_mod.count(question.answers)
        respondents = len(question.answers)
        item: str | None = None
        if respondents:
            question.status = WRITING  # no answer taken while the file is written
            try:
                item = await self.service._in_file(
                    self.service.workshop.write_words,
                    question.text,
                    self.service.today(),
                    respondents,
                    [(w.word, w.count) for w in counted],
                )
            except Refused:
                question.status = OPEN
                raise
            question.status = OPEN
            self.written = dt.datetime.now().strftime("%H:%M")
        await self.service._settle({"t": "question_close", "n": question.number, "item": item})
        self.publish()
        return {"item": item, "respondents": respondents}

    def settle_written(self) -> None:
        """After a crash: an open question the file already holds (same text, same base) was
        closed just before it; the journal says so now, so that it is not written twice."""
        question = self.current
        if question is None or question.status != OPEN or not question.answers:
            return
        item = self.service.workshop.written_question(question.text, len(question.answers))
        if item is not None:
            self.service.room.apply({"t": "question_close", "n": question.number, "item": item})

    @property
    def waiting(self) -> bool:
        """Answers received that the file does not hold yet: the room is not over."""
        question = self.current
        return question is not None and question.status != CLOSED and bool(question.answers)

    def state(self, participant: str | None = None) -> dict[str, Any] | None:
        """The question as the pages read it: its text, whether open, its base and its words."""
        question = self.current
        if question is None:
            return None
        state: dict[str, Any] = {
            "number": question.number,
            "text": question.text,
            "status": CLOSED if question.status == CLOSED else OPEN,
            "respondents": len(question.answers),
            "words": [w.public() for w in words_mod.count(question.answers)],
            "item": question.item,
        }
        if participant is not None:
            state["mine"] = question.answers.get(participant, [])
        return state

    def publish(self) -> None:
        """A small event: the pages that show the words read the state again."""
        question = self.current
        self.service.broker.publish(
            "question",
            {
                "number": question.number if question else None,
                "status": (CLOSED if question.status == CLOSED else OPEN) if question else None,
                "respondents": len(question.answers) if question else 0,
            },
        )
