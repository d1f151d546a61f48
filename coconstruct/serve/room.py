"""The room's own state: who joined, where each dot is, the post-its, whether voting is open.

Plain values and rules, no I/O, no clock, no network: the server applies a `Record` here, writes
it to the journal (journal.py) and replays the same records after a restart, so the room after a
crash is the room before it. Every refusal is a `Refused` with an HTTP status and a message id
(English, translated where it is shown).

Nothing here names a person: a participant is a random id and the list of items their dots are on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coconstruct.language.messages import N_, msg

NOT_STARTED, OPEN, CLOSED = "not_started", "open", "closed"
# what happens to a post-it: waiting, then accepted as an item, merged into one, or not kept
WAITING, ACCEPTED, MERGED, REJECTED = "open", "accepted", "merged", "rejected"

MAX_PARTICIPANTS = 1000
MAX_IDEAS = 2000  # every post-it of the day, waiting or settled
MAX_WAITING = 500


class Refused(Exception):
    """A request the room turns down: `status` for HTTP, `message` an English catalog id."""

    def __init__(
        self, status: int, code: str, message: str, translated: str | None = None, **values: object
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.translated = translated  # a message already in the reader's language
        self.values = values
        self.field: str | None = None  # the form's field it is about, for the page to point at

    def on(self, field: str) -> Refused:
        self.field = field
        return self

    def text(self, lang: str) -> str:
        return self.translated or msg(self.message, lang, **self.values)


@dataclass
class Participant:
    id: str
    votes: list[str] = field(default_factory=list)  # one entry per dot, by item id


@dataclass
class Idea:
    """A post-it: a need, a resource or a partner proposed from a phone."""

    id: str
    participant: str
    list: str  # needs, resources, partners
    title: str
    category: str  # the choice id of the list's kind (domain, type, actor type)
    description: str
    status: str = WAITING
    item: str | None = None  # the item it became or joined
    written: str | None = None  # what went to the file: the title accepted, the line merged

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list": self.list,
            "title": self.title,
            "category": self.category,
            "description": self.description,
            "status": self.status,
            "item": self.item,
            "written": self.written,
        }


@dataclass
class Question:
    """The open question put to the phones (« En un mot, le territoire en 2030 ? »)."""

    number: int  # the room's questions are numbered 1, 2… (a record names the one it is for)
    text: str
    status: str = OPEN  # open, then closed (its words written to the answers file)
    answers: dict[str, list[str]] = field(default_factory=dict)  # participant → their words
    item: str | None = None  # the answers file's item it became (Q1), once closed


@dataclass
class Room:
    dots: int
    voting: str = NOT_STARTED
    participants: dict[str, Participant] = field(default_factory=dict)
    tally: Counter[str] = field(default_factory=Counter)
    ideas: dict[str, Idea] = field(default_factory=dict)
    last_idea: int = 0
    question: Question | None = None  # the latest question asked, open or closed

    # --- reading --------------------------------------------------------------------------------

    def participant(self, participant_id: Any) -> Participant:
        found = self.participants.get(participant_id) if isinstance(participant_id, str) else None
        if found is None:
            raise Refused(
                403, "unknown_participant", N_("Unknown participant: join the room again")
            )
        return found

    def dots_left(self, participant: Participant, items: set[str]) -> int:
        """Dots not yet placed; a dot on an item removed from the file since comes back."""
        return self.dots - sum(1 for item in participant.votes if item in items)

    def voters(self, items: set[str]) -> int:
        return sum(1 for p in self.participants.values() if any(i in items for i in p.votes))

    def votes(self, items: set[str]) -> dict[str, int]:
        return {item: n for item, n in self.tally.items() if item in items and n > 0}

    def waiting(self) -> list[Idea]:
        return [idea for idea in self.ideas.values() if idea.status == WAITING]

    # --- checks before a record is made ---------------------------------------------------------

    def check_join(self) -> None:
        if len(self.participants) >= MAX_PARTICIPANTS:
            raise Refused(409, "room_full", N_("The room is full"))

    def check_vote(self, participant_id: Any, item: Any, items: set[str]) -> Participant:
        participant = self.participant(participant_id)
        if not isinstance(item, str) or item not in items:
            raise Refused(404, "unknown_item", N_("No such need: reload the page"))
        self._check_open()
        if self.dots_left(participant, items) <= 0:
            raise Refused(409, "no_dot_left", N_("You have no dot left: take one back first"))
        return participant

    def check_unvote(self, participant_id: Any, item: Any, items: set[str]) -> Participant:
        participant = self.participant(participant_id)
        if not isinstance(item, str) or item not in items:
            raise Refused(404, "unknown_item", N_("No such need: reload the page"))
        self._check_open()
        if item not in participant.votes:
            raise Refused(409, "no_dot_here", N_("You have no dot on this need"))
        return participant

    def check_idea(self, participant_id: Any) -> Participant:
        participant = self.participant(participant_id)
        if len(self.ideas) >= MAX_IDEAS or len(self.waiting()) >= MAX_WAITING:
            raise Refused(409, "too_many_ideas", N_("The wall is full: no more post-its for now"))
        return participant

    def check_settle(self, idea_id: str) -> Idea:
        idea = self.ideas.get(idea_id)
        if idea is None:
            raise Refused(404, "unknown_idea", N_("No such post-it"))
        if idea.status != WAITING:
            raise Refused(409, "settled", N_("This post-it was already dealt with"))
        return idea

    def check_words(self, participant_id: Any) -> tuple[Participant, Question]:
        participant = self.participant(participant_id)
        question = self.question
        if question is None or question.status != OPEN:
            raise Refused(409, "no_question", N_("No question is open at the moment"))
        return participant, question

    def open_question(self) -> Question | None:
        """The question the phones may answer now, if any."""
        return self.question if self.question and self.question.status == OPEN else None

    def _check_open(self) -> None:
        if self.voting == NOT_STARTED:
            raise Refused(409, "voting_not_started", N_("Voting has not started yet"))
        if self.voting == CLOSED:
            raise Refused(409, "voting_closed", N_("Voting is closed"))

    # --- records: applied, and undone when the journal could not keep them ----------------------

    def apply(self, record: dict[str, Any]) -> None:
        """Apply one journal record (already checked, or replayed from the journal)."""
        kind = record.get("t")
        if kind == "join":
            self.participants.setdefault(record["p"], Participant(record["p"]))
        elif kind == "vote":
            participant = self.participants.get(record["p"])
            if participant is not None:
                participant.votes.append(record["i"])
                self.tally[record["i"]] += 1
        elif kind == "unvote":
            participant = self.participants.get(record["p"])
            if participant is not None and record["i"] in participant.votes:
                participant.votes.reverse()  # the last dot placed there goes back
                participant.votes.remove(record["i"])
                participant.votes.reverse()
                self.tally[record["i"]] -= 1
        elif kind == "idea":
            self.ideas[record["id"]] = Idea(
                record["id"],
                record["p"],
                record["list"],
                record["title"],
                record["cat"],
                record.get("desc", ""),
            )
            self.last_idea = max(self.last_idea, _number(record["id"]))
        elif kind in ("accept", "merge", "reject"):
            idea = self.ideas.get(record["id"])
            if idea is not None:
                idea.status = {"accept": ACCEPTED, "merge": MERGED, "reject": REJECTED}[kind]
                idea.item = record.get("item")
                idea.written = record.get("written")
        elif kind == "undo":  # the facilitator took a decision back: the post-it waits again
            idea = self.ideas.get(record["id"])
            if idea is not None:
                idea.status, idea.item, idea.written = WAITING, None, None
        elif kind == "open":
            self.voting = OPEN
        elif kind == "close":
            self.voting = CLOSED
        elif kind == "question":
            self.question = Question(int(record["n"]), str(record["text"]))
        elif kind in ("words", "question_close"):
            question = self.question
            if question is None or question.number != record.get("n"):
                return  # a record of an earlier question: that one was replaced
            if kind == "words":
                question.answers[record["p"]] = list(record["w"])
            else:
                question.status, question.item = CLOSED, record.get("item")

    def revert(self, record: dict[str, Any]) -> None:
        """Undo `apply` of a record the journal failed to keep (a full disk)."""
        kind = record.get("t")
        if kind == "join":
            self.participants.pop(record["p"], None)
        elif kind == "vote":
            participant = self.participants.get(record["p"])
            if participant is not None and record["i"] in participant.votes:
                participant.votes.reverse()
                participant.votes.remove(record["i"])
                participant.votes.reverse()
                self.tally[record["i"]] -= 1
        elif kind == "unvote":
            participant = self.participants.get(record["p"])
            if participant is not None:
                participant.votes.append(record["i"])
                self.tally[record["i"]] += 1
        elif kind == "idea":
            self.ideas.pop(record["id"], None)
        elif kind == "open":
            self.voting = record.get("was", NOT_STARTED)
        elif kind == "question":
            self.question = None
        elif kind == "words" and self.question and self.question.number == record.get("n"):
            if record.get("was"):
                self.question.answers[record["p"]] = list(record["was"])
            else:
                self.question.answers.pop(record["p"], None)

    def next_idea_id(self) -> str:
        self.last_idea += 1
        return str(self.last_idea)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0
