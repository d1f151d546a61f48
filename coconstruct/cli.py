"""The command line: options in, one core call, the result out. Errors become exit codes here.

Heavy libraries (rich, questionary, weasyprint, matplotlib) are imported inside the commands that
need them, so `--help`, `validate`, `set` and `show` start instantly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from coconstruct import __version__, completion
from coconstruct.cli_language import Command, Group
from coconstruct.errors import CoconstructError, ExitCode, UsageError
from coconstruct.fsio import as_typed
from coconstruct.i18n import N_, msg, nmsg, ui_language

if TYPE_CHECKING:
    from coconstruct.questionnaire import Questionnaire

app = typer.Typer(
    name="coconstruct",
    cls=Group,
    help="Run territorial co-construction workshops and turn them into a roadmap.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
questionnaires_app = typer.Typer(
    cls=Group,
    help="List, show and check questionnaires.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(questionnaires_app, name="questionnaires")
templates_app = typer.Typer(
    cls=Group,
    help="Copy the report templates to brand them.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")
git_app = typer.Typer(
    cls=Group,
    help="Answers files in git: semantic diffs and merges by item.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(git_app, name="git")

QuestionnaireOpt = Annotated[
    Optional[str],  # noqa: UP045 — typer needs Optional at runtime on 3.11
    typer.Option(
        "--questionnaire",
        "-q",
        help="A built-in questionnaire id or a path to one.",
        metavar="QUESTIONNAIRE",
        autocompletion=completion.questionnaires,
    ),
]
LangOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        "-l",
        help="Language: fr or en.",
        metavar="fr|en",
        autocompletion=completion.languages,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coconstruct {__version__}")  # before the console: --version stays instant
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Run territorial co-construction workshops and turn them into a roadmap."""


def _check_lang(lang: str | None) -> str | None:
    from coconstruct.i18n import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(
            msg("--lang {value}: choose one of {choices}", value=lang, choices=", ".join(LANGUAGES))
        )
    return lang


def _say(message: str, err: bool = False, style: str | None = None) -> None:
    """Print through the one console (colours only on a terminal, and never with NO_COLOR)."""
    from coconstruct.console import say

    say(message, err=err, style=style)


# --- answers files -------------------------------------------------------------------------------


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
    from coconstruct import answers
    from coconstruct import questionnaire as qmod

    _check_lang(lang)
    answers.check_creatable(file)
    ref = questionnaire or "territoire"
    q = qmod.load(ref)
    language = q.lang(lang)
    with answers.locked(file):
        answers.create(file, q, ref, language)
    _say(
        msg(
            "Created {file} (questionnaire {qid} v{version}, {language})",
            file=file,
            qid=q.id,
            version=q.version,
            language=language,
        ),
        style="green",
    )
    _say(msg("Next: coconstruct run {file}", file=file))


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
) -> None:
    """Edit answers without prompts, with the interview's checks; the rest is left untouched.

    Example: coconstruct set atelier.yaml population=23400 'needs[N2].priority=4'
    """
    from coconstruct.assignments import set_answers

    if not assignments and status is None and not remove:
        raise UsageError(msg("give at least one PATH=VALUE (or --status, --remove)"))
    result = set_answers(file, list(assignments or []), status, questionnaire, remove, force)
    if result.notice:
        _say(result.notice, err=True, style="yellow")
    for change in result.changes:
        _say("  " + change.describe(result.lang))
    if status is not None:
        _say("  " + msg("status: {status}", result.lang, status=status))
    _say(msg("Saved {file}", result.lang, file=file), style="green")


