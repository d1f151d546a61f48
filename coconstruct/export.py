"""`export`: a portfolio of answers files as one workbook (or a folder of CSV files).

Inputs are found as `render` finds them (files, folders, globs). Each file is loaded, checked
and turned into rows on its own (in worker processes when there are many), and its rows are
written at once: memory holds a few files' rows, never the portfolio. A file that cannot be
read or has validation errors is reported and left out; the others are exported.

The sheets and columns are known before the first file is read: they come from the
questionnaires the files name (read from each file's header, without parsing it).
"""

from __future__ import annotations

import itertools
import signal
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct import tables
from coconstruct.errors import CoconstructError, ExitCode, PositionedError, UsageError
from coconstruct.i18n import msg

if TYPE_CHECKING:
    from coconstruct.questionnaire import Questionnaire

FORMATS = ("xlsx", "csv")
PARALLEL_FROM = 16  # fewer files than this are exported in-process: starting workers costs more


@dataclass(frozen=True)
class Options:
    out: Path
    format: str = "xlsx"
    lang: str = "fr"
    questionnaire: str | None = None
    jobs: int = 1


@dataclass(frozen=True)
class Failure:
    source: str
    message: str
    hint: str | None = None


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
    from coconstruct.batch import find_inputs

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
    from coconstruct import spreadsheets

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
    from coconstruct import questionnaire as qmod
    from coconstruct.batch import questionnaire_file

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


Result = tuple[str, Any]  # ("ok", [(sheet, row)…]) or ("failed", (message, hint))

_context: dict[str, Any] = {}  # what each worker knows: the sheets, the language, the override


def _start(sheets: list[tables.Sheet], lang: str, override: str | None, worker: bool) -> None:
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    _context.update(sheets=sheets, lang=lang, override=override)


def _results(
    paths: list[Path], sheets: list[tables.Sheet], options: Options
) -> Iterator[tuple[Path, Result]]:
    """Each file's result, in the order of the files (so the rows are in a stable order)."""
    if options.jobs <= 1 or len(paths) < PARALLEL_FROM:
        _start(sheets, options.lang, options.questionnaire, worker=False)
        for path in paths:
            yield path, export_one(str(path))
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(
        max_workers=options.jobs,
        mp_context=get_context("spawn"),
        initializer=_start,
        initargs=(sheets, options.lang, options.questionnaire, True),
    )
    pending = iter(paths)
    window: deque[tuple[Path, Any]] = deque()
    # a worker that dies (killed, out of memory) takes the pool down, and with it the files in
    # flight, whichever it was exporting: those and the rest are exported here instead
    broken = False

    def submit(path: Path) -> None:
        nonlocal broken
        future = None
        if not broken:
            try:
                future = pool.submit(export_one, str(path))
            except BrokenProcessPool:
                broken = True
        window.append((path, future))

    try:
        # a few files ahead of the writer per worker: enough to keep them busy, memory bounded
        for path in itertools.islice(pending, 4 * options.jobs):
            submit(path)
        while window:
            path, future = window.popleft()
            try:
                result = future.result() if future is not None else None
            except BrokenProcessPool:
                broken, result = True, None
            if result is None:
                _start(sheets, options.lang, options.questionnaire, worker=False)
                result = export_one(str(path))
            for following in itertools.islice(pending, 1):
                submit(following)
            yield path, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def export_one(source: str) -> Result:
    """One file's rows, or why it is left out (a message naming the file, and a hint)."""
    from coconstruct.validation import InvalidAnswers, load_checked, refuse_errors

    path = Path(source)
    override = _context["override"]
    try:
        doc, questionnaire = load_checked(path, override, comments=False)
        try:
            refuse_errors(doc, questionnaire)
        except InvalidAnswers:
            # said as `validate` says it: with the positions the full parser reads
            refuse_errors(*load_checked(path, override))
        # the rows hold the answers as read, migrated when the file was written for an older
        # version (as `show` and `render` read it); the version is the one it was written for,
        # so that a portfolio shows which files `coconstruct migrate` would update
        written_for = doc.migration.from_version if doc.migration else None
        header = {
            "questionnaire_version": written_for or doc.data.get("questionnaire_version"),
            "status": doc.status,
        }
        rows = list(
            tables.rows(
                doc.plain(), header, questionnaire, _context["sheets"], _context["lang"], source
            )
        )
        return "ok", rows
    except CoconstructError as exc:
        message = exc.message
        if not isinstance(exc, PositionedError) and source not in message:
            message = f"{source}: {message}"
        return "failed", (message, exc.hint)
    except RecursionError:
        return "failed", (msg("{file}: too deeply nested to export", file=source), None)
    except Exception as exc:  # an unexpected bug must fail one file, not the export
        return "failed", (f"{source}: internal error ({type(exc).__name__}: {exc})", None)
