"""Spreadsheet files: sheets of cells written as XLSX (openpyxl) or CSV (read back: reading.py).

Writers stream: rows go to disk as they come (openpyxl's write-only workbook keeps each sheet in
a temp file), so exporting hundreds of answers files holds one file's rows at a time. Only the
first rows of each sheet wait, to size its columns from what they hold. Outputs replace their
target atomically: a failed export leaves the previous one as it was.

Nothing an answer says is ever run by a spreadsheet. Text that a spreadsheet would take for a
formula (starting with = + - @, a tab or a carriage return: "CSV injection") is neutralised:
in XLSX it is a text cell marked with Excel's own quote prefix (shown as typed, kept as text
when the cell is edited); in CSV, which has no cell types, it starts with an apostrophe, which
`import` takes off again.

openpyxl is imported here only, inside the functions that need it: `--help` stays instant.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.model import fsio
from coconstruct.model.text import fold
from coconstruct.tables.sheets import Column, Sheet

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"  # neutralises a CSV cell; a spreadsheet's own way to say "this is text"
MAX_CELL = 32_767  # characters an Excel cell holds
SAMPLE_ROWS = 100  # rows read before sizing a sheet's columns
MIN_WIDTH, MAX_WIDTH = 6, 60
# characters XML 1.0 cannot carry (a hand-edited YAML escape may hold one)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def safe_text(value: str) -> str:
    """Text a spreadsheet cell can hold: no XML-illegal characters, at most 32 767 of them."""
    value = _ILLEGAL.sub("", value)
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


# --- writing -------------------------------------------------------------------------------------


class XlsxWriter:
    """A workbook of sheets written row by row; put in place when its `with` block ends well."""

    def __init__(self, path: Path, sheets: Sequence[Sheet], lang: str) -> None:
        from openpyxl import Workbook

        self.path = path
        self.workbook = Workbook(write_only=True)
        self.sheets = {
            sheet.name: _XlsxSheet(self.workbook.create_sheet(sheet.name[:31]), sheet, lang)
            for sheet in sheets
        }

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None:
            # nothing is written: the previous file, if any, stays as it was; the sheets' own
            # temp files are closed now (openpyxl removes them at exit)
            for sheet in self.sheets.values():
                with contextlib.suppress(Exception):
                    sheet.ws.close()
            return
        for sheet in self.sheets.values():
            sheet.finish()
        with fsio.atomic_output(self.path, durable=False) as handle:
            self.workbook.save(handle)

    def append(self, sheet: str, row: list[Any]) -> None:
        self.sheets[sheet].append(row)

    def rows(self) -> dict[str, int]:
        return {name: sheet.count for name, sheet in self.sheets.items()}

    @property
    def paths(self) -> list[Path]:
        return [self.path]


class _XlsxSheet:
    def __init__(self, ws: WriteOnlyWorksheet, sheet: Sheet, lang: str) -> None:
        self.ws, self.sheet, self.lang = ws, sheet, lang
        self.waiting: list[list[Any]] | None = []
        self.count = 0
        self.formats = _NumberFormats(lang)

    def append(self, row: list[Any]) -> None:
        self.count += 1
        if self.waiting is None:
            self.ws.append(self._cells(row))
            return
        self.waiting.append(row)
        if len(self.waiting) >= SAMPLE_ROWS:
            self._start()

    def finish(self) -> None:
        if self.waiting is not None:
            self._start()
        last = column_letter(len(self.sheet.columns) - 1)
        # write-only sheets get these in openpyxl's _setup(); its stubs do not know them
        self.ws.auto_filter.ref = f"A1:{last}{self.count + 1}"  # type: ignore[attr-defined]

    def _start(self) -> None:
        """Size the columns from the header and the rows so far, then write them all."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        waiting = self.waiting or []
        self.waiting = None
        for index, column in enumerate(self.sheet.columns):
            shown = [_shown_width(column, row[index], self.lang) for row in waiting]
            width = max([len(column.header), *shown]) + 2
            dimension = self.ws.column_dimensions[column_letter(index)]  # type: ignore[attr-defined]
            dimension.width = min(max(width, MIN_WIDTH), MAX_WIDTH)
        self.ws.freeze_panes = f"{column_letter(self.sheet.first_answer)}2"
        header = []
        bold = Font(bold=True)
        for title in self.sheet.header():
            cell = WriteOnlyCell(self.ws, value=None)
            cell.value = safe_text(title)
            cell.data_type = "s"
            cell.font = bold
            cell.alignment = Alignment(vertical="top")
            header.append(cell)
        self.ws.append(header)
        for row in waiting:
            self.ws.append(self._cells(row))

    def _cells(self, row: list[Any]) -> list[Any]:
        return [
            self._cell(column, value) for column, value in zip(self.sheet.columns, row, strict=True)
        ]

    def _cell(self, column: Column, value: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if value is None and column.kind in ("money", "number", "percent"):
            # an empty figure has its column's format too: one typed there later shows like
            # the others
            empty = WriteOnlyCell(self.ws, value=None)
            empty.number_format = self.formats.of(column, 0) or "General"
            return empty
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            value = safe_text(value)
            if not value.startswith(("=", "#")) and not is_formula_like(value):
                return value  # openpyxl would read `=…` as a formula and `#N/A` as an error
            cell = WriteOnlyCell(self.ws, value=None)
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = is_formula_like(value)
            return cell
        number_format = self.formats.of(column, value)
        if number_format is None:
            return value
        cell = WriteOnlyCell(self.ws, value=_stored(column, value))
        cell.number_format = number_format
        return cell


def _stored(column: Column, value: Any) -> Any:
    """A cell's value as the spreadsheet stores it: a percentage as a share (12 % is 0.12)."""
    if column.kind == "percent" and isinstance(value, int | float):
        return round(value / 100, 12)
    return value


class _NumberFormats:
    """Excel number formats; the spreadsheet shows them with its own separators."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.date = locale_for(lang).sheet_date_format
        self._money: dict[str, tuple[str, str]] = {}

    def of(self, column: Column, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return self.date
        if not isinstance(value, int | float):
            return None
        # one format for the whole column, whatever each figure is: cents shown in every money
        # cell (`80 000,00 €` beside `1 200,50 €`), a decimal in every measure's
        if column.kind == "date":
            return "0"  # a year: 2027, never 2 027
        if column.kind == "money":
            return self.money(column.currency)[1]
        if column.kind == "percent":
            return "0.0#%"
        if column.kind in ("level", "count") or column.key.startswith("@"):
            return None
        return "#,##0" if column.whole else "#,##0.0#####"

    def money(self, currency: str) -> tuple[str, str]:
        """(whole amounts, amounts with cents): `1 200 €` in French, `€1,200` in English."""
        if currency not in self._money:
            locale = locale_for(self.lang)
            pattern = locale.money_pattern
            pattern = pattern.split(";")[0].replace("\u00a0", " ").replace("\u202f", " ")
            symbol = '"' + locale.currency_symbol(currency) + '"'
            cents = pattern.replace("¤", symbol)
            self._money[currency] = (cents.replace(".00", ""), cents)
        return self._money[currency]


def _shown_width(column: Column, value: Any, lang: str) -> int:
    """About how many characters a cell shows (the longest line of a text)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    return len(csv_cell(column, value, lang))


class CsvWriter:
    """One CSV file per sheet (`DIR/SHEET.csv`), for a spreadsheet in the export's language.

    UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252: « Ã© »), CRLF
    line ends, the delimiter and decimal separator of the language (its `Locale`). The
    files are put in place together when the `with` block ends well.
    """

    def __init__(self, folder: Path, sheets: Sequence[Sheet], lang: str) -> None:
        self.folder, self.lang = folder, lang
        self.specs = {sheet.name: sheet for sheet in sheets}
        self.paths = [folder / f"{sheet.name}.csv" for sheet in sheets]
        self.counts = dict.fromkeys(self.specs, 0)
        self._stack = contextlib.ExitStack()
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> CsvWriter:
        delimiter = locale_for(self.lang).csv_delimiter
        with self._stack as stack:
            for (name, sheet), path in zip(self.specs.items(), self.paths, strict=True):
                binary = stack.enter_context(fsio.atomic_output(path, durable=False))
                text = io.TextIOWrapper(binary, "utf-8-sig", newline="")
                stack.callback(text.detach)  # flushes the text, leaves the file to its writer
                writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
                writer.writerow([csv_text(title) for title in sheet.header()])
                self._writers[name] = writer
            self._stack = stack.pop_all()  # opened: they stay open until __exit__
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        self._stack.__exit__(kind, error, trace)  # failed: every temp file is removed

    def append(self, sheet: str, row: list[Any]) -> None:
        columns = self.specs[sheet].columns
        self._writers[sheet].writerow(
            [csv_cell(column, value, self.lang) for column, value in zip(columns, row, strict=True)]
        )
        self.counts[sheet] += 1

    def rows(self) -> dict[str, int]:
        return dict(self.counts)


def csv_text(value: str) -> str:
    value = safe_text(value)
    return QUOTE + value if is_formula_like(value) else value


def csv_cell(column: Column, value: Any, lang: str) -> str:
    """A cell as CSV text a spreadsheet in `lang` reads back as the same number or date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return msg("Yes", lang) if value else msg("No", lang)
    if isinstance(value, dt.date):
        return locale_for(lang).typed_date(value)
    if isinstance(value, int | float):
        text = locale_for(lang).csv_number(_plain_number(value))
        return text + "%" if column.kind == "percent" else text
    return csv_text(str(value))


def _plain_number(value: float) -> str:
    """`1200.5`: no grouping (a spreadsheet would read it as text), a dot for a decimal mark."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def column_letter(index: int) -> str:
    """`A` for the first column (0), `AA` for the 27th: as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def folded(text: str) -> str:
    """Text compared as people mean it: accents, case, spaces and punctuation ignored."""
    return "".join(c for c in fold(text) if c.isalnum())
