"""Amounts in workbooks: a figure column to sum, with the kind of each figure beside it.

An amount may be exact, an estimate, a floor, a range or not known. In a sheet, its column holds
only numbers (the figure: the exact amount, the estimate, the floor, a range's low end; empty when
not known), so that a spreadsheet sums it without a formula error; the next column says what
kind of figure each one is (« estimation », "floor"…), never letting an estimate pass for an
exact amount, and the one after holds a range's high end. `import` folds the three back into the
answer (`fold`); a figure column typed by hand (« environ 200 000 ») is read as before.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import LANGUAGES, N_, msg
from coconstruct.model.amounts import Amount
from coconstruct.model.values import InvalidValue, parse_number

if TYPE_CHECKING:
    from coconstruct.tables.reading import Table

KIND = "@kind"  # the suffix of a figure column's companions' keys
HIGH = "@high"
KIND_HEADER = N_("{column} — kind of figure")
HIGH_HEADER = N_("{column} — up to")
KINDS = {
    "exact": N_("exact"),
    "estimate": N_("estimate"),
    "floor": N_("at least"),
    "range": N_("range"),
    "unknown": N_("unknown"),
}


def cells(value: Any) -> tuple[Any, str | None, Any] | None:
    """(figure, kind, high end) of an answer that is an amount; None when it is none."""
    amount = Amount.from_stored(value)
    if amount is None:
        return None
    figure = None if amount.low is None else _plain(amount.low)
    high = _plain(amount.high) if amount.kind == "range" and amount.high is not None else None
    return figure, amount.kind, high


def kind_word(kind: str | None, lang: str) -> str | None:
    return None if kind is None else msg(KINDS[kind], lang)


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _fold(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").casefold().split())


def fold(table: Table, lang: str) -> Table:
    """The table with each figure column's kind and high-end columns folded into it: a cell
    becomes the amount (`Amount`) they say together; the companion columns are emptied. Text
    typed in the figure column (« environ 200 000 ») is read as typed, as `set` reads it; a kind
    that is not one of ours, or cells that say no amount together, are refused with the reason
    (in `lang`)."""
    from coconstruct.tables.reading import Refused  # reading → spreadsheets → sheets → here

    header = [_fold(h) for h in table.header]
    folds: list[tuple[int, int, int | None]] = []  # (figure, kind, high) column indexes
    for index, title in enumerate(table.header):
        if not title:
            continue
        kind = _find(header, KIND_HEADER, title)
        if kind is not None:
            folds.append((index, kind, _find(header, HIGH_HEADER, title)))
    if not folds:
        return table
    words = {_fold(msg(word, lang)): kind for kind, word in KINDS.items() for lang in LANGUAGES}
    words.update({kind: kind for kind in KINDS})
    dropped = {i for _, kind, high in folds for i in (kind, high) if i is not None}
    rows = []
    for number, row in table.rows:
        row = list(row)
        for figure, kind, high in folds:
            said = row[kind]
            low = row[figure]
            top = row[high] if high is not None else None
            refused = next((c for c in (low, said, top) if isinstance(c, Refused)), None)
            if refused is not None:  # an error value or a formula: refused where it is
                row[figure] = refused
                continue
            if said is None or not str(said).strip():
                if not _blank(top):  # a high end with no kind
                    row[figure] = Refused(_mismatch("", lang))
                continue
            chosen = words.get(_fold(said))
            if chosen is None:
                row[figure] = Refused(_not_a_kind(said, lang))
                continue
            if _typed(low, table.numbers) and _blank(top):
                continue  # « environ 200 000 » typed over the figure: read as `set` reads it
            amount = _amount(chosen, low, top, table.numbers)
            row[figure] = amount if amount is not None else Refused(_mismatch(said, lang))
        rows.append((number, [None if i in dropped else c for i, c in enumerate(row)]))
    # the companions stay in place, emptied (every other column keeps its letter in messages)
    kept = ["" if i in dropped else h for i, h in enumerate(table.header)]
    return replace(table, header=kept, rows=rows)


def _find(header: list[str], pattern: str, title: str) -> int | None:
    for lang in LANGUAGES:
        wanted = _fold(msg(pattern, lang, column=title))
        if wanted in header:
            return header.index(wanted)
    return None


def _number(cell: Any, numbers: str | None) -> float | None:
    """A cell's number: a workbook's number, or a CSV file's text in its numbers' language."""
    if isinstance(cell, str) and numbers and cell.strip():
        try:
            return float(parse_number(cell, numbers))
        except InvalidValue:
            return None
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return None
    return float(cell)


def _amount(kind: str | None, low: Any, high: Any, numbers: str | None) -> Amount | None:
    """The amount the three cells say, when they say one plainly (numbers where expected)."""
    figure, top = _number(low, numbers), _number(high, numbers)
    if kind == "unknown" and _blank(low) and _blank(high):
        return Amount("unknown")
    if figure is None or (not _blank(high) and kind != "range"):
        return None
    if kind == "exact":
        return Amount("exact", figure, figure)
    if kind == "estimate":
        return Amount("estimate", figure, figure)
    if kind == "floor":
        return Amount("floor", figure, None)
    if kind == "range" and top is not None and figure <= top:
        return Amount("range", figure, top) if figure < top else Amount("exact", figure, figure)
    return None


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _typed(cell: Any, numbers: str | None) -> bool:
    """Text in a figure column that is no plain number: an amount typed as a room says it."""
    return isinstance(cell, str) and not _blank(cell) and _number(cell, numbers) is None


def _not_a_kind(said: Any, lang: str) -> str:
    kinds = ", ".join(msg(word, lang) for word in KINDS.values())
    return msg("“{value}” is not a kind of amount ({kinds})", lang, value=said, kinds=kinds)


def _mismatch(said: Any, lang: str) -> str:
    return msg(
        "“{kind}”: give the figure as a number, and a high end only for a range",
        lang,
        kind=said,
    )
