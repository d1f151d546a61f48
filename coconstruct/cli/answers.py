"""Commands on one answers file: new, set, show, validate, migrate, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coconstruct.cli import completion
from coconstruct.cli.app import (
    LangOpt,
    QuestionnaireOpt,
    app,
    check_lang,
    say,
)
from coconstruct.cli.translation import Command
from coconstruct.errors import ExitCode, UsageError
from coconstruct.language.messages import N_, msg


@app.command(cls=Command)
def new(
    file: Annotated[
        Path, typer.Argument(help="The answers file to create.", dir_okay=False, metavar="FILE")
    ],
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
) -> None:
    """Create an empty answers file (never overwrites one).

    Example: coconstruct new atelier.yaml --lang fr
    """
    from coconstruct.model import answers_file as answers
    from coconstruct.model import questionnaire as qmod
    from coconstruct.model.locking import locked

    check_lang(lang)
    answers.check_creatable(file)
    ref = questionnaire or "territoire"
    q = qmod.load(ref)
    language = q.lang(lang)
    with locked(file):
        answers.create(file, q, ref, language)
    say(
        msg(
            "Created {file} (questionnaire {qid} v{version}, {language})",
            file=file,
            qid=q.id,
            version=q.version,
            language=language,
        ),
        style="green",
    )
    say(msg("Next: coconstruct run {file}", file=file))


@app.command(name="set", cls=Command)
def set_(
    file: Annotated[
        Path, typer.Argument(help="The answers file to edit.", dir_okay=False, metavar="FILE")
    ],
    assignments: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help='PATH=VALUE, e.g. territory_name="Val d\'Orbière" '
            "needs[N2].priority=4 'needs[+].title=Eau potable'",
            metavar="PATH=VALUE",
            autocompletion=completion.answer_paths,
        ),
    ] = None,
    status: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Set the file's status: draft or final.",
            metavar="draft|final",
            autocompletion=completion.statuses,
        ),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
    remove: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--remove",
            help="Remove an item (needs[N3]) or an answer (population); repeat for several.",
            metavar="PATH",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Remove an item even when other answers cite it."),
    ] = False,
    from_file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            help="Read PATH=VALUE lines from this file (- for standard input); # comments.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Edit answers without prompts, with the interview's checks; the rest is left untouched.

    With --from, one assignment per line (blank lines and # comments allowed; a value in
    double quotes may hold \\n), all applied in one save, or none: a refusal is said as
    FILE:LINE. A [+] names the same new item until one of its fields comes again.

    Example: coconstruct set atelier.yaml population=23400 'needs[N2].priority=4'
    """
    from coconstruct.editing.assignments import read_assignments, set_answers

    given, places = list(assignments or []), None
    if from_file is not None:
        text, name = _read_from(from_file)
        read, where = read_assignments(name, text)
        places = [msg("argument {n}", n=n) for n in range(1, len(given) + 1)] + where
        given += read
    if not given and status is None and not remove:
        raise UsageError(msg("give at least one PATH=VALUE (or --status, --remove)"))
    result = set_answers(file, given, status, questionnaire, remove, force, places)
    if result.notice:
        say(result.notice, err=True, style="yellow")
    for change in result.changes:
        say("  " + change.describe(result.lang))
    if status is not None:
        say("  " + msg("status: {status}", result.lang, status=status))
    say(msg("Saved {file}", result.lang, file=file), style="green")


