"""Workshops over time: diff, log, and git's drivers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coconstruct.cli.app import (
    QuestionnaireOpt,
    app,
    git_app,
    say,
)
from coconstruct.cli.translation import Command
from coconstruct.errors import ExitCode, UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model.fsio import as_typed


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
        from coconstruct.history.views import as_json

        typer.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    elif format_ == "md":
        from coconstruct.history.views import as_markdown

        typer.echo(as_markdown(result), nl=False)
    else:
        from coconstruct.history.views import as_text
        from coconstruct.terminal.console import colours, console

        console().print(as_text(result, plain=not colours()), soft_wrap=True)
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
    """Show the workshop's history from git: one line per commit that changed the file.

    Date, author, status, how many needs, partners, actions and answers, and the main changes
    since the commit before, newest first.

    Example: coconstruct log atelier.yaml -n 10
    """
    from coconstruct.history.log import history
    from coconstruct.history.views import log_lines
    from coconstruct.terminal.console import console

    entries = history(file, limit, questionnaire)
    if not entries:
        say(msg("{file}: no commit changed this file yet", file=file), err=True, style="yellow")
        return
    console().print(log_lines(entries), soft_wrap=True)


@git_app.command("setup", cls=Command)
def git_setup(
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the drivers away (config and .gitattributes).")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Check that git can run the drivers, and say what to fix if not."
        ),
    ] = False,
) -> None:
    """Make git diff and merge the repository's answers files by question and item id.

    Writes .gitattributes lines for the answers files found, and the diff (textconv) and merge
    drivers to the repository's local git config; --remove undoes both. Adds to .gitignore the
    files the tool keeps beside answers files (.*.lock, .*.room…) when git does not ignore
    them. The drivers run coconstruct as found on the PATH (else this Python's python -m
    coconstruct); --check runs them as git would and says what to fix. Exit 0 when all is well,
    1 otherwise.

    Example: coconstruct git setup --check
    """
    from coconstruct.history import setup

    if check:
        problems = setup.check(Path.cwd())
        for problem in problems:
            say("✗ " + msg(problem.what, **problem.values), err=True, style="red")
            say("  " + msg("To fix: {command}", command=problem.fix), err=True)
        if problems:
            raise typer.Exit(1)
        say(msg("The drivers are set up and git can run them."), style="green")
        return
    if remove:
        result = setup.remove(Path.cwd())
        for section in result.config:
            say(msg("Removed [{section}] from {config}", section=section, config=".git/config"))
        if result.attributes is not None:
            say(msg("Removed the coconstruct lines of {file}", file=as_typed(result.attributes)))
        if not result.config and result.attributes is None:
            say(msg("Nothing to remove: coconstruct's drivers were not set up here."))
        return
    result = setup.setup(Path.cwd())
    for key, value in result.config.items():
        say(f"git config --local {key} '{value}'")
    if result.attributes is not None:
        say(
            nmsg(
                "{file}: {n} answers file uses the drivers",
                "{file}: {n} answers files use the drivers",
                len(result.files),
                file=as_typed(result.attributes),
            )
        )
    for name in result.files:
        say(f"  {name}")
    if result.ignored:
        say(
            msg(
                "{file}: added {patterns} (files coconstruct keeps beside answers, not to commit)",
                file=".gitignore",
                patterns=" ".join(result.ignored),
            )
        )
    if not result.files:
        say(
            msg("No answers file found in this repository yet: run setup again once one is added."),
            style="yellow",
        )
    say(
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

    Exit 0 when the merge is clean; 1 with conflict markers around each conflicting answer only,
    or when a final file would be left invalid (then written as a draft, the problems named).

    Example: coconstruct git merge-driver %O %A %B %L %P
    """
    from coconstruct.history.merge import line_merge, run_driver

    label = name or ours
    merged = run_driver(base, ours, theirs, marker_size, label)
    if merged is None:
        say(
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
        say(
            msg(
                "{file}: both sides added {list}[{old}]: theirs is now {new}",
                file=label,
                list=list_id,
                old=old,
                new=new,
            ),
            err=True,
        )
    if merged.invalid:
        shown = "; ".join(f"{question}: {message}" for question, message in merged.invalid[:5])
        more = len(merged.invalid) - 5
        if more > 0:
            shown += nmsg(" (and {n} more)", " (and {n} more)", more)
        say(
            nmsg(
                "{file}: the file is final and the merge would leave it invalid ({n} problem): "
                "{problems}; written as a draft",
                "{file}: the file is final and the merge would leave it invalid ({n} problems): "
                "{problems}; written as a draft",
                len(merged.invalid),
                file=label,
                problems=shown,
            ),
            err=True,
            style="red",
        )
        say(
            msg(
                "complete it, then mark it final again: coconstruct set {file} --status final",
                file=label,
            ),
            err=True,
        )
        raise typer.Exit(ExitCode.ERROR)
    if merged.conflicts:
        for conflict in merged.conflicts:
            say(
                msg("{file}: conflict on {path}", file=label, path=conflict.path),
                err=True,
                style="red",
            )
        raise typer.Exit(ExitCode.ERROR)
