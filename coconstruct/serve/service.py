"""The room at work: requests become records, records reach the disk, changes reach the screens.

One `RoomService` per server, living on its event loop. A request is checked against the room
(room.py), applied, written to the journal (journal.py) and answered only once the record is on
disk; then one event per change goes to every page listening (broker.py). Post-its accepted
and votes closed are written to the answers file by the workshop (shared_file.py), in a worker
thread so that the loop never waits for a save. What the pages read of it is views.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import N_
from coconstruct.model import values
from coconstruct.serve import journal as journal_mod
from coconstruct.serve.broker import Broker
from coconstruct.serve.journal import Journal, journal_path
from coconstruct.serve.questions import Questions
from coconstruct.serve.room import (
    ACCEPTED,
    CLOSED,
    MERGED,
    NOT_STARTED,
    OPEN,
    WAITING,
    Refused,
    Room,
)
from coconstruct.serve.shared_file import Kind, Workshop
from coconstruct.serve.timer import Timers
from coconstruct.serve.tokens import Tokens

__all__ = ["DESCRIPTION_MAX", "TITLE_MAX", "RoomService", "Tokens"]

TITLE_MAX = 120


DESCRIPTION_MAX = 280


class RoomService:
    """The room of one answers file, served: its state, journal, file and listeners together."""

    def __init__(
        self,
        workshop: Workshop,
        room: Room,
        tokens: Tokens,
        journal: Journal,
        resumed: bool,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.workshop = workshop
        self.room = room
        self.tokens = tokens
        self.journal = journal
        self.resumed = resumed
        self.today = today
        self.snapshot = workshop.snapshot()
        self.broker = Broker()
        self.lang = workshop.lang  # the pages' language when the phone asks for none we have
        # the last failed write, for the facilitator's page: a catalog id, or a message as written
        self.problem: Refused | None = None
        self.results_written: str | None = None  # when the vote was last written to the file
        self.join_url = ""
        self.short_url = ""  # host:port/CODE, to type
        self.hide_results = False  # --hide-results: no need's dots on the wall until the close
        # the projector's timer: the facilitator's own, else the interview's section timebox
        self.timers = Timers(lambda state: self.broker.publish("timer", {"timer": state}))
        self.questions = Questions(self)  # the open question put to the phones (questions.py)
        self.loop: asyncio.AbstractEventLoop | None = None
        self._refreshing = False
        self._again = False
        self._tasks: set[asyncio.Task[None]] = set()

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, workshop: Workshop, dots: int) -> RoomService:
        """The room of this answers file: resumed from its journal, or a new one."""
        path = journal_path(workshop.doc.path)
        header, records, size = journal_mod.read(path)
        service: RoomService
        if header is not None:
            tokens = Tokens.read(header)
            room = Room(int(header["dots"]))
            for record in records:
                room.apply(record)
            journal = Journal(path, size, lambda lost: None)
            journal.truncate_to(size)
            service = cls(workshop, room, tokens, journal, resumed=True)
            service._settle_written_ideas()
            service.questions.settle_written()
        else:
            tokens = Tokens.new()
            header = {
                "room": tokens.room,
                "admin": tokens.admin,
                "screen": tokens.screen,
                "code": tokens.code,
                "dots": dots,
            }
            journal = Journal.create(path, header, lambda lost: None)
            service = cls(workshop, Room(dots), tokens, journal, resumed=False)
        journal._on_lost = service._lost
        return service

    def _settle_written_ideas(self) -> None:
        """A post-it written to the file just before a crash, but not to the journal: settled."""
        for idea in self.room.waiting():
            for item in self.snapshot.items.get(idea.list, ()):
                if item.title == idea.title:
                    self.room.apply({"t": "accept", "id": idea.id, "item": item.id})
                    break

    @property
    def settled(self) -> bool:
        """Nothing the room said waits to be written: the journal may go."""
        return (
            self.room.voting in (CLOSED, NOT_STARTED)
            and not self.room.waiting()
            and not self.questions.waiting
            and (
                self.room.voting == CLOSED
                or not any(p.votes for p in self.room.participants.values())
            )
        )

    @property
    def results_hidden(self) -> bool:
        """Whether the phones and the projector are kept from the dots (until the vote closes)."""
        return self.hide_results and self.room.voting != CLOSED

    @property
    def finished(self) -> bool:
        """The vote is closed and written, no post-it waits: the room is over, and its journal
        (its tokens with it) may go. Until then a restart keeps the same URLs."""
        return self.room.voting == CLOSED and not self.room.waiting() and not self.questions.waiting

    def close(self, remove_journal: bool) -> None:
        self.journal.close()
        if remove_journal:
            self.journal.path.unlink(missing_ok=True)

    # --- participants ---------------------------------------------------------------------------

    async def join(self) -> str:
        self.room.check_join()
        participant = secrets.token_urlsafe(16)
        await self._commit({"t": "join", "p": participant})
        self._publish_room()
        return participant

    async def vote(self, participant: Any, item: Any) -> int:
        items = self.snapshot.ids()
        found = self.room.check_vote(participant, item, items)
        await self._commit({"t": "vote", "p": found.id, "i": item})
        self._publish_votes(str(item))
        return self.room.dots_left(found, self.snapshot.ids())

    async def unvote(self, participant: Any, item: Any) -> int:
        items = self.snapshot.ids()
        found = self.room.check_unvote(participant, item, items)
        await self._commit({"t": "unvote", "p": found.id, "i": item})
        self._publish_votes(str(item))
        return self.room.dots_left(found, self.snapshot.ids())

    def check_proposal(self, participant: Any, body: dict[str, Any], lang: str) -> dict[str, Any]:
        """A post-it checked (the room, its words): what `propose` records. A refused one costs
        the phone nothing of its allowance: the rate is taken after this (routes)."""
        found = self.room.check_idea(participant)
        list_id = body.get("list")
        kind = self.workshop.kinds.get(list_id) if isinstance(list_id, str) else None
        if kind is None:
            raise Refused(422, "unknown_list", N_("Choose a need, a resource or a partner"))
        title, category, description = self.check_postit(
            kind, body.get("title"), body.get(kind.category.id), body.get("description"), lang
        )
        return {
            "t": "idea",
            "p": found.id,
            "list": kind.list,
            "title": title,
            "cat": category,
            "desc": description,
        }

    async def propose(self, proposal: dict[str, Any]) -> str:
        idea = self.room.next_idea_id()
        await self._commit({**proposal, "id": idea})
        self._publish_room()
        return idea

    def check_postit(
        self, kind: Kind, title: Any, category: Any, description: Any, lang: str
    ) -> tuple[str, str, str]:
        """A post-it's words, checked with the questionnaire's rules, in the reader's language;
        a refusal names the field (`Refused.field`: title, category, description)."""
        if not isinstance(title, str) or not isinstance(category, str):
            raise Refused(422, "missing", N_("A post-it needs a title and a kind"))
        if description is not None and not isinstance(description, str):
            raise Refused(422, "bad_description", N_("The description must be text"))
        clean = self._checked(kind.title, title, "title", lang) or ""
        chosen = self._checked(kind.category, category, "category", lang)
        if len(clean) > TITLE_MAX:
            raise Refused(
                422, "too_long", N_("The title is too long ({n} characters at most)"), n=TITLE_MAX
            ).on("title")
        line = " ".join(str(description or "").split())
        if len(line) > DESCRIPTION_MAX:
            raise Refused(
                422,
                "too_long",
                N_("The description is too long ({n} characters at most)"),
                n=DESCRIPTION_MAX,
            ).on("description")
        return str(clean), str(chosen), line

    @staticmethod
    def _checked(question: Any, typed: str, field: str, lang: str) -> Any:
        """One field of a post-it read and checked; a refusal says which (« Titre : … »)."""
        from coconstruct.language.messages import msg
        from coconstruct.model.questionnaire import text

        label = text(question.label, lang)
        try:
            value = values.parse(question, typed, lang)
        except values.InvalidValue as exc:
            problem = str(exc)
        else:
            problems = values.check(question, value, lang)
            if not problems:
                return value
            problem = problems[0]
        said = msg("{field}: {problem}", lang, field=label, problem=problem)
        raise Refused(422, "invalid", "", translated=said).on(field)

    # --- the facilitator ------------------------------------------------------------------------

    async def accept(self, idea_id: str, body: dict[str, Any]) -> str:
        idea = self.room.check_settle(idea_id)
        kind = self.workshop.kinds[idea.list]
        title, category, _ = self.check_postit(
            kind,
            body.get("title", idea.title),
            body.get(kind.category.id, idea.category),
            idea.description,
            self.workshop.lang,
        )
        same = self.same_title(idea.list, title)
        if same is not None:
            raise Refused(
                409,
                "duplicate",
                N_("{item} already has this title: merge the post-it into it, or change the title"),
                item=same,
            )
        idea.status = "writing"  # a second click waits for nothing: it is refused
        try:
            item: str = await self._in_file(
                self.workshop.add_item, idea.list, title, category, idea.description
            )
        finally:
            idea.status = WAITING
        await self._settle({"t": "accept", "id": idea.id, "item": item, "written": title})
        return item

    def same_title(self, list_id: str, title: str) -> str | None:
        """The item of the list whose title is this one, accents, case and small words aside."""
        from coconstruct.synthesis.similar import key

        wanted = key(title)
        for item in self.snapshot.items.get(list_id, ()):
            if key(item.title) == wanted:
                return item.id
        return None

    async def undo(self, idea_id: str) -> None:
        """Take a decision back (accepted, merged or rejected): the post-it waits again, and
        what it had written leaves the file (the item it became, the line it added)."""
        idea = self.room.ideas.get(idea_id)
        if idea is None:
            raise Refused(404, "unknown_idea", N_("No such post-it"))
        if idea.status not in (ACCEPTED, MERGED, "rejected"):
            raise Refused(409, "not_settled", N_("This post-it waits for a decision"))
        if idea.status == ACCEPTED and idea.item:
            if idea.list == "needs" and self.room.tally.get(idea.item, 0) > 0:
                raise Refused(
                    409, "has_dots", N_("{item} already has dots: it stays"), item=idea.item
                )
            if not await self._in_file(self.workshop.remove_item, idea.list, idea.item):
                raise Refused(
                    409, "cited", N_("{item} is cited by other answers: it stays"), item=idea.item
                )
        elif idea.status == MERGED and idea.item:
            line = self.workshop.merged_line(idea.title, idea.description)
            if not await self._in_file(self.workshop.unmerge, idea.list, idea.item, line):
                raise Refused(
                    409,
                    "changed",
                    N_("The description of {item} changed since: edit it in the file"),
                    item=idea.item,
                )
        await self._settle({"t": "undo", "id": idea.id})

    async def merge(self, idea_id: str, item: Any) -> str:
        idea = self.room.check_settle(idea_id)
        if not isinstance(item, str) or item not in self.snapshot.ids(idea.list):
            raise Refused(404, "unknown_item", N_("No such item: reload the page"))
        idea.status = "writing"
        try:
            await self._in_file(self.workshop.merge, idea.list, item, idea.title, idea.description)
        finally:
            idea.status = WAITING
        line = self.workshop.merged_line(idea.title, idea.description)
        await self._settle({"t": "merge", "id": idea.id, "item": item, "written": line})
        return item

    async def reject(self, idea_id: str) -> None:
        idea = self.room.check_settle(idea_id)
        await self._commit({"t": "reject", "id": idea.id})
        self._publish_idea(idea.id)
        self._publish_room()

    async def open_voting(self) -> None:
        if self.room.voting == OPEN:
            return
        await self._commit({"t": "open", "was": self.room.voting})
        self._publish_room()

    async def close_voting(self) -> dict[str, Any]:
        """Close the vote and write its results to the answers file (voting stays open if not)."""
        if self.room.voting != OPEN:
            raise Refused(409, "not_open", N_("Voting is not open"))
        self.room.voting = CLOSED  # no dot placed from now on, while the results are written
        items = self.snapshot.ids()
        votes = self.room.votes(items)
        voters = self.room.voters(items)
        try:
            await self._in_file(
                self.workshop.write_results, votes, voters, self.room.dots, self.today()
            )
        except Refused:
            self.room.voting = OPEN
            raise
        self.results_written = dt.datetime.now().strftime("%H:%M")
        await self._settle({"t": "close"})
        return {"votes": votes, "voters": voters}

    # --- inside ---------------------------------------------------------------------------------

    async def _commit(self, record: dict[str, Any]) -> None:
        """Apply a record and wait until the journal holds it; undone if it cannot."""
        self.room.apply(record)
        try:
            await self.journal.append(record)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise Refused(
                503, "not_saved", N_("Not saved ({reason}): tell the facilitator"), reason=reason
            ) from None
        if self.problem is not None and self.problem.code == "journal":
            self.problem = None  # the disk has room again

    async def _settle(self, record: dict[str, Any]) -> None:
        """Record a decision already written to the answers file: kept even if the journal fails."""
        self.room.apply(record)
        # the file holds it; after a restart, _settle_written_ideas finds it again
        with contextlib.suppress(OSError):
            await self.journal.append(record)
        self._publish_idea(record.get("id"))
        self._publish_room()
        await self.refresh()

    def _lost(self, records: list[dict[str, Any]]) -> None:
        """The journal could not keep these records: the room forgets them, newest first."""
        for record in reversed(records):
            if record.get("t") in ("accept", "merge", "undo", "close", "question_close"):
                continue  # already in the answers file
            self.room.revert(record)
        self.problem = Refused(
            503,
            "journal",
            N_(
                "The room's journal could not be written (the disk may be full): "
                "votes and post-its are refused until it can"
            ),
        )
        self.broker.publish("problem", {"message": self.problem.text(self.lang)}, admin_only=True)
        self._publish_room()
        for item in {r["i"] for r in records if r.get("t") in ("vote", "unvote")}:
            self._publish_votes(item)

    async def _in_file(self, function: Callable[..., Any], *args: Any) -> Any:
        """A write to the answers file, in a worker thread (the loop keeps serving)."""
        try:
            result = await asyncio.to_thread(function, *args)
        except CoconstructError as exc:
            said = f"{exc.message} — {exc.hint}" if exc.hint else exc.message
            self.problem = Refused(503, "not_written", "", translated=said)
            self.broker.publish("problem", {"message": said}, admin_only=True)
            raise Refused(
                422 if exc.exit_code == 2 else 503, "not_written", "", translated=said
            ) from None
        self.problem = None
        return result

    async def refresh(self) -> None:
        """Read the file's items again (after our writes, or the interview's) and tell the pages."""
        if self._refreshing:
            self._again = True  # the reading under way may be older than this change
            return
        self._refreshing = True
        try:
            while True:
                self._again = False
                snapshot = await asyncio.to_thread(self.workshop.snapshot)
                if snapshot != self.snapshot:
                    self.snapshot = snapshot
                    self.broker.publish("needs", {})
                if not self._again:
                    break
        finally:
            self._refreshing = False

    def interview_idle(self) -> None:
        """Called from the interview's thread when it waits for the facilitator again."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._refresh_soon)

    def _refresh_soon(self) -> None:
        task = asyncio.get_running_loop().create_task(self.refresh())
        self._tasks.add(task)  # a task nobody holds may be collected before it ends
        task.add_done_callback(self._tasks.discard)

    # --- the projector's timer ------------------------------------------------------------------

    def set_timer(self, minutes: Any, label: Any) -> None:
        self.timers.set(minutes, label)

    def timer_state(self) -> dict[str, Any] | None:
        return self.timers.state()

    def interview_section(self, title: str, spent: float, timebox: int | None) -> None:
        """Called from the interview's thread as each question shows: its section's timebox."""
        timer = self.timers.of_section(title, spent, timebox)
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.timers.section_shown, timer)

    def _publish_votes(self, item: str) -> None:
        items = self.snapshot.ids()
        counts = {
            "voters": self.room.voters(items),
            "dots_placed": sum(self.room.votes(items).values()),
        }
        hidden = self.results_hidden
        vote = {"item": item, "votes": self.room.tally.get(item, 0), **counts}
        self.broker.publish("votes", vote, admin_only=hidden)
        if hidden:  # the others hear how many have voted, not for what
            self.broker.publish("room", {**counts, "voting": self.room.voting}, public_only=True)

    def _publish_idea(self, idea_id: Any) -> None:
        idea = self.room.ideas.get(idea_id) if isinstance(idea_id, str) else None
        if idea is not None:
            self.broker.publish("idea", {"id": idea.id, "status": idea.status, "item": idea.item})

    def _publish_room(self) -> None:
        self.broker.publish("room", self.counts())

    def counts(self) -> dict[str, Any]:
        items = self.snapshot.ids()
        return {
            "participants": len(self.room.participants),
            "voters": self.room.voters(items),
            "dots_placed": sum(self.room.votes(items).values()),
            "ideas_open": len(self.room.waiting()),
            "voting": self.room.voting,
        }
