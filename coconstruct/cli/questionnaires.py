"""Questionnaires: list, show, check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coconstruct.cli.app import (
    LangOpt,
    check_lang,
    questionnaires_app,
    say,
)
from coconstruct.cli.translation import Command
from coconstruct.language.messages import msg, nmsg, ui_language

if TYPE_CHECKING:
    from coconstruct.model.questionnaire import Questionnaire


@questionnaires_app.command("list", cls=Command)
def questionnaires_list(lang: LangOpt = None) -> None:
    """List the built-in questionnaires.

    Example: coconstruct questionnaires list
    """
    from coconstruct.model import questionnaire as qmod

    language = check_lang(lang) or ui_language()
    for qid in qmod.builtin_ids():
        q = qmod.load(qid)
        size = _size(q)
        say(
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
    from coconstruct.model import questionnaire as qmod
    from coconstruct.terminal.console import print_questionnaire

    q = qmod.load(questionnaire)
    print_questionnaire(q, q.lang(check_lang(lang) or ui_language()))


@questionnaires_app.command("check", cls=Command)
def questionnaires_check(
    path: Annotated[Path, typer.Argument(help="A questionnaire file.", metavar="FILE")],
) -> None:
    """Check a questionnaire definition; every problem is listed as file:line:col.

    Example: coconstruct questionnaires check my-questionnaire.yaml
    """
    from coconstruct.model import questionnaire as qmod

    q = qmod.load_file(path)
    text = msg(
        "{file}: ok — {qid} v{version}, {size}",
        file=path,
        qid=q.id,
        version=q.version,
        size=_size(q),
    )
    say(text, style="green")
