"""`import`, row by row: each row of a table as a new item, as the changes of the item its Id
names (`--update`), or as the single answers; every cell through `set`'s checks, a cell equal
to the file never written again. importing.py reads the tables and says what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coconstruct.editing.assignments import apply, remove_answer
from coconstruct.editing.editor import Editor, next_free_id
from coconstruct.errors import UsageError
from coconstruct.language.messages import msg
from coconstruct.model import display, values
from coconstruct.model.answers_file import as_plain
from coconstruct.model.paths import NEW, Spot
from coconstruct.model.questionnaire import Question, text
from coconstruct.tables.columns import FIELD, UNKNOWN, Match, as_text, written_in
from coconstruct.tables.reading import Refused, Table
from coconstruct.tables.sheets import ANSWERS_SHEET, ITEM_ID

if TYPE_CHECKING:
    from coconstruct.tables.importing import ImportResult, Request


def items(
    editor: Editor,
    target: Question,
    table: Table,
    rows: list[tuple[int, list[Any]]],
    result: ImportResult,
    request: Request,
) -> list[str]:
    """Each row as a new item, or with `--update` as the changes of the item its Id names."""
    problems: list[str] = []
    given = result.of(FIELD)
    numbers = table.numbers or written_in(result.columns)
    ids = next((m for m in result.columns if m.own == ITEM_ID), None) if request.update else None
    result.by_id = ids is not None
    title = next((m for m in given if m.field and m.field.id == target.item_title), None)
    needs_title = any(f.id == target.item_title and f.required for f in target.fields or [])
    if needs_title and title is None and ids is None:
        _no_title(result, target)
    named: set[str] = set()
    for number, cells in rows:
        item_id = cells[ids.index] if ids is not None else None
        filled = [(m, cells[m.index]) for m in given if cells[m.index] is not None]
        if item_id is None and not filled:
            continue  # an empty row, or one with nothing for this list
        place = _Place(table, number)
        if item_id is not None:
            item_id = str(item_id).strip()
            if editor.doc.item(target.id, item_id) is None:
                problems.append(
                    place.at(ids)
                    + msg(
                        "no item {item} in {list}: clear the Id to add the row as a new item",
                        result.lang,
                        item=item_id,
                        list=target.id,
                    )
                )
                continue
            named.add(item_id)
            changed = _update(editor, target, item_id, cells, given, numbers, place, problems)
            if changed:
                result.updated[item_id] = changed
            else:
                result.unchanged += 1
            continue
        if needs_title and (title is None or cells[title.index] is None):
            label = _title_label(target, result.lang)
            problems.append(
                place.at(title)
                + msg(
                    "{list}: a new item needs its {title}; the row is not read",
                    result.lang,
                    list=target.id,
                    title=label,
                )
            )
            continue
        added = _add(editor, target, filled, numbers, place, result, problems)
        if added is not None:
            result.added.append(added)
            named.add(added)
            stored = editor.item_values(target, added)
            shown = {
                f.id: display.answer(f, v, editor.lang, editor.items(), editor.q.currency)
                for f in target.fields or []
                if (v := stored.get(f.id)) is not None
            }
            result.preview.append((added, shown))
    if request.prune and not problems:
        for item in list(editor.doc.items(target.id)):
            item_id = str(item.get("id"))
            if item_id not in named:
                try:
                    remove_answer(editor, f"{target.id}[{item_id}]")
                except UsageError as exc:
                    problems.append(f"{table.name}: {exc.message}")
                    continue
                result.removed.append(item_id)
    return problems


def _no_title(result: ImportResult, target: Question) -> None:
    """No column gives the items' titles: every row would make an item without one."""
    lang = result.lang
    unknown = result.of(UNKNOWN)
    hint = msg("name the column after the field, or use --map COLUMN=FIELD", lang)
    if unknown:
        hint = msg(
            "columns not read: {columns}; if one holds the titles: --map '{column}={field}'",
            lang,
            columns=", ".join(f"{m.letter} {m.name}" for m in unknown),
            column=unknown[0].name,
            field=target.item_title,
        )
    raise UsageError(
        msg(
            "{table}: no column gives {title} ({field}), which every item of {list} needs",
            lang,
            table=result.table,
            title=_title_label(target, lang),
            field=target.item_title,
            list=target.id,
        ),
        hint=hint,
        lang=lang,
    )


def _title_label(target: Question, lang: str) -> str:
    for item_field in target.fields or []:
        if item_field.id == target.item_title:
            return text(item_field.label, lang) or item_field.id
    return target.item_title or ""


