"""`import`: the rows of a spreadsheet added as items of a list, with exactly `set`'s checks.

A consultant's partners list, a funding table, a KoboToolbox or ODK export: each row becomes a
new item of the list (`partners[+]`), each cell an assignment that goes through
`assignments.apply`, the editing core `set` uses. Columns are matched to the list's fields by
id or by label in any language of the questionnaire (accents, case and punctuation ignored; a
survey tool's group prefix, `group_x/field`, is passed over), or as `--map COLUMN=FIELD` says.
Columns that match nothing are reported and ignored; so are a survey tool's metadata (`_id`,
`_uuid`, `_submission_time`, `start`, `end`, `meta/instanceID`…, when no field has the name) and
the file and territory columns `export` adds.

Every row is checked before anything is written: one bad cell and nothing is, and every bad
cell is listed as `TABLE:ROW:COLUMN: field: message`, numbered as the spreadsheet shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coconstruct.editing import final
from coconstruct.editing.assignments import apply
from coconstruct.editing.editor import Editor, next_free_id
from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import LANGUAGES, msg, nmsg
from coconstruct.model import display, values
from coconstruct.model.answers_file import locked
from coconstruct.model.formatting import formatter
from coconstruct.model.fsio import clean_stale_temp_files
from coconstruct.model.paths import NEW
from coconstruct.model.questionnaire import Question, Questionnaire, text
from coconstruct.model.validation import load_checked
from coconstruct.tables import spreadsheets
from coconstruct.tables.sheets import OWN_HEADERS
from coconstruct.tables.spreadsheets import Table, column_letter, folded

# how a column was understood
FIELD, UNKNOWN, METADATA, OURS, SKIPPED = "field", "unknown", "metadata", "ours", "skipped"
# what KoboToolbox and ODK add to every submission (`_id`, `meta/instanceID`, ODK Central's
# `SubmissionDate`…), when no field has the name
_SURVEY_META = re.compile(
    r"^(_|meta[/-]|(start|end|today|deviceid|subscriberid|simserial|phonenumber|username|audit"
    r"|instanceid|key|submissiondate|submitterid|submittername|attachmentspresent"
    r"|attachmentsexpected|status|reviewstate|edits|formversion)$)",
    re.I,
)


@dataclass(frozen=True)
class Match:
    """One column of the table and what it gives: a field, or why it is ignored."""

    index: int
    header: str
    kind: str  # FIELD, UNKNOWN, METADATA, OURS or SKIPPED
    field: Question | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def name(self) -> str:
        return self.header or msg("column {letter}", letter=self.letter)


@dataclass
class ImportResult:
    table: str
    list_id: str
    lang: str
    columns: list[Match]
    added: list[str] = field(default_factory=list)
    preview: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # id → field texts
    dry_run: bool = False
    # lists whose items a refused reference cites → the column that cites them, and how many
    # references were refused
    unresolved: dict[str, str] = field(default_factory=dict)
    refused_references: int = 0

    def of(self, kind: str) -> list[Match]:
        return [m for m in self.columns if m.kind == kind]


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
    answers_path: Path,
    table_path: Path,
    list_id: str,
    sheet: str | None = None,
    mapping: Iterable[str] = (),
    dry_run: bool = False,
    questionnaire: str | None = None,
) -> ImportResult:
    """Add the table's rows to the list, under the file's lock, and save once (unless dry)."""
    with locked(answers_path):
        clean_stale_temp_files(answers_path)
        doc, q = load_checked(answers_path, questionnaire)
        editor = Editor(doc, q)
        target = _list(q, list_id, editor.lang)
        table = spreadsheets.read_table(table_path, sheet, prefer=list_id, lang=editor.lang)
        columns = match_columns(table, target, _parse_map(mapping, table, target, editor.lang))
        result = ImportResult(table.name, target.id, editor.lang, columns, dry_run=dry_run)
        _check_columns(result, target)
        before = final.errors(doc, q) if doc.status == "final" else set()
        problems = _add_rows(editor, target, table, result)
        if problems:
            raise RowsRefused(result, problems)
        final.keep_valid(
            editor.doc,
            q,
            before,
            hint=msg(
                "mark it draft first (coconstruct set {file} --status draft), or complete the "
                "table's rows",
                editor.lang,
                file=answers_path,
            ),
        )
        if not dry_run and result.added:
            editor.save()
    return result


def _add_rows(editor: Editor, target: Question, table: Table, result: ImportResult) -> list[str]:
    """Each row as a new item, cell by cell through `set`'s checks; the problems found."""
    problems = []
    given = result.of(FIELD)
    numbers = table.numbers or written_in(result.columns)
    for number, cells in table.rows:
        filled = [(m, cells[m.index]) for m in given if cells[m.index] is not None]
        if not filled:
            continue  # an empty row, or one with nothing for this list
        item_id = next_free_id(target, editor.doc)
        made = False
        for match, value in filled:
            assert match.field is not None
            path = f"{target.id}[{item_id if made else NEW}].{match.field.id}"
            try:
                apply(editor, [f"{path}={as_text(match.field, value, editor, numbers)}"])
            except UsageError as exc:
                reason = getattr(exc, "reason", exc.message)
                where = f"{table.name}:{number}:{match.letter}"
                problems.append(f"{where}: {match.field.id}: {reason}")
                if cited := match.field.kind.cites:
                    result.unresolved.setdefault(cited, match.name)
                    result.refused_references += 1
                continue
            made = True
        if made:
            result.added.append(item_id)
            shown = {
                f.id: display.answer(f, v, editor.lang, editor.items(), editor.q.currency)
                for f in target.fields or []
                if (v := editor.item_values(target, item_id).get(f.id)) is not None
            }
            result.preview.append((item_id, shown))
    return problems


