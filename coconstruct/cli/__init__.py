"""The command line: options in, one core call, the result out. Errors become exit codes here.

Heavy libraries (rich, questionary, weasyprint, matplotlib) are imported inside the commands that
need them, so `--help`, `validate`, `set` and `show` start instantly.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from coconstruct.cli.app import app, say
from coconstruct.errors import CoconstructError, ExitCode
from coconstruct.language.messages import msg, ui_language

# The commands register as their modules load: this order is the order --help lists them in.
# isort: off
from coconstruct.cli import answers, workshop, reports, history, tables, questionnaires
# isort: on

COMMANDS = (answers, workshop, reports, history, tables, questionnaires)
__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI and exit; the one place where errors become messages and exit codes.

    The parser's own errors (exit 2) and ours (CoconstructError subclasses) are written here, in
    the user's language.
    """
    from coconstruct.cli.startup import command_for
    from coconstruct.cli.translation import ParserError, parser_error, translate

    try:
        command = command_for(app, sys.argv[1:] if argv is None else argv)
        translate(command, ui_language())
        code = command.main(args=argv, prog_name="coconstruct", standalone_mode=False)
    except ParserError as exc:
        said = parser_error(exc)
        say(said.text, err=said.err, style=said.style)
        sys.exit(said.code)
    except CoconstructError as exc:
        say(msg("Error: {message}", exc.lang, message=exc.message), err=True, style="red")
        if exc.hint:
            say(msg("Hint: {hint}", exc.lang, hint=exc.hint), err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        say(msg("Interrupted."), err=True)
        sys.exit(ExitCode.INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)
