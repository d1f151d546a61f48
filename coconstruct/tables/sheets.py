"""Answers as tables, for spreadsheets: one sheet per list, one sheet of single answers.

Pure: questionnaires and answers in, sheets of typed cells out (text, numbers, dates, booleans);
`spreadsheets.py` writes them as XLSX or CSV. Every sheet and column comes from the
questionnaires, never from a list of known fields, so any questionnaire, and several versions of
one in the same portfolio, export the same way: the columns are the union of their questions.

What a consultant filters on reads as a room reads it: a choice is its label in the export's
language, a scale is its level (a number, so that it sorts and averages), a reference is the
cited items' ids (each list's sheet has its items' ids), a list in the single-answers sheet is
its number of items; a choice left unanswered that the questionnaire computes (a funding
line's family, from its source) is the computed one, as `show` and the roadmap give it. Exact
amounts, numbers and days stay numbers and dates; an approximate one
(an estimate, a floor, a range, an amount not known, a year, a quarter, a month) is the text a
room reads, never a made-up figure or day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from coconstruct.language.messages import N_, msg
from coconstruct.model import values
from coconstruct.model.formatting import formatter
from coconstruct.model.question_types.numeric import Amounts
from coconstruct.model.questionnaire import Question, Questionnaire, text
from coconstruct.tables import amounts

ANSWERS_SHEET = "answers"  # the sheet of single answers: the key of the answers file itself
# what `show` and the report call the territory; a file without it is named by its stem
TERRITORY_QUESTION = "territory_name"

# the keys of the columns every sheet has besides the answers; `@` keeps them apart from
# question ids (a list may well have a field `status`)
TERRITORY = "@territory"
ITEM_ID = "@id"
FILE = "@file"
VERSION = "@questionnaire_version"
STATUS = "@status"
OWN_HEADERS = {
    TERRITORY: N_("Territory"),
    ITEM_ID: N_("Id"),
    FILE: N_("File"),
    VERSION: N_("Questionnaire version"),
    STATUS: N_("File status"),
}


@dataclass(frozen=True)
class Column:
    """A column: what it holds (a question id or one of ours), its header, its kind of cell.

    Kinds: text, number, money, percent (a stored 12 is 12 %), date, boolean, level (a scale),
    count (items of a list).
    """

    key: str
    header: str
    kind: str = "text"
    currency: str = "EUR"
    amounts: bool = False  # a figure that may be approximate: its kind and high end follow
    whole: bool = False  # a count: whole numbers only (its number format shows no decimals)


@dataclass
class Sheet:
    """A sheet: its name (a list id, or `answers`), its columns, and where answers start."""

    name: str
    columns: list[Column] = field(default_factory=list)
    list_id: str | None = None  # the list whose items are its rows

    @property
    def first_answer(self) -> int:
        """The index of the first column holding answers (what stays in view when scrolling)."""
        return 2 if self.list_id else 1

    def header(self) -> list[str]:
        return [column.header for column in self.columns]


def layout(questionnaires: Iterable[Questionnaire], lang: str) -> list[Sheet]:
    """The sheets for files answering these questionnaires: the single answers, then each list.

    Questions are merged by id, in the order they are first met: the first questionnaire that
    has a question gives its header.
    """
    single = Sheet(ANSWERS_SHEET)
    lists: dict[str, Sheet] = {}
    seen: dict[str, set[str]] = {ANSWERS_SHEET: set()}
    for questionnaire in questionnaires:
        for question in questionnaire.questions():
            _add(single, seen[ANSWERS_SHEET], question, lang, questionnaire.currency)
            if not question.is_list:
                continue
            sheet = lists.setdefault(question.id, Sheet(question.id, list_id=question.id))
            known = seen.setdefault(question.id, set())
            for item_field in question.fields or []:
                _add(sheet, known, item_field, lang, questionnaire.currency)
    sheets = [single, *lists.values()]
    for sheet in sheets:
        _frame(sheet, lang)
    return sheets


def _add(sheet: Sheet, known: set[str], question: Question, lang: str, currency: str) -> None:
    if question.id not in known:
        known.add(question.id)
        header = text(question.label, lang) or question.id
        amounts = isinstance(question.kind, Amounts)
        column = Column(question.id, header, question.kind.column, currency, amounts)
        sheet.columns.append(replace(column, whole=bool(question.integer)))


def _frame(sheet: Sheet, lang: str) -> None:
    """Put our own columns around the answers: territory (and item id) first, file data last.

    The headers of a sheet are made unique (a label used twice gets its question id), so that
    reading the sheet back, by a person or by `import`, is never ambiguous.
    """

    def own(key: str, kind: str = "text") -> Column:
        return Column(key, msg(OWN_HEADERS[key], lang), kind)

    first = [own(TERRITORY), *([own(ITEM_ID)] if sheet.list_id else [])]
    last = [own(FILE), own(VERSION, "number"), own(STATUS)]
    columns = [*first, *sheet.columns, *last]
    counts: dict[str, int] = {}
    for column in columns:
        counts[column.header.casefold()] = counts.get(column.header.casefold(), 0) + 1
    unique = [
        replace(c, header=f"{c.header} ({c.key.lstrip('@')})")
        if counts[c.header.casefold()] > 1
        else c
        for c in columns
    ]
    sheet.columns = []
    for column in unique:
        sheet.columns.append(column)
        if column.amounts:  # its kind, then a range's high end, beside the figure
            said = amounts.KIND_HEADER
            sheet.columns.append(
                Column(column.key + amounts.KIND, msg(said, lang, column=column.header))
            )
            said = amounts.HIGH_HEADER
            sheet.columns.append(
                replace(
                    column,
                    key=column.key + amounts.HIGH,
                    header=msg(said, lang, column=column.header),
                    amounts=False,
                )
            )


# --- rows -----------------------------------------------------------------------------------


def rows(
    answers: dict[str, Any],
    header: dict[str, Any],
    questionnaire: Questionnaire,
    sheets: list[Sheet],
    lang: str,
    source: str,
) -> Iterator[tuple[str, list[Any]]]:
    """(sheet name, row of cells) for one answers file: its row of single answers, then a row
    per item of each list. `answers` are plain values; `header` the file's header keys."""
    items = values.items_index(questionnaire, answers)
    territory = answers.get(TERRITORY_QUESTION) or _stem(source)
    own = {
        TERRITORY: str(territory),
        FILE: source,
        VERSION: header.get("questionnaire_version"),
        STATUS: msg("final", lang) if header.get("status") == "final" else msg("draft", lang),
    }
    by_name = {sheet.name: sheet for sheet in sheets}
    single = by_name[ANSWERS_SHEET]
    currency = questionnaire.currency
    top: dict[str, Any] = {}
    for q in questionnaire.questions():
        top.update(_cells(q, answers.get(q.id), lang, items, currency))
    yield single.name, [own.get(c.key, top.get(c.key)) for c in single.columns]
    for question in questionnaire.questions():
        sheet = by_name.get(question.id)
        raw = answers.get(question.id)
        if sheet is None or not question.is_list or not isinstance(raw, list):
            continue
        fields = {f.id: f for f in question.fields or []}
        for item in raw:
            if not isinstance(item, dict):
                continue
            row = []
            given: dict[str, Any] = {}
            for key, item_field in fields.items():
                value = item.get(key)
                if values.is_empty(value):  # a family computed from the source, as shown
                    value = values.computed_choice(item_field, answers, item)
                given.update(_cells(item_field, value, lang, items, currency))
            for column in sheet.columns:
                if column.key in own:
                    row.append(own[column.key])
                elif column.key == ITEM_ID:
                    row.append(str(item.get("id", "")))
                elif column.key in given:
                    row.append(given[column.key])
                else:
                    row.append(None)  # a field of another questionnaire of the portfolio
            yield sheet.name, row


