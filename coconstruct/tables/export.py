"""`export`: a portfolio of answers files as one workbook (or a folder of CSV files).

Inputs are found as `render` finds them (files, folders, globs). Each file is loaded, checked
and turned into rows on its own (in worker processes when there are many), and its rows are
written at once: memory holds a few files' rows, never the portfolio. A file that cannot be
read or has validation errors is reported and left out; the others are exported.

The sheets and columns are known before the first file is read: they come from the
questionnaires the files name (read from each file's header, without parsing it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct.batch import reading
from coconstruct.batch.reading import Failure, Result
from coconstruct.errors import CoconstructError, ExitCode, UsageError
from coconstruct.language.messages import N_, msg
from coconstruct.tables import sheets as tables

if TYPE_CHECKING:
    from coconstruct.model.questionnaire import Questionnaire

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class Options:
    out: Path
    format: str = "xlsx"
    lang: str = "fr"
    questionnaire: str | None = None
    jobs: int = 1


@dataclass
class Summary:
    exported: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # sheet → rows written
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 every file exported, 3 some left out, 1 none exported."""
        if not self.exported:
            return ExitCode.ERROR
        return ExitCode.PARTIAL if self.failures else ExitCode.OK


def check_options(out: Path, fmt: str | None) -> str:
    """The format: `--format`, else from the output's suffix (`.xlsx`, or a folder for CSV)."""
    chosen = fmt or ("xlsx" if out.suffix.lower() == ".xlsx" else "csv" if out.is_dir() else None)
    if chosen is None:
        raise UsageError(
            msg("-o {out}: give a .xlsx file, or a folder with --format csv", out=out),
        )
    if chosen not in FORMATS:
        raise UsageError(msg("--format {value}: choose xlsx or csv", value=chosen))
    if chosen == "xlsx" and out.suffix.lower() != ".xlsx":
        raise UsageError(msg("-o {out}: an XLSX export is a .xlsx file", out=out))
    if chosen == "csv" and out.exists() and not out.is_dir():
        raise UsageError(msg("-o {out}: a CSV export is a folder (one file per sheet)", out=out))
    return chosen


def run(inputs: list[str], options: Options) -> Summary:
    """Export every answers file found; each failure is reported, never the end of the export."""
    from coconstruct.batch.plan import find_inputs

    started = time.perf_counter()
    paths, missing = find_inputs(inputs)
    summary = Summary(failures=[Failure(o.source, o.message) for o in missing])
    if paths:
        sheets = tables.layout(_questionnaires(paths, options.questionnaire), options.lang)
        _write(paths, sheets, options, summary)
    summary.seconds = time.perf_counter() - started
    return summary


class _NothingExported(Exception):
    """Leaves the previous export in place when no file could be exported."""


def _write(
    paths: list[Path], sheets: list[tables.Sheet], options: Options, summary: Summary
) -> None:
    from coconstruct.tables import spreadsheets

    folder = options.out if options.format == "csv" else options.out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg("{folder}: cannot create the folder ({reason})", folder=folder, reason=exc.strerror)
        ) from None
    writer: spreadsheets.XlsxWriter | spreadsheets.CsvWriter
    if options.format == "xlsx":
        writer = spreadsheets.XlsxWriter(options.out, sheets, options.lang)
    else:
        writer = spreadsheets.CsvWriter(options.out, sheets, options.lang)
    try:
        with writer:
            for path, (status, payload) in _results(paths, sheets, options):
                if status == "ok":
                    for sheet, row in payload:
                        writer.append(sheet, row)
                    summary.exported.append(str(path))
                else:
                    message, hint = payload
                    summary.failures.append(Failure(str(path), message, hint))
            if not summary.exported:
                raise _NothingExported
    except _NothingExported:
        return
    summary.written = list(writer.paths)
    summary.rows = writer.rows()


# --- the files, one by one ------------------------------------------------------------------


def _questionnaires(paths: list[Path], override: str | None) -> list[Questionnaire]:
    """The questionnaires the files name, in the order first met (a broken one is left to the
    file's own export to report)."""
    from coconstruct.batch.plan import questionnaire_file
    from coconstruct.model import questionnaire as qmod

    found: dict[Path, Questionnaire] = {}
    for path in paths:
        source = questionnaire_file(path, override)
        if source is None or source in found:
            continue
        try:
            found[source] = qmod.load(str(source))
        except CoconstructError:
            continue
    return list(found.values())


_context: dict[str, Any] = {}  # what each worker knows: the sheets, the language, the override


def _start(sheets: list[tables.Sheet], lang: str, override: str | None) -> None:
    _context.update(sheets=sheets, lang=lang, override=override)


def _results(
    paths: list[Path], sheets: list[tables.Sheet], options: Options
) -> Iterator[tuple[Path, Result]]:
    """Each file's result, in the order of the files (so the rows are in a stable order)."""
    return reading.results(
        paths, export_one, options.jobs, _start, (sheets, options.lang, options.questionnaire)
    )


def export_one(source: str) -> Result:
    """One file's rows, or why it is left out (a message naming the file, and a hint)."""
    return reading.guarded(source, lambda: _rows(source), N_("{file}: too deeply nested to export"))


def _rows(source: str) -> list[tuple[str, list[Any]]]:
    doc, questionnaire = reading.checked(Path(source), _context["override"])
    # the rows hold the answers as read, migrated when the file was written for an older
    # version (as `show` and `render` read it); the version is the one it was written for,
    # so that a portfolio shows which files `coconstruct migrate` would update
    written_for = doc.migration.from_version if doc.migration else None
    header = {
        "questionnaire_version": written_for or doc.data.get("questionnaire_version"),
        "status": doc.status,
    }
    return list(
        tables.rows(
            doc.plain(), header, questionnaire, _context["sheets"], _context["lang"], source
        )
    )
