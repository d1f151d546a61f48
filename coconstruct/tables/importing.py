"""`import`: the rows of a spreadsheet as answers, with exactly `set`'s checks, in one pass.

A consultant's partners list, a funding table, a KoboToolbox or ODK export, or a workbook made by
`export` and edited in a spreadsheet: each row is an item of a list (or, on the `answers`
sheet, the single answers of a territory), each cell an assignment through
`assignments.apply`, the editing core `set` uses. How columns are read: columns.py.

- Rows without an Id are added as new items (`partners[+]`); with `--update`, a row whose Id
  names an item changes only the cells that differ from the file (an emptied cell removes the
  answer): an unchanged workbook leaves the file byte for byte as it was. `--prune` removes the
  items no row names, refusing those that other answers cite, as `set --remove` does.
- Without `--list`, every sheet of the workbook is read: the single answers, then each list's
  sheet, the lists cited by others first.
- A portfolio's sheets hold several territories: `--territory NAME` reads one's rows; without
  it, rows of several territories are refused, with the names found.
- Nothing is lost without a word: a formula without a computed value, an error value, merged
  cells, a new item without its title are refused by their place, as every cell `set` would
  refuse; rows above the header and columns no field has are named in the report.

Every row is checked before anything is written: one problem and nothing is, and every problem
is listed as `TABLE:ROW:COLUMN: field: message`, numbered as the spreadsheet shows them. The
file is read once, edited in memory and saved once: time grows with the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coconstruct.editing import final
from coconstruct.editing.assignments import set_status
from coconstruct.editing.editor import Editor
from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model.fsio import clean_stale_temp_files
from coconstruct.model.locking import locked
from coconstruct.model.questionnaire import Question, Questionnaire, text
from coconstruct.model.validation import load_checked
from coconstruct.tables import amounts, reading
from coconstruct.tables.columns import (
    COUNTED,
    FIELD,
    METADATA,
    OURS,
    SKIPPED,
    UNKNOWN,
    Match,
    framed,
    match_columns,
    parse_map,
)
from coconstruct.tables.reading import Refused, Table
from coconstruct.tables.rows import items, single
from coconstruct.tables.sheets import ANSWERS_SHEET, TERRITORY
from coconstruct.tables.spreadsheets import column_letter, folded

__all__ = [
    "COUNTED",
    "FIELD",
    "METADATA",
    "OURS",
    "SKIPPED",
    "UNKNOWN",
    "ImportResult",
    "Request",
    "RowsRefused",
    "import_table",
]


@dataclass(frozen=True)
class Request:
    """What `import` was asked: the list (None: every sheet), and how."""

    list_id: str | None = None
    sheet: str | None = None
    mapping: tuple[str, ...] = ()
    dry_run: bool = False
    update: bool = False
    prune: bool = False
    territory: str | None = None
    status: str | None = None  # draft or final, set by the same command (as `set --status`)


@dataclass
class ImportResult:
    table: str
    list_id: str  # a list, or ANSWERS_SHEET for the single answers
    lang: str
    columns: list[Match]
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # item id → fields changed
    removed: list[str] = field(default_factory=list)
    preview: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # id → field texts
    dry_run: bool = False
    # lists whose items a refused reference cites → the column that cites them, and how many
    # references were refused
    unresolved: dict[str, str] = field(default_factory=dict)
    refused_references: int = 0
    header_row: int = 1
    above: list[int] = field(default_factory=list)  # rows above the header, passed over
    elsewhere: int = 0  # rows of other territories, left out (--territory)
    territories: list[str] = field(default_factory=list)  # the territories of its rows
    unchanged: int = 0  # rows that name an item and change nothing
    fields: list[Question] = field(default_factory=list)  # what the table may give
    by_id: bool = False  # rows were matched to items by their Id (--update)

    def of(self, kind: str) -> list[Match]:
        return [m for m in self.columns if m.kind == kind]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class Outcome:
    results: list[ImportResult]
    ignored_sheets: list[str] = field(default_factory=list)  # sheets no list is named after
    status: str | None = None  # the status the command gave the file, when it changed it


class RowsRefused(CoconstructError):
    """Cells that `set` would refuse: every one listed, nothing written. `result` says how the
    columns were read (a wrong match is often why)."""

    def __init__(self, result: ImportResult, problems: list[str]) -> None:
        table, lang = result.table, result.lang
        head = nmsg(
            "{table}: {n} problem, nothing was written:",
            "{table}: {n} problems, nothing was written:",
            len(problems),
            lang,
            table=table,
        )
        hint = msg("correct the table (or use --map), then import it again", lang)
        if result.unresolved and result.refused_references == len(problems):
            # the usual cause: the cited list is not imported yet (an export's ids, `N1`)
            hint = msg(
                "references cite items of {lists} by id: import {lists} first, or leave the "
                "column out with --map '{column}='",
                lang,
                lists=", ".join(result.unresolved),
                column=next(iter(result.unresolved.values())),
            )
        super().__init__("\n".join([head, *problems]), hint=hint, lang=lang)
        self.problems = problems
        self.result = result


def import_table(
    answers_path: Path, table_path: Path, request: Request, questionnaire: str | None = None
) -> Outcome:
    """Read the table (or workbook), apply its rows in memory, then save once (unless dry)."""
    with locked(answers_path):
        clean_stale_temp_files(answers_path)
        doc, q = load_checked(answers_path, questionnaire)
        editor = Editor(doc, q)
        outcome = Outcome([])
        before = final.errors(doc, q) if doc.status == "final" else set()
        refused: tuple[ImportResult, list[str]] | None = None
        for table, target in _plan(q, table_path, request, editor.lang, outcome):
            result, problems = _import(editor, table, target, request)
            outcome.results.append(result)
            if problems and refused is None:
                refused = (result, [])
            if refused is not None:
                refused[1].extend(problems)
        if request.territory is not None:
            _found(outcome, request.territory, editor.lang)
        if refused is not None:
            raise RowsRefused(*refused)
        if request.status is not None and request.status != doc.status:
            set_status(editor, request.status)  # draft lowers it; final is checked whole
            outcome.status = request.status
        else:
            final.keep_valid(
                editor.doc,
                q,
                before,
                hint=msg(
                    "complete the table's rows, or add --status draft to keep working on the "
                    "file as a draft",
                    editor.lang,
                ),
            )
        changed = outcome.status is not None or any(r.changed for r in outcome.results)
        if not request.dry_run and changed:
            editor.save()
    return outcome


def _found(outcome: Outcome, territory: str, lang: str) -> None:
    """`--territory` names a territory of the workbook's rows."""
    names = {folded(n): n for r in outcome.results for n in r.territories}
    if names and folded(territory) not in names:
        raise UsageError(
            msg(
                "--territory {name}: no row of {table} is of that territory (territories: {names})",
                lang,
                name=territory,
                table=outcome.results[0].table.split("[")[0],
                names=", ".join(names.values()),
            ),
            lang=lang,
        )


