"""Tables read back from a CSV file or an XLSX workbook, with what cannot be read said by place.

A cell is what the spreadsheet shows: text, a number, a date, a boolean, None when empty (a
number shown as a percentage is the percentage: 12 for 12 %). What a spreadsheet holds that is
not data is never read as data, nor as an empty cell: a formula without a computed value
(openpyxl writes them so), an error value (#VALUE!, #REF!, #N/A…) and merged cells (only their
first cell holds the value) are kept as `Refused`, with the reason, for `import` to name them by
their place.

The header is the row, among the first HEADER_ROWS, that `import` finds the most fields in (a
title line above it is passed over). openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coconstruct.errors import CoconstructError
from coconstruct.language.locales import locale_of_csv_delimiter
from coconstruct.language.messages import msg
from coconstruct.tables.spreadsheets import QUOTE, column_letter, is_formula_like

HEADER_ROWS = 10  # the header is looked for in the first rows of a sheet
_DELIMITERS = ";,\t"


@dataclass(frozen=True)
class Refused:
    """A cell that holds no data a person typed, and why (in the user's language)."""

    reason: str


@dataclass
class Table:
    """A sheet's rows, numbered as the spreadsheet shows them, and the one read as its header.

    `name` is as messages show it: `partners.csv`, `export.xlsx[partners]`; `sheet` the sheet's
    own name in its workbook (None for a CSV file).
    """

    name: str
    lines: list[tuple[int, list[Any]]]  # every row that is not empty
    header_row: int = 1
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    # how a CSV file writes numbers: `fr` (`;` and `6,5`) or `en` (`,` and `6.5`); None in XLSX,
    # whose numbers are numbers (an export's approximate amounts, text in its language, are
    # read in the language of its headers: see importing.written_in)
    numbers: str | None = None
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, `B4:B9`)
    sheet: str | None = None

    def candidates(self) -> list[int]:
        """The rows that may be the header: the non-empty ones among the first HEADER_ROWS."""
        return [number for number, _ in self.lines if number <= HEADER_ROWS] or [
            number for number, _ in self.lines[:1]
        ]

    def framed(self, header_row: int) -> Table:
        """The table read with its header at `header_row`: the rows below are its rows."""
        at = [n for n, _ in self.lines].index(header_row)
        cells = self.lines[at][1]
        width = max((i + 1 for i, c in enumerate(cells) if c is not None), default=0)
        body = self.lines[at + 1 :]
        width = max([width, *(len(c) for _, c in body)]) if body else width
        titles = [_header_text(c) for c in (cells + [None] * width)[:width]]
        rows = [(number, (c + [None] * width)[:width]) for number, c in body]
        return replace(self, header_row=header_row, header=titles, rows=rows)

    def above(self) -> list[int]:
        """The non-empty rows above the header (a title, a note), passed over."""
        return [number for number, _ in self.lines if number < self.header_row]


def read_table(
    path: Path, sheet: str | None = None, prefer: str | None = None, lang: str | None = None
) -> Table:
    """One table: a CSV file, or an XLSX file's sheet `sheet`, else the one named `prefer` (the
    list being imported, as `export` names its sheets), else the first. Messages in `lang`."""
    if _is_xlsx(path, lang):
        with _Workbook(path, lang) as workbook:
            chosen = _sheet_name(workbook.names, sheet, prefer)
            if chosen is None:
                raise CoconstructError(
                    msg(
                        "--sheet {sheet}: {file} has no such sheet (sheets: {sheets})",
                        lang,
                        sheet=sheet,
                        file=path,
                        sheets=", ".join(workbook.names),
                    ),
                    lang=lang,
                )
            return workbook.table(chosen)
    if sheet is not None:
        raise CoconstructError(
            msg(
                "--sheet {sheet}: {file} is a CSV file, it has no sheets",
                lang,
                sheet=sheet,
                file=path,
            ),
            lang=lang,
        )
    return _read_csv(path)


def read_workbook(path: Path, lang: str | None = None) -> list[Table]:
    """Every sheet of an XLSX workbook (a CSV file is one table)."""
    if not _is_xlsx(path, lang):
        return [_read_csv(path)]
    with _Workbook(path, lang) as workbook:
        return [workbook.table(name) for name in workbook.names]


def _is_xlsx(path: Path, lang: str | None) -> bool:
    if not path.is_file():
        raise CoconstructError(msg("{file}: no such file", lang, file=path), lang=lang)
    with path.open("rb") as handle:
        zipped = handle.read(4) == b"PK\x03\x04"
    if not zipped and path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise CoconstructError(
            msg("{file}: only .xlsx and .csv tables can be read", lang, file=path),
            hint=msg("save it as .xlsx (Excel 2007 and later) or as CSV, then import that", lang),
            lang=lang,
        )
    return zipped


