"""Spreadsheets out and in: export, import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coconstruct.cli import completion
from coconstruct.cli.app import (
    InputsArg,
    JobsOpt,
    LangOpt,
    QuestionnaireOpt,
    app,
    check_lang,
    say,
)
from coconstruct.cli.translation import Command
from coconstruct.errors import ExitCode
from coconstruct.language.messages import msg, ui_language


@app.command(name="export", cls=Command)
def export_(
    inputs: InputsArg,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The workbook to write (.xlsx), or a folder for --format csv.",
            metavar="FILE|FOLDER",
        ),
    ],
    format_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format", "-f", help="xlsx (default for a .xlsx file) or csv.", metavar="xlsx|csv"
        ),
    ] = None,
    lang: LangOpt = None,
    questionnaire: QuestionnaireOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Export answers files to a spreadsheet: one sheet per list, one of single answers.

    Each sheet has a row per territory (single answers) or per item (lists), with the
    territory, the item id, the answers (choice labels in the chosen language, numbers, amounts
    and dates as spreadsheet numbers and dates) and the file's name, version and status. CSV:
    one file per sheet, UTF-8, `;` and decimal comma in French. A file with errors is reported
    and left out. Exit 0 when all were exported, 3 when some were left out, 1 when none was.

    Example: coconstruct export answers/ -o portefeuille.xlsx --lang fr
    """
    import os

    from coconstruct.tables import export
    from coconstruct.terminal.console import print_export_summary

    language = check_lang(lang) or ui_language()
    fmt = export.check_options(out, format_)
    options = export.Options(out, fmt, language, questionnaire, jobs or os.cpu_count() or 1)
    try:
        summary = export.run(inputs, options)
    except KeyboardInterrupt:
        say(msg("Interrupted: nothing was written."), err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    print_export_summary(summary)
    raise typer.Exit(summary.exit_code)


@app.command(name="import", cls=Command)
def import_(
    file: Annotated[
        Path,
        typer.Argument(help="The answers file to add items to.", dir_okay=False, metavar="FILE"),
    ],
    table: Annotated[
        Path,
        typer.Argument(
            help="A CSV or XLSX table, one item per row, or a workbook made by export.",
            dir_okay=False,
            metavar="TABLE",
        ),
    ],
    list_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--list",
            help="The list to read the rows into, e.g. partners, or answers for the single "
            "answers (default: every sheet named after a list).",
            metavar="LIST",
        ),
    ] = None,
    sheet: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="The XLSX sheet (default: the one named like the list, else the first).",
            metavar="NAME",
        ),
    ] = None,
    mapping: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--map",
            help="Read COLUMN as FIELD (id or label); --map 'COLUMN=' ignores it. Repeatable.",
            metavar="COLUMN=FIELD",
        ),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Rows with an Id change that item (only the cells that differ); rows "
            "without one are added.",
        ),
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="With --update: remove the items no row names (never cited ones)."
        ),
    ] = False,
    territory: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Read only this territory's rows of a portfolio.", metavar="NAME"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    status: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Set the file's status in the same save: draft (a final file the rows leave "
            "incomplete) or final.",
            metavar="draft|final",
            autocompletion=completion.statuses,
        ),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """Read the rows of a spreadsheet (CSV, XLSX) into an answers file, with the checks of set.

    Columns are matched to the fields by id or label (French or English; accents and case
    ignored; survey group prefixes such as group_x/ passed over), or by --map; the header may
    sit in the first 10 rows. Without --list, every sheet of a workbook made by export is read.
    With --update, rows are matched to items by their Id. Formulas without a value, error
    values, merged cells and new items without a title are refused by their place. Every row
    is checked first: one problem and nothing is written, each listed as TABLE:ROW:COLUMN.
    A final file stays valid: rows that would leave answers missing are refused, unless
    --status draft puts it back in draft in the same save.

    Example: coconstruct import atelier.yaml portefeuille.xlsx --update --territory 'Val d'Orbière'
    """
    from coconstruct.tables.importing import Request, RowsRefused, import_table
    from coconstruct.terminal.imports import print_import_columns, print_import_result

    if prune and not update:
        raise typer.BadParameter(msg("--prune removes what an update leaves out: add --update"))
    request = Request(
        list_id, sheet, tuple(mapping or []), dry_run, update, prune, territory, status
    )
    try:
        outcome = import_table(file, table, request, questionnaire)
    except RowsRefused as refused:
        print_import_columns(refused.result)  # a column read as the wrong field is often why
        raise
    print_import_result(outcome, file)