# --- which sheet gives what ------------------------------------------------------------------


def _plan(
    q: Questionnaire, path: Path, request: Request, lang: str, outcome: Outcome
) -> list[tuple[Table, Question | None]]:
    """Each table with its list (None: the single answers), in the order to import them."""
    if request.list_id is not None:
        target = _target(q, request.list_id, lang)
        table = reading.read_table(path, request.sheet, prefer=request.list_id, lang=lang)
        return [(table, target)]
    if request.sheet is not None:
        tables = [reading.read_table(path, request.sheet, lang=lang)]
    else:
        tables = reading.read_workbook(path, lang)
    by_name: dict[str, Question | None] = {folded(ANSWERS_SHEET): None}
    for question in q.questions():
        if question.is_list:
            for name in [question.id, *question.label.values()]:
                by_name.setdefault(folded(name), question)
    found: list[tuple[Table, Question | None]] = []
    for table in tables:
        name = table.sheet or path.stem
        if folded(name) in by_name:
            found.append((table, by_name[folded(name)]))
        else:
            outcome.ignored_sheets.append(name)
    if not found:
        lists = ", ".join(x.id for x in q.questions() if x.is_list)
        raise UsageError(
            msg(
                "{file}: no sheet is named after a list ({lists}) or {answers}",
                lang,
                file=path,
                lists=lists,
                answers=ANSWERS_SHEET,
            ),
            hint=msg("name the list to import with --list LIST", lang),
            lang=lang,
        )
    return sorted(found, key=lambda pair: _rank(q, pair[1]))


def _rank(q: Questionnaire, target: Question | None) -> int:
    """The lists, each after the lists its fields cite, then the single answers (which cite
    items: the sources of a figure)."""
    lists = [x for x in q.questions() if x.is_list]
    if target is None:
        return len(lists)
    placed: list[str] = []
    while len(placed) < len(lists):
        ready = [
            x
            for x in lists
            if x.id not in placed
            and all(f.kind.cites in placed or f.kind.cites in (None, x.id) for f in x.fields or [])
        ]
        placed.append((ready or [x for x in lists if x.id not in placed])[0].id)
    return placed.index(target.id)


def _target(q: Questionnaire, list_id: str, lang: str) -> Question | None:
    if folded(list_id) == folded(ANSWERS_SHEET):
        return None
    question = q.question(list_id)
    if question is None or not question.is_list:
        lists = ", ".join(f"{x.id} ({text(x.label, lang)})" for x in q.questions() if x.is_list)
        raise UsageError(
            msg("--list {list}: not a list of questionnaire {qid}", lang, list=list_id, qid=q.id),
            hint=msg("lists: {lists}", lang, lists=f"{lists}, {ANSWERS_SHEET}"),
            lang=lang,
        )
    return question


