"""What `import` says: how each table's columns were read (stderr), then what it added,
changed and removed, or would (stdout)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model.questionnaire import text
from coconstruct.terminal.console import console, escape_markup

if TYPE_CHECKING:
    from coconstruct.tables.importing import ImportResult, Outcome

PREVIEW_ROWS = 30  # items a dry run lists, before saying how many more it read


def print_import_columns(result: ImportResult) -> None:
    """How the table's columns were read, and which were ignored (stderr)."""
    from coconstruct.tables.importing import COUNTED, FIELD, METADATA, OURS, SKIPPED, UNKNOWN
    from coconstruct.tables.sheets import ITEM_ID

    lang = result.lang
    err = console(stderr=True)

    def say(line: str, style: str | None = None) -> None:
        err.print(escape_markup(line), style=style, highlight=False, soft_wrap=True)

    if result.above:
        first, last = result.above[0], result.above[-1]
        rows = str(first) if first == last else f"{first}–{last}"
        say(
            msg(
                "{table}: header read on row {row}; rows above it passed over: {rows}",
                lang,
                table=result.table,
                row=result.header_row,
                rows=rows,
            )
        )
    notes = [
        (FIELD, N_("Columns read: {columns}"), None),
        (UNKNOWN, N_("Columns ignored, no field of {list} has their name: {columns}"), "yellow"),
        (SKIPPED, N_("Columns ignored as --map says: {columns}"), None),
        (METADATA, N_("Survey metadata ignored: {columns}"), None),
        (OURS, N_("Export columns ignored (new items get new ids): {columns}"), None),
        (
            COUNTED,
            N_("Counts of items ignored (each list's sheet gives its items): {columns}"),
            None,
        ),
    ]
    for kind, note, style in notes:
        if kind == FIELD:
            columns = ", ".join(
                f"{m.letter} {m.name} → {m.field.id}" for m in result.of(FIELD) if m.field
            )
        elif kind == OURS and result.by_id:
            by_id = [m for m in result.of(OURS) if m.own == ITEM_ID]
            for match in by_id:
                say(
                    msg(
                        "{column}: rows matched to items by it",
                        lang,
                        column=f"{match.letter} {match.name}",
                    )
                )
            columns = ", ".join(f"{m.letter} {m.name}" for m in result.of(kind) if m not in by_id)
            note = N_("Export columns ignored: {columns}")
        else:
            columns = ", ".join(f"{m.letter} {m.name}" for m in result.of(kind))
        if columns:
            say(msg(note, lang, columns=columns, list=result.list_id), style)
            if kind == UNKNOWN:
                say(msg("  (--map COLUMN=FIELD reads one of them)", lang))
    if result.elsewhere:
        say(
            nmsg(
                "{n} row of another territory left out",
                "{n} rows of other territories left out",
                result.elsewhere,
                lang,
            )
        )


def print_import_result(outcome: Outcome, file: Path) -> None:
    """Each table's columns (stderr), then what changed, or would (stdout)."""
    out = console()
    lang = outcome.results[0].lang if outcome.results else "en"
    if outcome.ignored_sheets:
        console(stderr=True).print(
            escape_markup(
                msg(
                    "Sheets ignored, no list has their name: {sheets}",
                    lang,
                    sheets=", ".join(outcome.ignored_sheets),
                )
            ),
            style="yellow",
            highlight=False,
            soft_wrap=True,
        )
    dry_run = any(r.dry_run for r in outcome.results)
    for result in outcome.results:
        print_import_columns(result)
        if dry_run and result.added:
            _preview(result)
        for line in _said(result):
            out.print(escape_markup(line), highlight=False, soft_wrap=True)
    changed = any(r.changed for r in outcome.results)
    if dry_run:
        if not any(r.added for r in outcome.results):
            out.print(msg("Dry run: nothing was written", lang), style="yellow", highlight=False)
    elif changed or outcome.status is not None:
        if outcome.status is not None:
            out.print("  " + msg("status: {status}", lang, status=outcome.status), highlight=False)
        out.print(msg("Saved {file}", lang, file=file), style="green", highlight=False)
    else:
        out.print(
            msg("Nothing to change: {file} already says what the table says", lang, file=file),
            highlight=False,
            soft_wrap=True,
        )


