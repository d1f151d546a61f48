"""Lists in the interview (needs, partners, actions…): a table of items to choose from, each item
with its fields to change, a way to move or remove it, and « add another ». The rules (stable ids,
citations, deferred fields) are the Editor's.

A new item is written to the answers file once its last field is answered: until then it is a
draft (drafts.py), which Ctrl-C or a kill keeps and the list's screen offers back.

Where the cursor lands after each action is part of the design: the room presses Enter a lot, and
an Enter must never leave a list by surprise. After an add it is on « add another »; after an edit
or a move, on the item; after a removal, on the next item (the previous one when the last went);
with a draft, on « Resume typing ».
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coconstruct.editing import citations
from coconstruct.interview import drafts
from coconstruct.interview.protocol import BACK, DEFER, Go, Menu, Option, Table
from coconstruct.language.messages import msg
from coconstruct.model import display, values
from coconstruct.model.answers_file import as_plain
from coconstruct.model.paths import AnswerPath, Spot
from coconstruct.model.questionnaire import Question, text

if TYPE_CHECKING:
    from coconstruct.interview.flow import Interview

#: at most this many fields beside the title in a list's table (the item's screen has them all)
TABLE_FIELDS = 4
#: the lines a row of a list's table may take on average when it names other items
NAMED_TALL = 2.0


class Lists:
    """The list screens of one interview."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.editor = interview.editor
        self.prompter = interview.prompter
        self.lang = interview.lang
        # the new item being typed: its list, and the ids the list had before it
        self.drafting: tuple[Question, set[str]] | None = None

    def edit(self, question: Question) -> Go:
        """The list's screen until the room continues (or goes back, or sets it aside)."""
        lang = self.lang
        focus: Any = "done" if self.editor.doc.items(question.id) else "add"
        if self._draft(question) is not None:
            focus = "draft"  # an item left half-typed: what the room was doing
        error: str | None = None
        while True:
            items = self.editor.doc.items(question.id)
            add = msg("+ Add another item", lang) if items else msg("+ Add an item", lang)
            options = [Option("add", add), Option("done", msg("✓ Continue", lang))]
            draft = self._draft(question)
            if draft is not None:
                options[:0] = [
                    Option(
                        "draft",
                        msg(
                            "↻ Resume typing: {item}", lang, item=self._draft_name(question, draft)
                        ),
                    ),
                    Option("discard", msg("✕ Give up the item being typed", lang)),
                ]
            reply = self.prompter.choose(
                Menu(
                    key=f"list:{question.id}",
                    header=self.interview.header(question),
                    title=text(question.label, lang),
                    help=text(question.help, lang),
                    options=tuple(options),
                    default=focus,
                    table=self.table(question),
                    error=error,
                    can_defer=True,
                )
            )
            error = None
            if reply is BACK:
                return Go.BACK
            if reply is DEFER:
                self.interview.record(Spot(question), DEFER)
                return Go.NEXT
            if reply == "done":
                problems = values.check(
                    question, [dict(i) for i in items], lang, self.editor.items()
                )
                if question.min is not None and len(items) < question.min:
                    # values.check leaves an empty list to `required`; here the room is told
                    minimum = values.rule_message(question, "min", lang, "items", question.min)
                    problems.append(minimum)
                if problems:
                    error, focus = problems[0], "add"
                    continue
                path = str(Spot(question).path)
                if question.id not in self.editor.doc.answers or path in self.editor.deferred:
                    self.editor.seen(question)
                    self.editor.undefer(path)
                    self.interview.save()
                return Go.NEXT
            if reply in ("add", "draft"):
                self.add(question, draft.values if reply == "draft" and draft else None)
                focus = "draft" if self._draft(question) is not None else "add"
            elif reply == "discard":
                drafts.clear(self.editor.doc.path)
                focus = "add"
            elif isinstance(reply, str) and self.editor.doc.item(question.id, reply) is not None:
                focus = self.item(question, reply)

    def table(self, question: Question) -> Table:
        """The items, one row each: id, title, then the first short fields that hold something."""
        items = self.editor.doc.items(question.id)
        plain = [{str(k): as_plain(v) for k, v in item.items()} for item in items]
        short = [
            f
            for f in question.fields or []
            if f.id != question.item_title
            and not f.kind.multiline
            and any(not values.is_empty(item.get(f.id)) for item in plain)
        ][:TABLE_FIELDS]
        title_field = question.field(question.item_title or "")
        columns = ["", text(title_field.label, self.lang) if title_field else ""]
        columns += [text(f.label, self.lang) for f in short]
        rows, coded = [], []
        for item in plain:
            row = [str(item.get("id", "")), str(item.get(question.item_title or "", "") or "")]
            rows.append(tuple(row + [self._cell(f, item.get(f.id)) for f in short]))
            coded.append(tuple(row + [self._cell(f, item.get(f.id), True) for f in short]))
        keys = tuple(str(item.get("id", "")) for item in plain)
        # of the columns of names, the longest give way first: a narrow column (who leads) says
        # more on a projector than a wide one wrapped on three lines (every partner involved);
        # the other columns then go from the right, as always
        length = {
            i: sum(len(row[i]) for row in rows)
            for i, f in enumerate(short, 2)
            if f.kind.cites is not None
        }
        drop = tuple(sorted(length, key=lambda i: (-length[i], -i)))
        # names take more room than codes: a row of names may take two lines
        named = bool(length)
        return Table(
            tuple(columns),
            tuple(rows),
            keys,
            coded=tuple(coded),
            drop=drop,
            tall=NAMED_TALL if named else None,
        )

    def _cell(self, question: Question, value: Any, codes: bool = False) -> str:
        if (gauge := question.kind.gauge(value)) is not None:
            return gauge  # ●●●○○: narrow, read at a glance
        cited = question.kind.cites
        if cited is not None and not values.is_empty(value):
            # names, as the room knows them (« Centre social »), the codes beside them where
            # the table has room for them (« P6 · Centre social »)
            target = self.editor.q.question(cited)
            refs = value if isinstance(value, list) else [value]
            if target is None:
                return ", ".join(map(str, refs))
            names = [self.editor.item_name(target, str(ref)) for ref in refs]
            if not codes:
                names = [self._title(target, str(ref)) for ref in refs]
            return ", ".join(names)
        return display.answer(
            question, value, self.lang, self.editor.items(), self.editor.q.currency
        )

    def _title(self, target: Question, item_id: str) -> str:
        item = self.editor.doc.item(target.id, item_id)
        title = item.get(target.item_title or "", "") if item is not None else ""
        return str(title or item_id)

    def add(self, question: Question, start: dict[str, Any] | None = None) -> None:
        """A new item, its fields asked in order (from the first one not in `start`, a draft
        resumed): written to the answers file once the last is answered, kept as a draft
        until then, even through Ctrl-C."""
        editor = self.editor
        before = {str(item.get("id")) for item in editor.doc.items(question.id)}
        fields = list(question.fields or [])
        item_id, begin = None, 0
        if start:
            item_id = editor.add_item(question)
            for key, value in start.items():
                if question.field(key) is not None:
                    editor.put(AnswerPath(question.id, item_id, key), value)
            given = editor.item_values(question, item_id)
            begin = next(
                (
                    n
                    for n, f in enumerate(fields)
                    if f.id not in given and editor.shown(Spot(f, question, item_id), given)
                ),
                len(fields) - 1,
            )
        self.drafting = (question, before)
        try:
            go = self.fields(question, item_id, fields, begin)
        except (KeyboardInterrupt, EOFError):
            self._aside(question, before)  # out of the file that is saved on the way out
            raise
        finally:
            self.drafting = None
            editor.pending = None
        if go is Go.BACK:
            self._aside(question, before)  # offered again on the list's screen
            return
        drafts.clear(editor.doc.path)
        self.interview.save()

    def keep_draft(self) -> None:
        """Instead of saving the answers file while a new item is typed: the autosave."""
        if self.drafting is None:
            return
        question, before = self.drafting
        made = self._made(question, before)
        if made is None:
            return
        self.editor.pending = (question.id, made)  # left out of the room's saves too
        given = {k: v for k, v in self.editor.item_values(question, made).items() if k != "id"}
        drafts.save(self.editor.doc.path, drafts.Draft(question.id, given))

    def _aside(self, question: Question, before: set[str]) -> None:
        """The new item out of the document, kept as a draft when anything was answered."""
        made = self._made(question, before)
        if made is None:
            return
        self.drafting = (question, before)
        self.keep_draft()
        self.drafting = None
        self.editor.remove_item(question, made)

    def _made(self, question: Question, before: set[str]) -> str | None:
        ids = [str(item.get("id")) for item in self.editor.doc.items(question.id)]
        return next((i for i in ids if i not in before), None)

    def _draft(self, question: Question) -> drafts.Draft | None:
        draft = drafts.load(self.editor.doc.path)
        return draft if draft is not None and draft.list_id == question.id else None

    def _draft_name(self, question: Question, draft: drafts.Draft) -> str:
        title = draft.values.get(question.item_title or "")
        if title:
            return str(title)
        shown = [str(v) for v in draft.values.values() if not values.is_empty(v)]
        return shown[0] if shown else msg("(no answer)", self.lang)

    def fields(
        self, parent: Question, item_id: str | None, fields: list[Question], start: int = 0
    ) -> Go:
        """Ask an item's fields in order (from `start`); a new item is made with its first
        answer."""
        i, forward = start, True
        while 0 <= i < len(fields):
            spot = Spot(fields[i], parent, item_id)
            if self.editor.shown(spot):
                go, spot = self.interview.ask_spot(spot)
                item_id = spot.item_id
            else:
                go = Go.SKIP
            if go is Go.BACK or (go is Go.SKIP and not forward):
                i, forward = i - 1, False
            else:
                i, forward = i + 1, True
        return Go.BACK if i < 0 else Go.NEXT

    def item(self, question: Question, item_id: str) -> Any:
        """One item's screen: its fields with their answers, to change one (or all, in order),
        move or remove it. Returns where the list's cursor goes next."""
        lang = self.lang
        fields = list(question.fields or [])
        item_plain = self.editor.item_values(question, item_id)
        shown = [f for f in fields if self.editor.shown(Spot(f, question, item_id), item_plain)]
        rows = tuple(
            (
                text(f.label, lang),
                display.answer(
                    f, item_plain.get(f.id), lang, self.editor.items(), self.editor.q.currency
                ),
            )
            for f in shown
        )
        options = [Option("*", msg("✎ Every field, in order", lang))]
        if len(self.editor.doc.items(question.id)) > 1:
            options.append(Option("move", msg("↕ Move this item", lang)))
        options.append(Option("remove", msg("✕ Remove this item", lang)))
        options.append(Option("back", msg("← Back to the list", lang)))
        reply = self.prompter.choose(
            Menu(
                key=f"item:{question.id}",
                header=self.interview.header(question, self.editor.place(question, item_id)),
                title=msg("Which field should change?", lang),
                options=tuple(options),
                default=shown[0].id if shown else "*",
                table=Table(
                    (msg("Field", lang), msg("Answer", lang)),
                    rows,
                    tuple(f.id for f in shown),
                ),
            )
        )
        if reply == "*":
            self.fields(question, item_id, fields)
        elif reply == "move":
            self._move_item(question, item_id)
        elif reply == "remove":
            return self._remove_item(question, item_id)
        elif isinstance(reply, str) and (chosen := question.field(reply)) is not None:
            self._edit_field(question, item_id, chosen, {f.id for f in shown})
        return item_id

    def _edit_field(
        self, question: Question, item_id: str, chosen: Question, shown_before: set[str]
    ) -> None:
        """Change one field, then ask the fields the new answer brings up."""
        fields = list(question.fields or [])
        if self.fields(question, item_id, [chosen]) is Go.BACK:
            return
        start = fields.index(chosen) + 1
        item_plain = self.editor.item_values(question, item_id)
        newly = [
            f
            for f in fields[start:]
            if f.id not in shown_before
            and values.is_empty(item_plain.get(f.id))
            and self.editor.shown(Spot(f, question, item_id), item_plain)
        ]
        if newly:
            self.fields(question, item_id, newly)

    def _remove_item(self, question: Question, item_id: str) -> Any:
        """Remove the item once the room says yes; the cursor goes to the next item, or the
        previous one when the last went, or to « add » when none is left."""
        name = self.editor.item_name(question, item_id)
        cited = citations.cited_in(self.editor, question, item_id)
        refs = ", ".join(c.label for c in cited)
        reply = self.prompter.choose(
            Menu(
                key=f"confirm-remove:{question.id}",
                header=self.interview.header(question),
                title=msg("Remove {item}?", self.lang, item=name),
                help=msg(
                    "{item} is cited by {refs}: those references will need fixing.",
                    self.lang,
                    item=item_id,
                    refs=refs,
                )
                if cited
                else "",
                options=(Option(False, msg("No", self.lang)), Option(True, msg("Yes", self.lang))),
                default=False,
                filter=False,
            )
        )
        if reply is not True:
            return item_id
        ids = [str(item.get("id")) for item in self.editor.doc.items(question.id)]
        index = ids.index(item_id)
        self.editor.remove_item(question, item_id)
        self.interview.save()
        self.prompter.notice(msg("{item} removed.", self.lang, item=name))
        rest = ids[:index] + ids[index + 1 :]
        if not rest:
            return "add"
        return rest[min(index, len(rest) - 1)]

    def _move_item(self, question: Question, item_id: str) -> None:
        ids = [str(item.get("id")) for item in self.editor.doc.items(question.id)]
        options = [
            Option(i, msg("before {item}", self.lang, item=self.editor.item_name(question, other)))
            for i, other in enumerate(ids)
            if other != item_id
        ]
        options.append(Option(len(ids), msg("at the end", self.lang)))
        name = self.editor.item_name(question, item_id)
        reply = self.prompter.choose(
            Menu(
                key=f"move-to:{question.id}",
                header=self.interview.header(question),
                title=msg("Where should {item} go?", self.lang, item=name),
                options=tuple(options),
                default=options[0].value,
            )
        )
        if isinstance(reply, int) and not isinstance(reply, bool):
            self.editor.move_item(question, item_id, reply)
            self.interview.save()
