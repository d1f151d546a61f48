"""How `import` reads a table: which row is the header, what each column gives, what text each
cell is for `set`.

Columns are matched to fields by id or by label in any language of the questionnaire (accents,
case and punctuation ignored; a survey tool's group prefix, `group_x/field`, is passed over), or
as `--map COLUMN=FIELD` says. A survey tool's metadata (`_id`, `_uuid`, `_submission_time`,
`start`, `end`, `meta/instanceID`…, when no field has the name) and the columns `export` adds
(territory, id, file) are known as such. The fields are a list's (a sheet of items) or the
questionnaire's single answers (the `answers` sheet of an export): any field the questionnaire
has, old or new, is read the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.editing.editor import Editor
from coconstruct.errors import UsageError
from coconstruct.language.messages import LANGUAGES, msg
from coconstruct.model import values
from coconstruct.model.formatting import formatter
from coconstruct.model.questionnaire import Question
from coconstruct.tables.reading import Table
from coconstruct.tables.sheets import OWN_HEADERS
from coconstruct.tables.spreadsheets import column_letter, folded

# how a column was understood
FIELD, UNKNOWN, METADATA, OURS, SKIPPED = "field", "unknown", "metadata", "ours", "skipped"
COUNTED = "counted"  # the single answers sheet's count of a list's items (its sheet gives them)
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
    kind: str  # FIELD, UNKNOWN, METADATA, OURS, SKIPPED or COUNTED
    field: Question | None = None
    own: str | None = None  # which of export's own columns (sheets.TERRITORY, ITEM_ID…)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def name(self) -> str:
        return self.header or msg("column {letter}", letter=self.letter)


def match_columns(
    table: Table,
    fields: Sequence[Question],
    mapping: dict[str, str | None],
    lists: Sequence[Question] = (),
) -> list[Match]:
    """What each column of the table gives: a field of `target`, or why it is ignored."""
    known = _Fields(fields)
    counted = _Fields(lists) if lists else None
    ours = {
        folded(msg(header, lang)): key for key, header in OWN_HEADERS.items() for lang in LANGUAGES
    }
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
            matches.append(Match(index, header, OURS, own=ours[key]))
        elif counted is not None and counted.find(header) is not None:
            matches.append(Match(index, header, COUNTED))
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

    def __init__(self, fields: Sequence[Question]) -> None:
        self.by_id = {f.id: f for f in fields}
        self.levels: list[tuple[Callable[[str], str], dict[str, set[str]]]] = [
            (str.strip, {}),
            (_spaced, {}),
            (folded, {}),
        ]
        for item_field in fields:
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


def parse_map(
    mapping: Iterable[str], table: Table, fields: Sequence[Question], list_id: str, lang: str
) -> dict[str, str | None]:
    """`--map COLUMN=FIELD` (a field id or label; empty to ignore the column), checked."""
    headers = {folded(h): h for h in table.header if h}
    known = _Fields(fields)
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
                    list=list_id,
                    field=wanted.strip(),
                    fields=", ".join(f.id for f in fields),
                ),
                lang=lang,
            )
        parsed[folded(column)] = chosen.id if chosen else None
    return parsed


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


def framed(table: Table, fields: Sequence[Question], mapping: Iterable[str]) -> Table:
    """The table with its header: of the first rows, the one whose cells name the most fields
    (or columns `--map` names); the first row when none does (the message then says so)."""
    known = _Fields(fields)
    wanted = {folded(item.partition("=")[0]) for item in mapping}
    best, score = None, 0
    for number in table.candidates():
        candidate = table.framed(number)
        found = sum(1 for h in candidate.header if h and (known.find(h) or folded(h) in wanted))
        if found > score:
            best, score = candidate, found
    return best if best is not None else table
