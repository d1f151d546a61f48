"""`set`: answers given as PATH=VALUE on the command line, applied through the editing core.

`QUESTION=VALUE` for a top-level answer, `LIST[ID].FIELD=VALUE` for a field of a list item by its
stable id, `LIST[+].FIELD=VALUE` to add an item (every `[+]` of one list in one command is the same
new item). An empty VALUE removes the answer. Several choices or references are comma-separated.
Every assignment is checked before the file is written: one bad assignment and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coconstruct.editing import citations, final
from coconstruct.editing.editor import Editor
from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import display, values
from coconstruct.model.answers_file import STATUSES
from coconstruct.model.dates import ApproxDate, parse_period
from coconstruct.model.fsio import clean_stale_temp_files
from coconstruct.model.locking import locked
from coconstruct.model.paths import NEW, AnswerPath, PathError, Spot
from coconstruct.model.questionnaire import Question
from coconstruct.model.validation import load_checked, validate


@dataclass(frozen=True)
class Change:
    """One answer as `set` leaves it, for the summary line (`needs[N1].priority = 4`)."""

    path: str
    shown: str  # the value as the room reads it, or "" when the answer was removed
    followed: bool = False  # a computed default that followed another answer

    def describe(self, lang: str) -> str:
        if not self.shown:
            return msg("{path}: removed", lang, path=self.path)
        if self.followed:
            return msg("{path} = {value} (recomputed)", lang, path=self.path, value=self.shown)
        return f"{self.path} = {self.shown}"


class RefusedValue(UsageError):
    """A value refused for one answer (`needs[N1].priority: « 7 » …`); `reason` alone for
    callers that say where it came from themselves (`import`: a table's row and column)."""

    def __init__(self, path: str, reason: str, lang: str) -> None:
        super().__init__(msg("{path}: {problem}", lang, path=path, problem=reason), lang=lang)
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class SetResult:
    changes: list[Change]
    lang: str
    notice: str | None = None  # the file was at an older questionnaire version


def set_answers(
    path: Path,
    assignments: list[str],
    status: str | None = None,
    questionnaire: str | None = None,
    remove: list[str] | None = None,
    force: bool = False,
    places: list[str] | None = None,
) -> SetResult:
    """Apply assignments, removals (`needs[N3]`, `population`) and a status to an answers file
    under its lock, then save it once; nothing is written when one of them is refused.

    The file is taken back as the last save kept it when it has not changed since (a script of
    `set` calls reads nothing again); a refusal is then said after reading the file itself,
    with the positions of its text as it is."""
    with locked(path):
        clean_stale_temp_files(path)
        try:
            return _set_answers(path, assignments, status, questionnaire, remove, force, places)
        except _FromKept:  # said from the file read again (nothing was written)
            return _set_answers(
                path, assignments, status, questionnaire, remove, force, places, recall=False
            )


class _FromKept(Exception):
    """A refusal met on a kept document: said again from the file itself."""


def _set_answers(
    path: Path,
    assignments: list[str],
    status: str | None,
    questionnaire: str | None,
    remove: list[str] | None,
    force: bool,
    places: list[str] | None,
    recall: bool = True,
) -> SetResult:
    doc, q = load_checked(path, questionnaire, recall=recall)
    try:
        before = final.errors(doc, q) if doc.status == "final" else set()
        editor = Editor(doc, q)
        changes = [
            change for target in remove or [] for change in remove_answer(editor, target, force)
        ]
        changes += apply(editor, assignments, places)
        if status is not None:
            set_status(editor, status)
        else:  # a final file stays final and valid, unless this command puts it in draft
            final.keep_valid(editor.doc, q, before)
    except CoconstructError:
        if doc.recalled:
            raise _FromKept from None
        raise
    editor.save()
    from coconstruct.model.migrations import notice

    return SetResult(changes, editor.lang, notice(doc, saves=True, lang=editor.lang))


def apply(editor: Editor, assignments: list[str], places: list[str] | None = None) -> list[Change]:
    """Apply every assignment in memory, or raise before anything is written.

    `places` say where each assignment was read (`edits.txt:12`): a refusal is said there.
    """
    new_items: dict[str, str] = {}  # list → the id its `[+]` made in this command
    given: dict[str, set[str]] = {}  # list → the fields given to that new item
    changes: list[Change] = []
    for number, assignment in enumerate(assignments):
        try:
            changes += _apply_one(editor, assignment, new_items, given)
        except UsageError as exc:
            if places is None:
                raise
            raise UsageError(
                f"{places[number]}: {exc.message}", hint=exc.hint, lang=editor.lang
            ) from None
    return changes


def read_assignments(name: str, text: str, lang: str | None = None) -> tuple[list[str], list[str]]:
    """The assignments of a file for `set --from`: one PATH=VALUE a line; blank lines and
    `#` comments are passed over. A value in double quotes may hold escapes (`\\n`, `\\"`);
    one in single quotes is taken as written. Returns the assignments and their places."""
    import json

    assignments, places = [], []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        path, sep, value = stripped.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            try:
                value = str(json.loads(value))
            except ValueError:
                raise UsageError(
                    msg(
                        "{place}: a value in double quotes is not closed as written: {value}",
                        lang,
                        place=f"{name}:{number}",
                        value=value,
                    ),
                    lang=lang,
                ) from None
        elif len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1]
        assignments.append(f"{path.strip()}{sep}{value}")
        places.append(f"{name}:{number}")
    return assignments, places