@app.command(cls=Command)
def show(
    file: Annotated[
        Path, typer.Argument(help="The answers file to show.", dir_okay=False, metavar="FILE")
    ],
    section: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--section",
            "-s",
            help="Show one section's answers in full (the plan's section: its actions as a table "
            "and a calendar).",
            metavar="SECTION",
            autocompletion=completion.sections,
        ),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--all", "-a", help="Show every panel in full, not the one-screen summary."),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Print everything at once, even when it is longer than the screen."
        ),
    ] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show where the workshop stands, for the projector: one screen that fits the terminal.

    Progress by section, the most pressing needs, the money at a glance, the plan's next steps
    and the open points; --section or --all for the rest, paged when longer than the screen.

    Example: coconstruct show atelier.yaml --section feuille_de_route
    """
    from coconstruct.model.migrations import notice
    from coconstruct.model.validation import load_to_read
    from coconstruct.terminal.console import console, paged
    from coconstruct.terminal.show import render

    check_lang(lang)
    if section is not None and everything:
        raise UsageError(msg("--section and --all cannot be used together.", lang))
    doc, q = load_to_read(file, questionnaire)
    if said := notice(doc, saves=False, lang=q.lang(lang or doc.language)):
        say(said, err=True, style="yellow")
    out = console()
    summary = section is None and not everything
    view = render(
        doc,
        q,
        q.lang(lang or doc.language),
        out.width,
        section,
        height=out.height if summary else None,
        command=f"coconstruct show {file}",
    )
    paged(out, view, pager=not no_pager)


@app.command(cls=Command)
def validate(
    files: Annotated[list[Path], typer.Argument(help="Answers files to check.", metavar="FILE")],
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Output: text or json.", metavar="text|json")
    ] = "text",
    questionnaire: QuestionnaireOpt = None,
    only_answers: Annotated[
        bool,
        typer.Option(
            "--only-answers",
            help="Pass over files that are not answers files (no `questionnaire:` header), "
            "as the pre-commit hook does.",
        ),
    ] = False,
) -> None:
    """Check answers files: every problem as file:line:col: question: message.

    Exit 0 when no file has an error (warnings allowed), 1 otherwise. Missing required answers
    are warnings while a file's status is draft, errors once it is final.

    Example: coconstruct validate answers/*.yaml --format json
    """
    import json

    from coconstruct.model.validation import check_files

    if format_ not in ("text", "json"):
        raise UsageError(msg("--format {value}: choose text or json", value=format_))
    report = check_files(files, questionnaire, only_answers)
    if format_ == "json":
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))  # for machines
    else:
        for problems in report.files.values():
            for problem in problems:
                say(str(problem), style="red" if problem.severity == "error" else "yellow")
        errors = report.count("error")
        say(report.summary(), err=True, style="bold red" if errors else "bold green")
    if report.count("error"):
        raise typer.Exit(ExitCode.ERROR)


@app.command(cls=Command)
def migrate(
    files: Annotated[
        list[Path], typer.Argument(help="Answers files to bring up to date.", metavar="FILE")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """Bring answers files to the current version of their questionnaire.

    In place, atomically, under each file's lock, keeping comments, order and ids; a value with
    nowhere to go is kept under kept_by_migration: and reported. Exit 0 when every file could be
    read, 1 otherwise.

    Example: coconstruct migrate atelier.yaml --dry-run
    """
    from coconstruct.model.migrations import describe, migrate_files

    failed = False
    for outcome in migrate_files(files, dry_run, questionnaire):
        lang = outcome.lang
        if outcome.result is None:
            failed = True
            say(msg("Error: {message}", lang, message=outcome.error), err=True, style="red")
            continue
        result = outcome.result
        if not result.changed:
            say(
                msg(
                    "{file}: up to date (version {version})",
                    lang,
                    file=outcome.path,
                    version=result.to_version,
                )
            )
            continue
        moved = (
            N_("{file}: would go from version {old} to {new} (--dry-run: nothing written)")
            if dry_run
            else N_("{file}: migrated from version {old} to {new}")
        )
        say(
            msg(moved, lang, file=outcome.path, old=result.from_version, new=result.to_version),
            style="green",
        )
        for change in result.changes:
            say("  " + describe(change, lang), style="yellow" if change.new is None else None)
    if failed:
        raise typer.Exit(ExitCode.ERROR)


@app.command(cls=Command)
def schema(questionnaire: QuestionnaireOpt = None, lang: LangOpt = None) -> None:
    """Print the JSON Schema of an answers file, for editors (YAML language server).

    Example: coconstruct schema > coconstruct.schema.json
    """
    import json

    from coconstruct.model import questionnaire as qmod
    from coconstruct.model.schema import answers_schema

    check_lang(lang)
    q = qmod.load(questionnaire or "territoire")
    typer.echo(json.dumps(answers_schema(q, q.lang(lang)), ensure_ascii=False, indent=2))


def _read_from(source: str) -> tuple[str, str]:
    """The text of `set --from` (`-`: standard input) and how messages name it."""
    import sys

    if source == "-":
        return sys.stdin.read(), "<stdin>"  # as Python and most tools name it
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8-sig"), source
    except FileNotFoundError:
        raise UsageError(msg("{file}: no such file", file=source)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            msg("{file}: cannot be read ({reason})", file=source, reason=exc)
        ) from None