# --- one table -------------------------------------------------------------------------------


def _import(
    editor: Editor, table: Table, target: Question | None, request: Request
) -> tuple[ImportResult, list[str]]:
    q, lang = editor.q, editor.lang
    if target is not None:
        fields = target.fields or []
    else:
        fields = [x for x in q.questions() if not x.is_list]
    lists = [] if target is not None else [x for x in q.questions() if x.is_list]
    list_id = target.id if target is not None else ANSWERS_SHEET
    table = amounts.fold(framed(table, fields, request.mapping), lang)
    mapping = parse_map(request.mapping, table, fields, list_id, lang)
    columns = match_columns(table, fields, mapping, lists)
    result = ImportResult(table.name, list_id, lang, columns, dry_run=request.dry_run)
    result.header_row, result.above = table.header_row, table.above()
    result.fields = list(fields)
    _check_columns(result, fields, table)
    problems = _merged(table, lang)
    rows = _of_territory(table, result, request.territory, request.list_id is None)
    if target is None:
        problems += single(editor, table, rows, result, request)
    else:
        problems += items(editor, target, table, rows, result, request)
    return result, problems


def _merged(table: Table, lang: str) -> list[str]:
    """Merged ranges from the header down: only their first cell holds a value."""
    return [
        f"{table.name}:{row}:{column_letter(col)}: "
        + msg("merged cells {range}: unmerge them", lang, range=ref)
        for row, col, ref in table.merged
        if _last_row(ref) >= table.header_row
    ]


def _last_row(ref: str) -> int:
    last = ref.split(":")[-1]
    return int("".join(c for c in last if c.isdigit()) or 0)


def _of_territory(
    table: Table, result: ImportResult, territory: str | None, whole: bool
) -> list[tuple[int, list[Any]]]:
    """The rows of one territory: `--territory`, else the only one the table has."""
    column = next((m for m in result.columns if m.own == TERRITORY), None)
    if column is None:
        if territory is not None:
            raise UsageError(
                msg(
                    "--territory {name}: {table} has no territory column",
                    result.lang,
                    name=territory,
                    table=result.table,
                ),
                lang=result.lang,
            )
        return table.rows
    names: dict[str, str] = {}
    for _, cells in table.rows:
        cell = cells[column.index]
        if cell is not None and not isinstance(cell, Refused):
            names.setdefault(folded(str(cell)), str(cell))
    if territory is None:
        if len(names) > 1:
            raise UsageError(
                msg(
                    "{table}: rows of {n} territories ({names}): choose one with --territory",
                    result.lang,
                    table=result.table,
                    n=len(names),
                    names=", ".join(names.values()),
                ),
                hint=msg(
                    "such as --territory '{name}'", result.lang, name=next(iter(names.values()))
                ),
                lang=result.lang,
            )
        return table.rows
    result.territories = list(names.values())
    if folded(territory) not in names and not whole:
        raise UsageError(
            msg(
                "--territory {name}: no row of {table} is of that territory (territories: {names})",
                result.lang,
                name=territory,
                table=result.table,
                names=", ".join(names.values()) or msg("none", result.lang),
            ),
            lang=result.lang,
        )
    kept = [
        (number, cells)
        for number, cells in table.rows
        if cells[column.index] is None or folded(str(cells[column.index])) == folded(territory)
    ]
    result.elsewhere = len(table.rows) - len(kept)
    return kept


def _check_columns(result: ImportResult, fields: list[Question], table: Table) -> None:
    lang = result.lang
    given = result.of(FIELD)
    if not given:
        raise UsageError(
            msg(
                "{table}: no column matches a field of {list} (fields: {fields})",
                lang,
                table=result.table,
                list=result.list_id,
                fields=", ".join(f.id for f in fields),
            ),
            hint=msg(
                "the header is looked for in the first {n} rows: name its columns after the "
                "fields, or use --map COLUMN=FIELD",
                lang,
                n=reading.HEADER_ROWS,
            ),
            lang=lang,
        )
    by_field: dict[str, list[Match]] = {}
    for match in given:
        assert match.field is not None
        by_field.setdefault(match.field.id, []).append(match)
    for field_id, matches in by_field.items():
        if len(matches) > 1:
            columns = ", ".join(f"{m.letter} ({m.name})" for m in matches)
            raise UsageError(
                msg(
                    "{table}: columns {columns} all give {list}.{field}",
                    lang,
                    table=result.table,
                    columns=columns,
                    list=result.list_id,
                    field=field_id,
                ),
                hint=msg(
                    "ignore all but one with --map, such as --map '{column}='",
                    lang,
                    column=matches[-1].name,
                ),
                lang=lang,
            )