def _apply_one(
    editor: Editor, assignment: str, new_items: dict[str, str], given: dict[str, set[str]]
) -> list[Change]:
    """One assignment; `[+]` is the item this command made for its list, until a field it was
    given comes again (`needs[+].title` twice: two new items)."""
    lang = editor.lang
    text, sep, raw = assignment.partition("=")
    if not sep:
        raise UsageError(
            msg(
                "{assignment}: expected PATH=VALUE, such as population=23400 "
                "or needs[N2].priority=4",
                lang,
                assignment=assignment,
            ),
            lang=lang,
        )
    path = AnswerPath.parse(text, lang)
    if path.item is None:
        question = editor.q.question(path.question)
        if question is not None and question.is_list:
            first = (question.fields or [question])[0].id
            raise PathError(
                msg(
                    "{path}: {qid} is a list; set a field of one item, such as {example}",
                    lang,
                    path=path,
                    qid=question.id,
                    example=f"{question.id}[{question.item_prefix}1].{first}=…",
                ),
                lang=lang,
            )
    elif path.field is None:
        raise PathError(
            msg(
                "{path}: name the field to set, such as {path}.{field}",
                lang,
                path=path,
                field=(editor.spots(path)[0].question.id),
            ),
            lang=lang,
        )
    if path.is_new_item and path.field in given.get(path.question, set()):
        new_items.pop(path.question, None)
        given.pop(path.question, None)
    new = path.is_new_item
    if new and path.question in new_items:
        path = path.with_item(new_items[path.question])
    (spot,) = editor.spots(path)
    spot, made = _assign(editor, spot, raw)
    if new and spot.item_id is not None:
        new_items[path.question] = spot.item_id
        given.setdefault(path.question, set()).add(str(path.field))
    return made