@app.command(cls=Command)
def run(
    file: Annotated[
        Path,
        typer.Argument(
            help="The answers file (created when missing).", dir_okay=False, metavar="FILE"
        ),
    ],
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
    section: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--section",
            "-s",
            help="Start at this section (its id, e.g. besoins).",
            metavar="SECTION",
            autocompletion=completion.sections,
        ),
    ] = None,
    ask: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--ask",
            "-a",
            help="Ask only these questions, e.g. --ask population "
            "--ask 'needs[N2].priority' (repeat, or separate with commas).",
        ),
    ] = None,
) -> None:
    """Run the workshop live: one question at a time, every answer saved at once.

    Creates FILE when it is missing, otherwise resumes at the first question without an answer.
    Ctrl-B goes back, Ctrl-R sets a question aside to review later, Ctrl-C saves and quits.

    Example: coconstruct run atelier.yaml --lang fr
    """
    from coconstruct import fsio
    from coconstruct.answers import locked
    from coconstruct.errors import UsageError
    from coconstruct.i18n import msg, ui_language

    _check_lang(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            msg("run needs an interactive terminal (stdin and stdout are not a terminal)"),
            hint=msg(
                "from a script, fill answers with: coconstruct set {file} QUESTION=VALUE, "
                "then check them with: coconstruct validate {file}",
                file=file,
            ),
        )
    from coconstruct.interview import Interview, open_or_create
    from coconstruct.prompts import TerminalPrompter

    paths = [part.strip() for value in ask or [] for part in value.split(",") if part.strip()]
    prompter = TerminalPrompter(lang or ui_language())
    with locked(file):
        for removed in fsio.clean_stale_temp_files(file):
            prompter.notice(
                msg(
                    "Removed a temp file left by an interrupted session: {name}",
                    prompter.lang,
                    name=removed.name,
                )
            )
        try:
            doc, q = open_or_create(file, prompter, prompter.lang, questionnaire, lang)
        except (KeyboardInterrupt, EOFError):
            _say(msg("Interrupted: {file} was not created.", prompter.lang, file=file), err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        session = Interview(doc, q, prompter, lang=lang)
        prompter.lang = session.lang
        from coconstruct.migrations import notice

        if said := notice(doc, saves=True, lang=session.lang):
            prompter.notice(said)
        try:
            if paths:
                session.ask_only(paths)
            else:
                session.run(section)
        except (KeyboardInterrupt, EOFError):
            doc.save()  # already saved after each answer; this makes sure of it
            saved = msg(
                "Saved {n} answers to {file}", session.lang, n=session.editor.answered(), file=file
            )
            _say(
                f"\n{saved} — "
                + msg("resume with: coconstruct run {file}", session.lang, file=file),
                err=True,
            )
            raise typer.Exit(ExitCode.INTERRUPTED) from None
    n = session.editor.answered()
    _say(msg("Saved {n} answers to {file}", session.lang, n=n, file=file), style="green")
    _say(
        msg("Next: coconstruct show {file} · coconstruct validate {file}", session.lang, file=file)
    )


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
            help="Show one section's answers in full.",
            metavar="SECTION",
            autocompletion=completion.sections,
        ),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show where the workshop stands, for the projector: progress, needs, resources, money.

    Readable in 80 columns; from 140 columns the panels go side by side.

    Example: coconstruct show atelier.yaml --section besoins
    """
    from coconstruct.console import console
    from coconstruct.migrations import notice
    from coconstruct.show import render
    from coconstruct.validation import load_checked

    _check_lang(lang)
    doc, q = load_checked(file, questionnaire)
    if said := notice(doc, saves=False, lang=q.lang(lang or doc.language)):
        _say(said, err=True, style="yellow")
    out = console()
    out.print(render(doc, q, q.lang(lang or doc.language), out.width, section))


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

    from coconstruct.validation import check_files

    if format_ not in ("text", "json"):
        raise UsageError(msg("--format {value}: choose text or json", value=format_))
    report = check_files(files, questionnaire, only_answers)
    if format_ == "json":
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))  # for machines
    else:
        for problems in report.files.values():
            for problem in problems:
                _say(str(problem), style="red" if problem.severity == "error" else "yellow")
        errors = report.count("error")
        _say(report.summary(), err=True, style="bold red" if errors else "bold green")
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
    from coconstruct.migrations import describe, migrate_files

    failed = False
    for outcome in migrate_files(files, dry_run, questionnaire):
        lang = outcome.lang
        if outcome.result is None:
            failed = True
            _say(msg("Error: {message}", lang, message=outcome.error), err=True, style="red")
            continue
        result = outcome.result
        if not result.changed:
            _say(
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
        _say(
            msg(moved, lang, file=outcome.path, old=result.from_version, new=result.to_version),
            style="green",
        )
        for change in result.changes:
            _say("  " + describe(change, lang), style="yellow" if change.new is None else None)
    if failed:
        raise typer.Exit(ExitCode.ERROR)


@app.command(cls=Command)
def schema(questionnaire: QuestionnaireOpt = None, lang: LangOpt = None) -> None:
    """Print the JSON Schema of an answers file, for editors (YAML language server).

    Example: coconstruct schema > coconstruct.schema.json
    """
    import json

    from coconstruct import questionnaire as qmod
    from coconstruct.schema import answers_schema

    _check_lang(lang)
    q = qmod.load(questionnaire or "territoire")
    typer.echo(json.dumps(answers_schema(q, q.lang(lang)), ensure_ascii=False, indent=2))


@app.command(cls=Command)
def demo(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder for the example.", file_okay=False, metavar="FOLDER"
        ),
    ] = Path("coconstruct-demo"),
    example: Annotated[
        str,
        typer.Option(
            "--example",
            "-e",
            help="Which example: val-d-orbiere (complete) or saint-ivy-kermorvan (partial).",
            metavar="NAME",
            autocompletion=completion.examples,
        ),
    ] = "val-d-orbiere",
) -> None:
    """Write a bundled example workshop into a folder, check it and render its roadmap.

    Example: coconstruct demo --out /tmp/demo --example saint-ivy-kermorvan
    """
    from coconstruct import demo as demo_mod

    result = demo_mod.run(out, example)
    _say(result.summary)
    if not result.ok:
        raise typer.Exit(ExitCode.ERROR)


# --- over time: diff, git, log --------------------------------------------------------------------


@app.command(cls=Command)
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The older version: a file, or FILE@REV (any git revision: "
            "atelier.yaml@HEAD~3, atelier.yaml@v2026-03).",
            metavar="OLD",
        ),
    ],
    new: Annotated[
        str, typer.Argument(help="The newer version: a file, or FILE@REV.", metavar="NEW")
    ],
    format_: Annotated[
        str,
        typer.Option("--format", "-f", help="Output: text, md or json.", metavar="text|md|json"),
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, as git diff does."),
    ] = False,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """Show what changed between two versions of an answers file, answer by answer.

    Items are matched by id: a reordered list shows the moves, not every item. Labels, numbers
    and dates as the room reads them, in the file's language; long texts as a word diff. Files
    at two questionnaire versions are compared through its migrations.

    Example: coconstruct diff atelier.yaml@HEAD~3 atelier.yaml --format md
    """
    import json

    from coconstruct.history import diff_versions

    if format_ not in ("text", "md", "json"):
        raise UsageError(msg("--format {value}: choose text, md or json", value=format_))
    result = diff_versions(old, new, questionnaire)
    if format_ == "json":
        from coconstruct.history.show import as_json

        typer.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    elif format_ == "md":
        from coconstruct.history.show import as_markdown

        typer.echo(as_markdown(result), nl=False)
    else:
        from coconstruct.console import console
        from coconstruct.history.show import as_text

        console().print(as_text(result), soft_wrap=True)
    if exit_code and result.changes:
        raise typer.Exit(ExitCode.ERROR)


@app.command(cls=Command)
def log(
    file: Annotated[
        Path, typer.Argument(help="An answers file in a git repository.", metavar="FILE")
    ],
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--max-count", "-n", min=1, help="Only the last N commits.", metavar="N"),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """The workshop's history from git: one line per commit that changed the file.

    Date, author, status, how many needs, partners, actions and answers, and the main changes
    since the commit before, newest first.

    Example: coconstruct log atelier.yaml -n 10
    """
    from coconstruct.console import console
    from coconstruct.history.log import history
    from coconstruct.history.show import log_lines

    entries = history(file, limit, questionnaire)
    if not entries:
        _say(msg("{file}: no commit changed this file yet", file=file), err=True, style="yellow")
        return
    console().print(log_lines(entries), soft_wrap=True)


@git_app.command("setup", cls=Command)
def git_setup(
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the drivers away (config and .gitattributes).")
    ] = False,
) -> None:
    """Make git diff and merge the repository's answers files by question and item id.

    Writes .gitattributes lines for the answers files found, and the diff (textconv) and merge
    drivers to the repository's local git config; --remove undoes both.

    Example: coconstruct git setup
    """
    from coconstruct.history import setup

    if remove:
        result = setup.remove(Path.cwd())
        for section in result.config:
            _say(msg("Removed [{section}] from {config}", section=section, config=".git/config"))
        if result.attributes is not None:
            _say(msg("Removed the coconstruct lines of {file}", file=as_typed(result.attributes)))
        if not result.config and result.attributes is None:
            _say(msg("Nothing to remove: coconstruct's drivers were not set up here."))
        return
    result = setup.setup(Path.cwd())
    for key, value in result.config.items():
        _say(f"git config --local {key} '{value}'")
    if result.attributes is not None:
        _say(
            nmsg(
                "{file}: {n} answers file uses the drivers",
                "{file}: {n} answers files use the drivers",
                len(result.files),
                file=as_typed(result.attributes),
            )
        )
    for name in result.files:
        _say(f"  {name}")
    if not result.files:
        _say(
            msg("No answers file found in this repository yet: run setup again once one is added."),
            style="yellow",
        )
    _say(
        msg(
            "git diff, git log -p and git show now print the semantic diff; "
            "git merge merges by item."
        ),
        style="green",
    )


@git_app.command("textconv", cls=Command, hidden=True)
def git_textconv(
    file: Annotated[
        Path, typer.Argument(help="An answers file (git gives a temporary copy).", metavar="FILE")
    ],
) -> None:
    """Print an answers file one line per answer, for git's diff driver (textconv).

    Example: coconstruct git textconv atelier.yaml
    """
    from coconstruct.history import flat

    typer.echo(flat.textconv(file), nl=False)


@git_app.command("merge-driver", cls=Command, hidden=True)
def git_merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor (%O).", metavar="BASE")],
    ours: Annotated[
        Path, typer.Argument(help="Our version, where the result goes (%A).", metavar="OURS")
    ],
    theirs: Annotated[Path, typer.Argument(help="Their version (%B).", metavar="THEIRS")],
    marker_size: Annotated[
        int, typer.Argument(help="Conflict marker size (%L).", metavar="SIZE")
    ] = 7,
    name: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help="The file's path in the repository (%P).", metavar="PATH"),
    ] = None,
) -> None:
    """Merge three versions of an answers file by question and item id (git's merge driver).

    Exit 0 when the merge is clean; 1 with conflict markers around each conflicting answer only.

    Example: coconstruct git merge-driver %O %A %B %L %P
    """
    from coconstruct.history.merge import line_merge, run_driver

    label = name or ours
    merged = run_driver(base, ours, theirs, marker_size, label)
    if merged is None:
        _say(
            msg(
                "{file}: not merged by item (not a readable answers file): merged line by line",
                file=label,
            ),
            err=True,
            style="yellow",
        )
        code = line_merge(base, ours, theirs, marker_size)
        raise typer.Exit(ExitCode.ERROR if code else ExitCode.OK)
    for list_id, old, new in merged.renumbered:
        _say(
            msg(
                "{file}: both sides added {list}[{old}]: theirs is now {new}",
                file=label,
                list=list_id,
                old=old,
                new=new,
            ),
            err=True,
        )
    if merged.conflicts:
        for conflict in merged.conflicts:
            _say(
                msg("{file}: conflict on {path}", file=label, path=conflict.path),
                err=True,
                style="red",
            )
        raise typer.Exit(ExitCode.ERROR)


# --- reports ------------------------------------------------------------------------------------


@app.command(cls=Command)
def render(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Answers files, folders (searched recursively) or glob patterns.",
            metavar="FILE|DIR|GLOB",
        ),
    ],
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Formats, comma-separated: md, html, pdf, docx (Word), odt (LibreOffice).",
            metavar="FORMATS",
            autocompletion=completion.formats,
        ),
    ] = "md,html,pdf",
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder.", file_okay=False, metavar="FOLDER")
    ] = Path("."),
    lang: LangOpt = None,
    templates: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--templates",
            help="A folder of templates overriding the built-in ones "
            "by file name (see `templates export`).",
            file_okay=False,
            metavar="FOLDER",
        ),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: one per CPU).", metavar="N"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Render even what is up to date.")] = False,
    timeout: Annotated[
        float,
        typer.Option(
            min=1, help="Seconds one document may take before it is stopped.", metavar="SECONDS"
        ),
    ] = 120.0,
    shard: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Render only the K-th of N slices of the inputs, e.g. 2/8.", metavar="K/N"
        ),
    ] = None,
    json_out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--json",
            help="Also write the summary as JSON to this file (- for stdout).",
            metavar="FILE",
        ),
    ] = None,
    compare: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--compare",
            help="Add a section on what changed since an older version: a git revision "
            "(HEAD~2, a tag) of each file, or an older answers file.",
            metavar="REV|OLDFILE",
        ),
    ] = None,
) -> None:
    """Render co-construction roadmaps (Markdown, HTML, PDF, Word, LibreOffice) from answers.

    One STEM.md/.html/.pdf per answers file in the output folder (the Markdown's charts in
    STEM_charts/), STEM.docx and STEM.odt with -f docx,odt; in the answers file's language or
    --lang. Many files render in parallel; what has not changed since the last run is skipped
    (--force renders all); a bad file is reported and the others go on. Exit 0 when all went
    well, 3 when some failed, 1 when none could be rendered.

    Example: coconstruct render atelier.yaml -f html,pdf,docx -o rapports --lang en
    """
    import json
    import os

    from coconstruct import batch
    from coconstruct.report import parse_formats
    from coconstruct.report.environment import search_path

    _check_lang(lang)
    options = batch.Options(
        formats=tuple(parse_formats(formats)),
        out_dir=out,
        lang=lang,
        templates_dir=templates,
        questionnaire=questionnaire,
        force=force,
        timeout=timeout,
        jobs=jobs or os.cpu_count() or 1,
        compare=compare,
    )
    search_path(templates)  # a missing --templates folder is refused before any work
    shard_spec = batch.parse_shard(shard) if shard else None
    from coconstruct.console import batch_reporter, print_batch_summary

    with batch_reporter(options.jobs) as reporter:
        summary = batch.run(inputs, options, reporter, shard_spec)
    print_batch_summary(summary, json_on_stdout=str(json_out) == "-")
    if json_out is not None:
        text = json.dumps(summary.as_json(), ensure_ascii=False, indent=2)
        if str(json_out) == "-":
            typer.echo(text)
        else:
            json_out.write_text(text + "\n", encoding="utf-8")
    raise typer.Exit(summary.exit_code)


@app.command(name="export", cls=Command)
def export_(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Answers files, folders (searched recursively) or glob patterns.",
            metavar="FILE|DIR|GLOB",
        ),
    ],
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
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: one per CPU).", metavar="N"
        ),
    ] = None,
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

    from coconstruct import export
    from coconstruct.console import print_export_summary

    language = _check_lang(lang) or ui_language()
    fmt = export.check_options(out, format_)
    options = export.Options(out, fmt, language, questionnaire, jobs or os.cpu_count() or 1)
    try:
        summary = export.run(inputs, options)
    except KeyboardInterrupt:
        _say(msg("Interrupted: nothing was written."), err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    print_export_summary(summary)
    raise typer.Exit(summary.exit_code)


@app.command(cls=Command)
def synthesis(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Answers files, folders (searched recursively) or glob patterns.",
            metavar="FILE|DIR|GLOB",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder.", file_okay=False, metavar="FOLDER")
    ] = Path("."),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Formats, comma-separated: md, html, pdf, docx (Word), xlsx (a workbook).",
            metavar="FORMATS",
            autocompletion=completion.synthesis_formats,
        ),
    ] = "md,html,pdf,xlsx",
    lang: LangOpt = None,
    templates: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--templates",
            help="A folder of templates overriding the built-in ones "
            "by file name (see `templates export`).",
            file_okay=False,
            metavar="FOLDER",
        ),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: one per CPU).", metavar="N"
        ),
    ] = None,
    similarity: Annotated[
        float,
        typer.Option(
            min=1,
            max=100,
            help="How alike two need titles or funder names must be to count as one (1 to 100).",
            metavar="N",
        ),
    ] = 75,
) -> None:
    """Sum up a portfolio of territories in one report: their key figures side by side.

    One row per territory with its key figures (needs by domain, scissor gap, hybridisation,
    public share, largest funder, needs served, partners, budget, status and date); the needs
    that recur across territories, by domain and by alike titles; recurring types of actors
    and funders; funding mixes side by side; actions by form of alliance. Every figure says on
    how many territories it rests. Writes synthesis.md, .html, .pdf, .docx and synthesis.xlsx
    (a sheet per table) into the output folder. A file with errors is reported and left out.
    Exit 0 when all were read, 3 when some were left out, 1 when none could be.

    Example: coconstruct synthesis answers/ -o synthese -f md,html,xlsx --lang en
    """
    import os

    from coconstruct import synthesis as core
    from coconstruct.console import print_synthesis_summary
    from coconstruct.report import parse_formats
    from coconstruct.report.environment import search_path

    language = _check_lang(lang) or ui_language()
    options = core.Options(
        out_dir=out,
        formats=tuple(parse_formats(formats, core.FORMATS)),
        lang=language,
        templates_dir=templates,
        questionnaire=questionnaire,
        jobs=jobs or os.cpu_count() or 1,
        similarity=similarity,
    )
    search_path(templates)  # a missing --templates folder is refused before any work
    summary = core.run(inputs, options)
    print_synthesis_summary(summary)
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
            help="A CSV or XLSX table, one item per row.", dir_okay=False, metavar="TABLE"
        ),
    ],
    list_id: Annotated[
        str,
        typer.Option("--list", help="The list to add the rows to, e.g. partners.", metavar="LIST"),
    ],
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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """Add the rows of a spreadsheet (CSV, XLSX) as items of a list, with the checks of set.

    Columns are matched to the list's fields by id or label (French or English; accents and
    case ignored; survey group prefixes such as group_x/ passed over), or by --map. Unknown
    columns and survey metadata (_id, _uuid…) are reported and ignored. Every row is checked
    first: one bad cell and nothing is written, each problem listed as TABLE:ROW:COLUMN.

    Example: coconstruct import atelier.yaml partenaires.xlsx --list partners --dry-run
    """
    from coconstruct.console import print_import_columns, print_import_result
    from coconstruct.importing import RowsRefused, import_table

    try:
        result = import_table(
            file, table, list_id, sheet, list(mapping or []), dry_run, questionnaire
        )
    except RowsRefused as refused:
        print_import_columns(refused.result)  # a column read as the wrong field is often why
        raise
    print_import_result(result, file)


@templates_app.command("export", cls=Command)
def templates_export(
    folder: Annotated[
        Path, typer.Argument(help="Where to copy the templates.", file_okay=False, metavar="FOLDER")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace files already in the folder.")
    ] = False,
) -> None:
    """Copy the built-in report templates into a folder, to brand or rewrite them.

    A file in that folder overrides the built-in file of the same name when rendering with
    --templates; delete the ones you do not change, so they keep following coconstruct's updates.

    Example: coconstruct templates export ma-charte
    """
    from coconstruct.i18n import msg
    from coconstruct.report import export_templates

    copied, kept = export_templates(folder, force=force)
    _say(
        nmsg(
            "Copied {n} template file into {folder}",
            "Copied {n} template files into {folder}",
            len(copied),
            folder=folder,
        ),
        style="green",
    )
    if kept:
        _say(
            nmsg(
                "{n} file already there, kept (--force replaces it)",
                "{n} files already there, kept (--force replaces them)",
                len(kept),
            ),
            style="yellow",
        )
    _say(msg("Edit them, then: coconstruct render FILE --templates {folder}", folder=folder))


# --- questionnaires ----------------------------------------------------------------------------


@questionnaires_app.command("list", cls=Command)
def questionnaires_list(lang: LangOpt = None) -> None:
    """List the built-in questionnaires.

    Example: coconstruct questionnaires list
    """
    from coconstruct import questionnaire as qmod
    from coconstruct.i18n import ui_language

    language = _check_lang(lang) or ui_language()
    for qid in qmod.builtin_ids():
        q = qmod.load(qid)
        size = _size(q)
        _say(
            f"{q.id:<14} v{q.version}  {qmod.text(q.title, language)}  "
            f"({size}, {', '.join(q.languages)})"
        )


def _size(q: Questionnaire) -> str:
    """« 6 sections, 57 questions », agreeing with the counts."""
    count = sum(1 for _ in q.questions())
    return ", ".join(
        (
            nmsg("{n} section", "{n} sections", len(q.sections)),
            nmsg("{n} question", "{n} questions", count),
        )
    )


@questionnaires_app.command("show", cls=Command)
def questionnaires_show(
    questionnaire: Annotated[
        str, typer.Argument(help="A built-in id or a path.", metavar="QUESTIONNAIRE")
    ],
    lang: LangOpt = None,
) -> None:
    """Show a questionnaire as a readable tree.

    Example: coconstruct questionnaires show territoire --lang en
    """
    from coconstruct import questionnaire as qmod
    from coconstruct.console import print_questionnaire
    from coconstruct.i18n import ui_language

    q = qmod.load(questionnaire)
    print_questionnaire(q, q.lang(_check_lang(lang) or ui_language()))


@questionnaires_app.command("check", cls=Command)
def questionnaires_check(
    path: Annotated[Path, typer.Argument(help="A questionnaire file.", metavar="FILE")],
) -> None:
    """Check a questionnaire definition; every problem is listed as file:line:col.

    Example: coconstruct questionnaires check my-questionnaire.yaml
    """
    from coconstruct import questionnaire as qmod
    from coconstruct.i18n import msg

    q = qmod.load_file(path)
    text = msg(
        "{file}: ok — {qid} v{version}, {size}",
        file=path,
        qid=q.id,
        version=q.version,
        size=_size(q),
    )
    _say(text, style="green")


# --- entry point --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI and exit; the one place where errors become messages and exit codes.

    The parser's own errors (exit 2) and ours (CoconstructError subclasses) are written here, in
    the user's language.
    """
    from typer._click import exceptions as click_errors

    from coconstruct.cli_language import translate, usage_error

    try:
        command = typer.main.get_command(app)
        translate(command, ui_language())
        code = command.main(args=argv, prog_name="coconstruct", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        _say(exc.format_message())  # `coconstruct` alone: the help, as `--help` gives it
        sys.exit(ExitCode.USAGE)
    except click_errors.UsageError as exc:
        _say(usage_error(exc), err=True)
        sys.exit(ExitCode.USAGE)
    except click_errors.ClickException as exc:
        _say(msg("Error: {message}", message=exc.format_message()), err=True, style="red")
        sys.exit(exc.exit_code)
    except CoconstructError as exc:
        _say(msg("Error: {message}", exc.lang, message=exc.message), err=True, style="red")
        if exc.hint:
            _say(msg("Hint: {hint}", exc.lang, hint=exc.hint), err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _say(msg("Interrupted."), err=True)
        sys.exit(ExitCode.INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)
