"""Changes in words, in the file's language: labels for choices, numbers and dates as the room
reads them (`display.answer`), item titles beside their ids, long texts as a word diff.

One `Said` per change; `history/show.py` prints them as text, Markdown or JSON, and the
roadmap's « Évolutions » section reads the same diff.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from coconstruct.history import diff as d
from coconstruct.language.locales import locale_for
from coconstruct.language.messages import N_, msg
from coconstruct.model import display, values
from coconstruct.model.questionnaire import Question, Questionnaire, text

TITLE_WIDTH = 60  # an item's title beside its id, cut there (…): a line stays readable
LONG_TEXT = 80  # longer texts (and every multi-line one) are shown as a word diff

STATUS_WORDS = {"draft": N_("draft"), "final": N_("final")}


@dataclass(frozen=True)
class Said:
    """A change as it is read: where (`N3 « Rompre… » › Priorité`), what, and its sign."""

    change: d.Change
    group: str  # the section (or « File », « To review »)
    where: str
    what: str  # `4 · Forte → 5 · Essentielle`, `added`; empty with `words`
    sign: str  # + − ~ ↕
    old_text: str | None = None
    new_text: str | None = None
    words: tuple[tuple[str, str], ...] | None = None  # ("=", "…"), ("-", "…"), ("+", "…")


def describe(result: d.Diff, lang: str | None = None) -> list[Said]:
    """Every change in words, in `lang` (by default the file's language)."""
    return _Describer(result, lang).all()


class _Describer:
    def __init__(self, result: d.Diff, lang: str | None = None) -> None:
        self.q: Questionnaire = result.questionnaire
        self.lang = lang or result.lang
        self.old = result.old.doc.plain()
        self.new = result.new.doc.plain()
        self.old_items = values.items_index(self.q, self.old)
        self.new_items = values.items_index(self.q, self.new)
        self.changes = result.changes

    def all(self) -> list[Said]:
        return [self.one(change) for change in self.changes]

    def one(self, change: d.Change) -> Said:
        lang = self.lang
        kind = change.kind
        if kind in (d.STATUS, d.HEADER):
            old, new = (self._header(change.path, v) for v in (change.old, change.new))
            where = msg("Status", lang) if kind == d.STATUS else change.path
            return Said(change, msg("File", lang), where, f"{old} → {new}", "~", old, new)
        if kind in (d.DEFERRED, d.UNDEFERRED):
            where = self.where_path(change.path)
            what = (
                msg("set aside, to review", lang)
                if kind == d.DEFERRED
                else msg("no longer set aside", lang)
            )
            sign = "+" if kind == d.DEFERRED else "−"
            return Said(change, msg("To review", lang), where, what, sign)
        if kind == d.KEPT:
            shown = " ".join(str(change.new if change.new is not None else change.old).split())
            what = msg("kept aside by a migration: {value}", lang, value=shown)
            return Said(change, msg("File", lang), change.path, what, "~")
        group = self.group(change.question)
        question = self.q.question(change.question)
        if kind in (d.ITEM_ADDED, d.ITEM_REMOVED, d.ITEM_MOVED, d.ITEM_RENAMED):
            return self.item_change(change, group, question)
        field = None
        if question is not None and change.field is not None:
            field = question.field(change.field)
        elif question is not None and change.item is None:
            field = question
        where = self.where_path(change.path)
        old = self.value(field, change.old, self.old_items) if change.old is not None else "–"
        new = self.value(field, change.new, self.new_items) if change.new is not None else "–"
        if kind == d.SET:
            return Said(change, group, where, msg("{value} (new)", lang, value=new), "+", None, new)
        if kind == d.CLEARED:
            what = msg("removed (was {value})", lang, value=_short(old))
            return Said(change, group, where, what, "−", old, None)
        words = None
        if _is_long(change.old) or _is_long(change.new) or (field and field.kind.multiline):
            words = word_diff(str(change.old), str(change.new))
            return Said(change, group, where, "", "~", old, new, words)
        what = f"{old} → {new}"
        if field is not None and field.is_multi and isinstance(change.old, list):
            what = self.multi(field, change.old, change.new) or what
        return Said(change, group, where, what, "~", old, new)

    def item_change(self, change: d.Change, group: str, question: Question | None) -> Said:
        lang = self.lang
        item = change.item or ""
        name = self.item_name(change.question, item, change.kind == d.ITEM_REMOVED)
        if change.kind == d.ITEM_ADDED:
            details = self.details(question, change.new) if question is not None else ""
            what = msg("added", lang) + (f" — {details}" if details else "")
            return Said(change, group, name, what, "+")
        if change.kind == d.ITEM_REMOVED:
            return Said(change, group, name, msg("removed", lang), "−")
        if change.kind == d.ITEM_MOVED:
            what = msg(
                "moved: place {old} → {new}", lang, old=change.old_index, new=change.new_index
            )
            return Said(change, group, name, what, "↕")
        old, new = str(change.old), str(change.new)
        what = msg("renamed: “{old}” → “{new}”", lang, old=_short(old), new=_short(new))
        return Said(change, group, item, what, "~", old, new)

    def details(self, question: Question, item: Any, most: int = 4) -> str:
        """A new item's first short answers: `Indicateur : Ind1 · Date : 12/2026 · Valeur : 60`."""
        if not isinstance(item, dict):
            return ""
        colon = locale_for(self.lang).plain_colon
        parts = []
        for field in question.fields or []:
            value = item.get(field.id)
            if field.id == question.item_title or values.is_empty(value):
                continue
            if field.kind.multiline or field.is_list:
                continue
            shown = display.answer(field, value, self.lang, self.new_items, self.q.currency)
            parts.append(f"{text(field.label, self.lang)}{colon}{_short(shown, 40)}")
            if len(parts) == most:
                break
        return " · ".join(parts)

    # --- names ---------------------------------------------------------------------------------

    def group(self, question_id: str) -> str:
        if self.q.question(question_id) is None:
            return msg("Other keys", self.lang)
        return text(self.q.section_of(question_id).title, self.lang)

    def item_name(self, list_id: str, item_id: str, old: bool = False) -> str:
        """`N3 « Rompre l'isolement… »`: the title at the newer version (older, if removed)."""
        index = self.old_items if old else self.new_items
        title = dict(index.get(list_id, [])).get(item_id, "")
        if not title:
            title = dict((self.new_items if old else self.old_items).get(list_id, [])).get(
                item_id, ""
            )
        if not title:
            return item_id
        return msg("{id} “{title}”", self.lang, id=item_id, title=_short(title, TITLE_WIDTH))

    def where_path(self, path: str) -> str:
        """`N3 « Rompre… » › Priorité`, `Population`; what is not a question is shown as is."""
        try:
            from coconstruct.model.paths import AnswerPath, PathError

            parsed = AnswerPath.parse(path)
        except PathError:
            return path
        question = self.q.question(parsed.question)
        if question is None:
            return path
        if parsed.item is None:
            return text(question.label, self.lang)
        name = self.item_name(question.id, parsed.item)
        if parsed.field is None:
            return name
        field = question.field(parsed.field)
        return f"{name} › {text(field.label, self.lang) if field else parsed.field}"

    def value(self, question: Question | None, value: Any, items: values.Items) -> str:
        if question is None:
            return _short(" ".join(str(value).split()), 200)
        shown = display.answer(question, value, self.lang, items, self.q.currency)
        return shown if question.kind.multiline else _short(shown, 200)

    def multi(self, question: Question, old: list[Any], new: Any) -> str:
        """Several choices or references: `+ ODD 3, − ODD 6` rather than two long lists."""
        new = new if isinstance(new, list) else [new]
        added = [v for v in new if v not in old]
        gone = [v for v in old if v not in new]
        if not added and not gone:
            return msg("same, in another order", self.lang)
        items = {
            key: [*self.new_items.get(key, []), *self.old_items.get(key, [])]
            for key in {*self.old_items, *self.new_items}
        }
        parts = [f"+ {display.answer(question, [v], self.lang, items)}" for v in added]
        parts += [f"− {display.answer(question, [v], self.lang, items)}" for v in gone]
        return ", ".join(parts)

    def _header(self, key: str, value: Any) -> str:
        if value is None:
            return "–"
        if key == "status" and str(value) in STATUS_WORDS:
            return msg(STATUS_WORDS[str(value)], self.lang)
        return str(value)


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and ("\n" in value.strip() or len(value) > LONG_TEXT)


def _short(value: str, width: int = TITLE_WIDTH) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Two texts as runs of kept (`=`), removed (`-`) and added (`+`) words.

    Line breaks count as spaces: a paragraph re-wrapped is not a change.
    """
    a = _TOKEN.findall(" ".join(old.split()))
    b = _TOKEN.findall(" ".join(new.split()))
    runs: list[tuple[str, str]] = []

    def add(op: str, words: list[str]) -> None:
        chunk = "".join(words)
        if not chunk:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + chunk)
        else:
            runs.append((op, chunk))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return tuple(runs)


def kept_context(runs: tuple[tuple[str, str], ...], around: int = 8) -> tuple[tuple[str, str], ...]:
    """The word diff with long unchanged stretches cut to `around` words each side (…)."""
    out = []
    for index, (op, chunk) in enumerate(runs):
        if op != "=":
            out.append((op, chunk))
            continue
        words = chunk.split(" ")
        first, last = index == 0, index == len(runs) - 1
        keep = around * (1 if first or last else 2)
        if len(words) <= keep + 1:
            out.append((op, chunk))
        elif first:
            out.append((op, "… " + " ".join(words[-around:])))
        elif last:
            out.append((op, " ".join(words[:around]) + " …"))
        else:
            out.append((op, " ".join(words[:around]) + " … " + " ".join(words[-around:])))
    return tuple(out)