def remove_answer(editor: Editor, target: str, force: bool = False) -> list[Change]:
    """Remove an item (`needs[N3]`) or an answer (`population`, `needs[N3].priority`).

    An item that other answers cite is kept unless `force`: then the references go with it.
    """
    lang = editor.lang
    path = AnswerPath.parse(target, lang)
    spots = editor.spots(path)
    if path.item is None or path.field is not None or path.is_new_item:
        if path.is_new_item:
            raise PathError(
                msg("{path}: name the item to remove, such as needs[N3]", lang, path=path),
                lang=lang,
            )
        changes = []
        for spot in spots:
            if editor.stored(spot)[0]:
                followed = editor.clear(spot)
                changes.append(Change(str(spot.path), ""))
                changes += [
                    Change(str(r.spot.path), _shown(editor, r.spot, r.value), True)
                    for r in followed
                ]
        return changes
    question = editor.q.question(path.question)
    assert question is not None and path.item is not None
    cited = citations.cited_in(editor, question, path.item)
    if cited and not force:
        raise UsageError(
            msg(
                "{path} is cited by {refs}: nothing removed",
                lang,
                path=path,
                refs=", ".join(c.label for c in cited),
            ),
            hint=msg("--force removes it and those references with it", lang),
            lang=lang,
        )
    changes = []
    for citation in cited:
        citations.uncite(editor, citation, path.item)
        changes.append(Change(str(citation.path), msg("without {item}", lang, item=path.item)))
    editor.remove_item(question, path.item)
    changes.append(Change(str(path), ""))
    return changes


def _assign(editor: Editor, spot: Spot, raw: str) -> tuple[Spot, list[Change]]:
    end = _end_of_period(spot, raw)
    if end is not None:  # `start=2019-2020`: the period's first date here, its last in `end`
        first, last = end[1]
        spot, changes = _assign(editor, spot, str(first.stored()))
        sibling = Spot(end[0], spot.parent, spot.item_id)
        return spot, changes + _assign(editor, sibling, str(last.stored()))[1]
    try:
        value = editor.accept(spot, raw)
    except values.InvalidValue as exc:
        raise RefusedValue(str(spot.path), str(exc), editor.lang) from None
    if value is None:
        if spot.parent is not None and spot.item_id is None:
            return spot, []  # nothing to remove from an item that does not exist
        followed = editor.clear(spot)
        changes = [Change(str(spot.path), "")]
    else:
        spot, followed = editor.store(spot, value)
        changes = [Change(str(spot.path), _shown(editor, spot, value))]
    changes += [Change(str(r.spot.path), _shown(editor, r.spot, r.value), True) for r in followed]
    return spot, changes


def _end_of_period(spot: Spot, raw: str) -> tuple[Question, tuple[ApproxDate, ApproxDate]] | None:
    """A period typed for a start date (`2019-2020`, `de 2019 à 2020`): the field that holds its
    end (the sibling date whose `not_before` names this one) and the period's two dates."""
    if spot.question.type != "date" or spot.parent is None:
        return None
    period = parse_period(raw)
    if period is None:
        return None
    for field in spot.parent.fields or []:
        if field.type == "date" and field.not_before == spot.question.id:
            return field, period
    return None


def _shown(editor: Editor, spot: Spot, value: Any) -> str:
    return display.answer(spot.question, value, editor.lang, editor.items(), editor.q.currency)


def set_status(editor: Editor, status: str) -> None:
    lang = editor.lang
    if status not in STATUSES:
        raise UsageError(
            msg(
                "--status {value}: choose one of {choices}",
                lang,
                value=status,
                choices=", ".join(STATUSES),
            ),
            lang=lang,
        )
    editor.doc.set_status(status)
    if status == "final":
        problems = [p for p in validate(editor.doc, editor.q) if p.severity == "error"]
        if problems:
            raise UsageError(
                nmsg(
                    "cannot mark the file final: {n} error, {first}",
                    "cannot mark the file final: {n} errors, the first: {first}",
                    len(problems),
                    lang,
                    first=problems[0],
                ),
                hint=msg(
                    "see every problem with: coconstruct validate {file}",
                    lang,
                    file=editor.doc.path,
                ),
                lang=lang,
            )


__all__ = [
    "NEW",
    "Change",
    "RefusedValue",
    "SetResult",
    "apply",
    "remove_answer",
    "set_answers",
    "set_status",
]