class _Place:
    """Where a cell is, as messages say it: `needs.xlsx[needs]:12:C: `."""

    def __init__(self, table: Table, number: int) -> None:
        self.table, self.number = table, number

    def at(self, match: Match | None) -> str:
        column = f":{match.letter}" if match is not None else ""
        return f"{self.table.name}:{self.number}{column}: "


def _add(
    editor: Editor,
    target: Question,
    filled: list[tuple[Match, Any]],
    numbers: str | None,
    place: _Place,
    result: ImportResult,
    problems: list[str],
) -> str | None:
    """A new item from a row's cells, cell by cell through `set`'s checks; its id if made."""
    item_id = next_free_id(target, editor.doc)
    made = False
    for match, value in filled:
        assert match.field is not None
        path = f"{target.id}[{item_id if made else NEW}].{match.field.id}"
        if _assign(editor, path, match, value, numbers, place, problems, result):
            made = True
    return item_id if made else None


def _assign(
    editor: Editor,
    path: str,
    match: Match,
    value: Any,
    numbers: str | None,
    place: _Place,
    problems: list[str],
    result: ImportResult | None = None,
) -> bool:
    """One cell through `set`; a refusal is listed with the cell's place."""
    assert match.field is not None
    if isinstance(value, Refused):
        problems.append(place.at(match) + f"{match.field.id}: {value.reason}")
        return False
    try:
        raw = "" if value is None else as_text(match.field, value, editor, numbers)
        apply(editor, [f"{path}={raw}"])
    except UsageError as exc:
        reason = getattr(exc, "reason", exc.message)
        problems.append(place.at(match) + f"{match.field.id}: {reason}")
        if result is not None and (cited := match.field.kind.cites):
            result.unresolved.setdefault(cited, match.name)
            result.refused_references += 1
        return False
    return True


def _update(
    editor: Editor,
    parent: Question | None,
    item_id: str | None,
    cells: list[Any],
    given: list[Match],
    numbers: str | None,
    place: _Place,
    problems: list[str],
) -> list[str]:
    """The cells of a row that differ from the item (or the single answers): set, one by one.
    An emptied cell removes the answer; a cell equal to the file is never written again."""
    changed = []
    for match in given:
        assert match.field is not None
        value = cells[match.index]
        if parent is None:
            spot = Spot(match.field)
            path = match.field.id
        else:
            spot = Spot(match.field, parent, item_id)
            path = f"{parent.id}[{item_id}].{match.field.id}"
        if not isinstance(value, Refused) and _same(editor, spot, value, numbers):
            continue
        if _assign(editor, path, match, value, numbers, place, problems):
            changed.append(match.field.id)
    return changed


def _same(editor: Editor, spot: Spot, value: Any, numbers: str | None) -> bool:
    """Whether a cell says what the file holds (a text's trailing newline aside; an empty
    choice the questionnaire computes is the computed one, as `export` wrote it)."""
    present, stored = editor.stored(spot)
    stored = as_plain(stored) if present else None
    if value is None:
        return values.is_empty(stored)
    try:
        new = as_plain(editor.accept(spot, as_text(spot.question, value, editor, numbers)))
    except (values.InvalidValue, UsageError):
        return False  # refused: `_assign` says why
    if values.is_empty(stored) and spot.parent is not None:
        item = editor.item_values(spot.parent, spot.item_id or "")
        stored = values.computed_choice(spot.question, editor.answers(), item)
    if isinstance(new, str) and isinstance(stored, str):
        return new.rstrip("\n") == stored.rstrip("\n")
    return bool(new == stored)


def single(
    editor: Editor,
    table: Table,
    rows: list[tuple[int, list[Any]]],
    result: ImportResult,
    request: Request,
) -> list[str]:
    """The single answers: the territory's one row, the cells that differ from the file."""
    given = result.of(FIELD)
    filled = [(n, cells) for n, cells in rows if any(cells[m.index] is not None for m in given)]
    if len(filled) > 1:
        raise UsageError(
            msg(
                "{table}: {n} rows of single answers; an answers file has one (choose its "
                "territory with --territory)",
                result.lang,
                table=result.table,
                n=len(filled),
            ),
            lang=result.lang,
        )
    problems: list[str] = []
    numbers = table.numbers or written_in(result.columns)
    for number, cells in filled:
        given = result.of(FIELD)
        if not request.update:  # without --update, an empty cell leaves the answer as it is
            given = [m for m in given if cells[m.index] is not None]
        place = _Place(table, number)
        changed = _update(editor, None, None, cells, given, numbers, place, problems)
        if changed:
            result.updated[ANSWERS_SHEET] = changed
        else:
            result.unchanged += 1
    return problems