def _cells(
    question: Question, value: Any, lang: str, items: values.Items, currency: str
) -> dict[str, Any]:
    """The cells of one answer by column key: its own, and for an amount its kind and high end
    (a figure column holds numbers only, so that a spreadsheet sums it)."""
    if isinstance(question.kind, Amounts) and not values.is_empty(value):
        split = amounts.cells(value)
        if split is not None:
            figure, kind, high = split
            return {
                question.id: figure,
                question.id + amounts.KIND: amounts.kind_word(kind, lang),
                question.id + amounts.HIGH: high,
            }
    return {question.id: cell(question, value, lang, items, currency)}


def cell(
    question: Question,
    value: Any,
    lang: str,
    items: values.Items | None = None,
    currency: str = "EUR",
) -> Any:
    """One answer as a spreadsheet cell: a number, a date, a boolean or text; None when empty.

    Only what is exact is a number or a date: an estimate, a floor, a range, an amount not
    known, a year, a quarter or a month is the text a room reads (« ≈ 200 000 € »,
    « oct. 2016 »), which `import` reads back as `set` does. Never a 0 for an unknown amount, nor
    a day made up from a year. Each question type says how it fills a cell (`kind.cell`).
    """
    if values.is_empty(value):
        return None
    return question.kind.cell(value, lang, formatter(lang, currency), items)


def _stem(source: str) -> str:
    from pathlib import PurePath

    return PurePath(source).stem