# --- CSV ---------------------------------------------------------------------------------------


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # French Excel's « CSV (point-virgule) »
    delimiter = _delimiter(text)
    read = [
        (number, [_csv_value(v) for v in row])
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)
    ]
    lines = [(number, cells) for number, cells in read if any(c is not None for c in cells)]
    # a spreadsheet that splits on semicolons writes decimal commas (the Locale's CSV dialect);
    # with tabs, either: the answers file's language reads them, as `set` would
    table = Table(path.name, lines, numbers=locale_of_csv_delimiter(delimiter))
    return table.framed(lines[0][0]) if lines else table


def _delimiter(text: str) -> str:
    """The header says it best: of the first lines (a title line may come first), the one
    with the most of one delimiter, between every pair of titles (the data may hold commas in
    text and line breaks in quotes)."""
    lines = [line for line in text.splitlines()[:HEADER_ROWS] if line.strip()]
    best, count = ",", 0
    for line in lines:
        for delimiter in _DELIMITERS:
            if line.count(delimiter) > count:
                best, count = delimiter, line.count(delimiter)
    return best


def _csv_value(text: str) -> str | None:
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text if text.strip() else None


# --- XLSX --------------------------------------------------------------------------------------

# in a sheet's XML: a cell, a formula in it, its value, a merged range
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]+<", re.S)
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+\d+))?"')


class _Workbook:
    """An XLSX workbook open for reading, its sheets read one by one."""

    def __init__(self, path: Path, lang: str | None) -> None:
        import zipfile

        from openpyxl import load_workbook

        self.path, self.lang = path, lang
        try:
            self.workbook = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise CoconstructError(
                msg("{file}: not a readable XLSX file ({reason})", lang, file=path, reason=exc),
                lang=lang,
            ) from None
        self.names = list(self.workbook.sheetnames)

    def __enter__(self) -> _Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.workbook.close()

    def table(self, name: str) -> Table:
        ws = self.workbook[name]
        ws.reset_dimensions()  # some writers record a wrong size: read every row there is
        xml = self._xml(ws)
        unvalued = _unvalued_formulas(xml, self.lang)
        lines = []
        for number, row in enumerate(ws.iter_rows(), 1):
            cells = [
                unvalued.get((number, index)) or _xlsx_value(cell, self.lang)
                for index, cell in enumerate(row)
            ]
            if any(c is not None for c in cells):
                lines.append((number, cells))
        table = Table(f"{self.path.name}[{name}]", lines, merged=_merged(xml), sheet=name)
        return table.framed(lines[0][0]) if lines else table

    def _xml(self, ws: Any) -> bytes:
        """The sheet's own XML (formulas and merged ranges, which a read-only sheet hides)."""
        path = getattr(ws, "_worksheet_path", None)
        archive = getattr(self.workbook, "_archive", None)
        if path is None or archive is None:
            return b""
        return bytes(archive.read(path))


def _unvalued_formulas(xml: bytes, lang: str | None) -> dict[tuple[int, int], Refused]:
    """The formula cells with no computed value, by (row, column index)."""
    found: dict[tuple[int, int], Refused] = {}
    if not re.search(rb"<(?:\w+:)?f\b", xml):
        return found
    for cell in _CELL.finditer(xml):
        inside = cell.group(2) or b""
        formula = _FORMULA.search(inside)
        if formula is None or _VALUE.search(inside):
            continue
        ref = _REF.search(cell.group(1))
        if ref is None:
            continue
        text = (formula.group(1) or b"").decode("utf-8", errors="replace")
        shown = f"={_unescaped(text)}" if text else msg("(shared)", lang)
        found[(int(ref.group(2)), _column_index(ref.group(1)))] = Refused(
            msg(
                "formula {formula} has no computed value: open and save the file in a "
                "spreadsheet (or paste values only), then import it again",
                lang,
                formula=shown,
            )
        )
    return found


def _merged(xml: bytes) -> list[tuple[int, int, str]]:
    return [
        (
            int(m.group(2)),
            _column_index(m.group(1)),
            f"{m.group(1).decode()}{m.group(2).decode()}"
            + (f":{m.group(3).decode()}" if m.group(3) else ""),
        )
        for m in _MERGED.finditer(xml)
        if m.group(3)
    ]


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.decode():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _unescaped(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _sheet_name(names: list[str], wanted: str | None, prefer: str | None) -> str | None:
    if wanted is None:
        by_list = [n for n in names if prefer and n.casefold() == prefer.casefold()]
        return by_list[0] if by_list else (names[0] if names else None)
    for name in names:
        if name == wanted or name.casefold() == wanted.casefold():
            return name
    return None


def _xlsx_value(cell: Any, lang: str | None) -> Any:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e" and value is not None:
        return Refused(
            msg(
                "{value} is an error value, not data: correct the formula, or type the value",
                lang,
                value=value,
            )
        )
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            value = round(value * 100, 10)
        if isinstance(value, float) and value.is_integer():
            return int(value)
    return value


def _header_text(value: Any) -> str:
    if value is None or isinstance(value, Refused):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


__all__ = ["HEADER_ROWS", "Refused", "Table", "column_letter", "read_table", "read_workbook"]