def _said(result: ImportResult) -> list[str]:
    """What one table changed, one line each."""
    lang, where = result.lang, result.list_id
    lines = []
    if result.added:
        first, last = result.added[0], result.added[-1]
        ids = first if first == last else f"{first} … {last}"
        lines.append(
            nmsg(
                "Dry run: would add {n} item to {list} ({ids}); nothing was written",
                "Dry run: would add {n} items to {list} ({ids}); nothing was written",
                len(result.added),
                lang,
                list=where,
                ids=ids,
            )
            if result.dry_run
            else nmsg(
                "Added {n} item to {list}: {ids}",
                "Added {n} items to {list}: {ids}",
                len(result.added),
                lang,
                list=where,
                ids=ids,
            )
        )
    for item_id, changed in result.updated.items():
        name = item_id if item_id == where else f"{where}[{item_id}]"
        lines.append(
            msg("{item}: would change {fields}", lang, item=name, fields=", ".join(changed))
            if result.dry_run
            else msg("{item}: changed {fields}", lang, item=name, fields=", ".join(changed))
        )
    if result.removed:
        lines.append(
            nmsg(
                "Dry run: would remove {n} item from {list}: {ids}",
                "Dry run: would remove {n} items from {list}: {ids}",
                len(result.removed),
                lang,
                list=where,
                ids=", ".join(result.removed),
            )
            if result.dry_run
            else nmsg(
                "Removed {n} item from {list}: {ids}",
                "Removed {n} items from {list}: {ids}",
                len(result.removed),
                lang,
                list=where,
                ids=", ".join(result.removed),
            )
        )
    if result.unchanged:
        lines.append(
            nmsg(
                "{table}: {n} row unchanged",
                "{table}: {n} rows unchanged",
                result.unchanged,
                lang,
                table=result.table,
            )
        )
    if not lines:
        lines.append(
            msg(
                "No row to add: {table} has no row with a value for {list}",
                lang,
                table=result.table,
                list=where,
            )
        )
    return lines


def _preview(result: ImportResult) -> None:
    """The new items, one line each, as many fields as the screen holds."""
    from rich.table import Table

    from coconstruct.tables.importing import FIELD

    lang, out = result.lang, console()
    read = {m.field.id for m in result.of(FIELD) if m.field}
    fields = [f for f in result.fields if f.id in read]
    if not fields:
        return
    id_width = max(len(msg("Id", lang)), *(len(item_id) for item_id, _ in result.preview))
    shown_fields = fields[: max(1, (out.width - id_width) // 16)]
    width = (out.width - id_width) // len(shown_fields) - 2
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(msg("Id", lang), no_wrap=True, width=id_width)
    for item_field in shown_fields:
        label = escape_markup(text(item_field.label, lang))
        table.add_column(label, no_wrap=True, overflow="ellipsis", max_width=width)
    for item_id, shown in result.preview[:PREVIEW_ROWS]:
        cells = (" ".join(shown.get(f.id, "—").split()) for f in shown_fields)
        table.add_row(item_id, *(escape_markup(cell) for cell in cells))
    out.print(table)
    if len(result.preview) > PREVIEW_ROWS:
        more = len(result.preview) - PREVIEW_ROWS
        out.print(
            nmsg("… and {n} more item, not shown", "… and {n} more items, not shown", more, lang),
            style="dim",
            highlight=False,
        )
    if len(fields) > len(shown_fields):
        hidden = ", ".join(text(f.label, lang) for f in fields[len(shown_fields) :])
        out.print(
            escape_markup(msg("Also read, not shown here: {fields}", lang, fields=hidden)),
            style="dim",
            highlight=False,
            soft_wrap=True,
        )
