"""The command line's frame: the app and its groups, the options several commands share, the one
console every command prints through."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coconstruct import __version__
from coconstruct.cli import completion
from coconstruct.cli.translation import Group
from coconstruct.errors import UsageError
from coconstruct.language.messages import N_, msg


class Root(Group):
    """`coconstruct --help`: the commands by workflow, in the order a territory meets them."""

    workflow = (
        (N_("Getting started:"), ("demo", "new", "questionnaires")),
        (N_("The workshop, live:"), ("run", "serve", "show")),
        (N_("Answers files:"), ("set", "validate", "migrate", "schema")),
        (N_("Roadmaps:"), ("render", "templates")),
        (N_("Portfolios:"), ("synthesis", "export", "import")),
        (N_("History and git:"), ("diff", "log", "git")),
    )


app = typer.Typer(
    name="coconstruct",
    cls=Root,
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
    help="Keep answers files in git: semantic diffs and merges by item.",
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
LanOpt = Annotated[
    bool,
    typer.Option("--lan", help="Let phones on the local network in (listens on every interface)."),
]
PortOpt = Annotated[int, typer.Option(help="The port to listen on.", metavar="PORT")]
DotsOpt = Annotated[
    int, typer.Option(help="Dots each participant may place (1 to 20).", metavar="N")
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


def check_lang(lang: str | None) -> str | None:
    from coconstruct.language.messages import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(
            msg("--lang {value}: choose one of {choices}", value=lang, choices=", ".join(LANGUAGES))
        )
    return lang


def say(message: str, err: bool = False, style: str | None = None) -> None:
    """Print through the one console (colours only on a terminal, and never with NO_COLOR)."""
    from coconstruct.terminal.console import say

    say(message, err=err, style=style)


InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Answers files, folders (searched recursively) or glob patterns.",
        metavar="FILE|DIR|GLOB",
    ),
]
JobsOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: one per CPU).", metavar="N"
    ),
]
TemplatesOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--templates",
        help="A folder of templates overriding the built-in ones "
        "by file name (see `templates export`).",
        file_okay=False,
        metavar="FOLDER",
    ),
]
