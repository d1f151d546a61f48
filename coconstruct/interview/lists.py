"""Lists in the interview (needs, partners, actions…): a table of items and a menu to add, edit,
remove or move them. The rules (stable ids, citations, deferred fields) are the Editor's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coconstruct import display, values
from coconstruct.answers import as_plain
from coconstruct.i18n import msg
from coconstruct.interview.protocol import BACK, DEFER, Go, Menu, Option, Table
from coconstruct.paths import Spot
from coconstruct.questionnaire import Question, text

if TYPE_CHECKING:
    from coconstruct.interview.flow import Interview


class Lists:
    """The list screens of one interview."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.editor = interview.editor
        self.prompter = interview.prompter
        self.lang = interview.lang

    def edit(self, question: Question) -> Go:
        """The list's menu until the room continues (or goes back, or sets it aside)."""
        lang = self.lang
        default = "done" if self.editor.doc.items(question.id) else "add"
        error: str | None = None
        while True:
            items = self.editor.doc.items(question.id)
            add = msg("+ Add another item", lang) if items else msg("+ Add an item", lang)
            options = [Option("add", add)]
            if items:
                options.append(Option("edit", msg("✎ Edit an item", lang)))
                options.append(Option("remove", msg("✕ Remove an item", lang)))
            if len(items) > 1:
                options.append(Option("move", msg("↕ Move an item", lang)))
            options.append(Option("done", msg("✓ Continue", lang)))
            reply = self.prompter.choose(
                Menu(
                    key=f"list:{question.id}",
                    header=self.interview.header(question),
                    title=text(question.label, lang),
                    help=text(question.help, lang),
                    options=tuple(options),
                    default=default,
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
                    error, default = problems[0], "add"
                    continue
                path = str(Spot(question).path)
                if question.id not in self.editor.doc.answers or path in self.editor.deferred:
                    self.editor.seen(question)
                    self.editor.undefer(path)
                    self.interview.save()
                return Go.NEXT
            if reply == "add":
                self.fields(question, None, list(question.fields or []))
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

    def table(self, question: Question) -> Table:
        short = [
            f for f in question.fields or [] if f.id != question.item_title and f.type != "textarea"
        ][:4]
        title_field = question.field(question.item_title or "")
        columns = ["", text(title_field.label, self.lang) if title_field else ""]
        columns += [text(f.label, self.lang) for f in short]
        rows = []
        for item in self.editor.doc.items(question.id):
            row = [str(item.get("id", "")), str(item.get(question.item_title or "", "") or "")]
            row += [self._cell(f, as_plain(item.get(f.id))) for f in short]
            rows.append(tuple(row))
        return Table(tuple(columns), tuple(rows))

    def _cell(self, question: Question, value: Any) -> str:
        if question.type == "scale":
            return display.level(value, question)  # ●●●○○: narrow, read at a glance
        return display.answer(
            question, value, self.lang, self.editor.items(), self.editor.q.currency
        )

    def _pick_item(self, question: Question, key: str, title: str) -> str | None:
        items = self.editor.doc.items(question.id)
        options = tuple(
            Option(str(item.get("id")), self.editor.item_name(question, str(item.get("id"))))
            for item in items
        )
        reply = self.prompter.choose(
            Menu(
                key=f"{key}:{question.id}",
                header=self.interview.header(question),
                title=title,
                options=options,
                default=options[0].value if options else None,
                table=self.table(question),
            )
        )
        return reply if isinstance(reply, str) else None

    def fields(self, parent: Question, item_id: str | None, fields: list[Question]) -> Go:
        """Ask an item's fields in order; a new item is made with its first answer."""
        i, forward = 0, True
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

    def _edit_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-item", msg("Which item?", self.lang))
        if item_id is None:
            return
        fields = list(question.fields or [])
        item_plain = self.editor.item_values(question, item_id)
        shown = [f for f in fields if self.editor.shown(Spot(f, question, item_id), item_plain)]
        options = [Option("*", msg("Every field, in order", self.lang))]
        for field in shown:
            value = display.answer(
                field,
                item_plain.get(field.id),
                self.lang,
                self.editor.items(),
                self.editor.q.currency,
            )
            label = msg(
                "{label}: {value}", self.lang, label=text(field.label, self.lang), value=value
            )
            options.append(Option(field.id, label))
        name = self.editor.item_name(question, item_id)
        reply = self.prompter.choose(
            Menu(
                key=f"pick-field:{question.id}",
                header=self.interview.header(question),
                title=msg("{item}: which field?", self.lang, item=name),
                options=tuple(options),
                default=shown[0].id if shown else "*",
            )
        )
        if reply == "*":
            self.fields(question, item_id, fields)
            return
        chosen = question.field(reply) if isinstance(reply, str) else None
        if chosen is None:
            return
        before = {f.id for f in shown}
        if self.fields(question, item_id, [chosen]) is Go.BACK:
            return
        start = fields.index(chosen) + 1
        item_plain = self.editor.item_values(question, item_id)
        newly = [
            f
            for f in fields[start:]
            if f.id not in before
            and values.is_empty(item_plain.get(f.id))
            and self.editor.shown(Spot(f, question, item_id), item_plain)
        ]
        if newly:
            self.fields(question, item_id, newly)

    def _remove_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-remove", msg("Which item should go?", self.lang))
        if item_id is None:
            return
        name = self.editor.item_name(question, item_id)
        cited = self.editor.citations(question, item_id)
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
            )
        )
        if reply is True:
            self.editor.remove_item(question, item_id)
            self.interview.save()
            self.prompter.notice(msg("{item} removed.", self.lang, item=name))

    def _move_item(self, question: Question) -> None:
        item_id = self._pick_item(question, "pick-move", msg("Which item should move?", self.lang))
        if item_id is None:
            return
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