# --- columns -------------------------------------------------------------------------------


def match_columns(table: Table, target: Question, mapping: dict[str, str | None]) -> list[Match]:
    """What each column of the table gives: a field of `target`, or why it is ignored."""
    known = _Fields(target)
    ours = {folded(msg(header, lang)) for header in OWN_HEADERS.values() for lang in LANGUAGES}
    matches = []
    for index, header in enumerate(table.header):
        key = folded(header)
        if key in mapping:
            wanted = mapping[key]
            kind = FIELD if wanted else SKIPPED
            matches.append(Match(index, header, kind, known.by_id.get(wanted or "")))
            continue
        found = known.find(header)
        if found is not None:
            matches.append(Match(index, header, FIELD, found))
        elif _SURVEY_META.match(header.strip()):
            matches.append(Match(index, header, METADATA))
        elif key in ours:
            matches.append(Match(index, header, OURS))
        elif header or any(cells[index] is not None for _, cells in table.rows):
            matches.append(Match(index, header, UNKNOWN))
    return matches


class _Fields:
    """A list's fields found by what a column header says, the closest reading first.

    An id as written, then a label as written (case and spaces aside), then either with
    accents and punctuation ignored: « People concerned » is the label of `public` before it
    is the id `people_concerned` folded. A header that two fields answer equally closely is
    neither's.
    """

    def __init__(self, target: Question) -> None:
        self.by_id = {f.id: f for f in target.fields or []}
        self.levels: list[tuple[Callable[[str], str], dict[str, set[str]]]] = [
            (str.strip, {}),
            (_spaced, {}),
            (folded, {}),
        ]
        for item_field in target.fields or []:
            labels = list(item_field.label.values())
            for level, names in enumerate([[item_field.id], labels, [item_field.id, *labels]]):
                key_of, keys = self.levels[level]
                for name in names:
                    keys.setdefault(key_of(name), set()).add(item_field.id)

    def find(self, header: str) -> Question | None:
        for key_of, keys in self.levels:
            for candidate in _candidates(header):
                found = keys.get(key_of(candidate), set())
                if found:
                    return self.by_id[next(iter(found))] if len(found) == 1 else None
        return None


def _spaced(text: str) -> str:
    return " ".join(text.casefold().split())


def _candidates(header: str) -> list[str]:
    """The header, then without a survey tool's group prefix (`group_x/field`, `group-field`)."""
    found = [header]
    for separator in ("/", "-"):
        if separator in header:
            found.append(header.rsplit(separator, 1)[1])
    return found


def _parse_map(
    mapping: Iterable[str], table: Table, target: Question, lang: str
) -> dict[str, str | None]:
    """`--map COLUMN=FIELD` (a field id or label; empty to ignore the column), checked."""
    headers = {folded(h): h for h in table.header if h}
    known = _Fields(target)
    parsed: dict[str, str | None] = {}
    for item in mapping:
        column, sep, wanted = item.partition("=")
        if not sep:
            raise UsageError(
                msg("--map {value}: expected COLUMN=FIELD, such as 'Nom=name'", lang, value=item),
                lang=lang,
            )
        if folded(column) not in headers:
            raise UsageError(
                msg(
                    "--map {value}: {table} has no column {column} (columns: {columns})",
                    lang,
                    value=item,
                    table=table.name,
                    column=column.strip(),
                    columns=", ".join(h for h in table.header if h),
                ),
                lang=lang,
            )
        chosen = known.find(wanted) if wanted.strip() else None
        if wanted.strip() and chosen is None:
            raise UsageError(
                msg(
                    "--map {value}: {list} has no field {field} (fields: {fields})",
                    lang,
                    value=item,
                    list=target.id,
                    field=wanted.strip(),
                    fields=", ".join(f.id for f in target.fields or []),
                ),
                lang=lang,
            )
        parsed[folded(column)] = chosen.id if chosen else None
    return parsed


def _check_columns(result: ImportResult, target: Question) -> None:
    lang = result.lang
    given = result.of(FIELD)
    if not given:
        raise UsageError(
            msg(
                "{table}: no column matches a field of {list} (fields: {fields})",
                lang,
                table=result.table,
                list=target.id,
                fields=", ".join(f.id for f in target.fields or []),
            ),
            hint=msg("name the columns after the fields, or use --map COLUMN=FIELD", lang),
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
                    list=target.id,
                    field=field_id,
                ),
                hint=msg(
                    "ignore all but one with --map, such as --map '{column}='",
                    lang,
                    column=matches[-1].name,
                ),
                lang=lang,
            )


def _list(q: Questionnaire, list_id: str, lang: str) -> Question:
    question = q.question(list_id)
    if question is None or not question.is_list:
        lists = ", ".join(f"{x.id} ({text(x.label, lang)})" for x in q.questions() if x.is_list)
        raise UsageError(
            msg("--list {list}: not a list of questionnaire {qid}", lang, list=list_id, qid=q.id),
            hint=msg("lists: {lists}", lang, lists=lists),
            lang=lang,
        )
    return question


# --- cells -----------------------------------------------------------------------------------


def as_text(question: Question, value: Any, editor: Editor, numbers: str | None = None) -> str:
    """A cell as the text `set` would be given for this field, in the answers file's language.

    Numbers and dates a spreadsheet typed are written the way the file's language types them,
    so that they parse back to the same value. Text in a number column is read in the language
    the table writes numbers in (`numbers`: a CSV file's delimiter or an export's headers say
    it), so that `6,5` in a French CSV file and « ≈ €1,200.50 » in an English export mean what
    they say, even in an answers file of the other language; unknown, the file's language
    reads it, as `set` does. Several choices or references become their ids when a part names
    one (a label may hold a comma).
    """
    if question.is_multi and not isinstance(value, bool | int | float | dt.date):
        return _several(question, str(value), editor)
    fmt = formatter(editor.lang, editor.q.currency)
    try:
        return question.kind.cell_text(value, editor.lang, fmt, numbers)
    except values.InvalidValue as exc:  # a number that reads two ways in the table's language
        raise UsageError(str(exc)) from None


def written_in(columns: Iterable[Match]) -> str | None:
    """The language of an export, from the headers of its own columns (« Territoire », "File"):
    its numbers and approximate amounts are written in it. None when they do not say."""
    said = {folded(m.header) for m in columns if m.kind == OURS}
    own = {lang: {folded(msg(h, lang)) for h in OWN_HEADERS.values()} for lang in LANGUAGES}
    found = [
        lang
        for lang in LANGUAGES
        if said & own[lang].difference(*(own[other] for other in LANGUAGES if other != lang))
    ]
    return found[0] if len(found) == 1 else None


def _several(question: Question, raw: str, editor: Editor) -> str:
    """`Mécénat; Pratiques responsables`, `odd6 odd13` (KoboToolbox), `N1, N3`: ids joined."""
    names = _names(question, editor)
    if ";" in raw:
        parts = raw.split(";")
    elif "," not in raw and all(folded(p) in names for p in raw.split()):
        parts = raw.split()
    else:
        return raw
    return ", ".join(names.get(folded(p), p.strip()) for p in parts if p.strip())


def _names(question: Question, editor: Editor) -> dict[str, str]:
    """What a part of a cell may say → the id it means: a choice's id or label, an item's id or
    title."""
    names: dict[str, str] = {}
    if (cited := question.kind.cites) is not None:
        for item_id, title in editor.items().get(cited, []):
            names[folded(title)] = item_id
            names[folded(item_id)] = item_id
    for choice in question.choices or []:
        for label in choice.label.values():
            names[folded(label)] = str(choice.id)
        names[folded(str(choice.id))] = str(choice.id)
    names.pop("", None)
    return names
