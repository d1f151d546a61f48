"""The command line in the user's language: help, usage lines and the parser's own errors.

typer writes its own words in English: "Usage:", "Options", "Show this message and exit.",
"[required]", "Missing argument…". They are put in the user's language here, through the one
catalog (coconstruct/language/messages.py), without patching the library. The help texts
themselves are the English docstrings and `help=` of the command modules (coconstruct/cli/), in
the catalog too (babel.cfg extracts them with `extract_cli` below).

Why not click's own gettext: typer vendors click as the private `typer._click` (since 0.26) and
took gettext out of it — "Usage: ", "Error: ", "Try … for help.", "Missing argument", "No such
option", "requires an argument" are plain f-strings that no catalog can reach. typer's own few
words ("Options", "required", "No such command") do call gettext, but in the process-wide
default domain and in the language of LANGUAGE or LANG, not of COCONSTRUCT_LANG or `--lang`. So:
- the help: our command classes (typer.core's, which `cls=` takes) override click's documented
  hooks `format_usage` and `format_options`, and write through the documented methods of the
  formatter they are handed (`HelpWriter`): no private import;
- the errors: the parser raises the exceptions of typer's vendored click, each with its parts as
  attributes (the parameter, the option, the close matches); `parser_error` words them from those
  parts, and from the exact English of the four that have none. Their classes come from
  `typer._click.exceptions`, the one private import, written for typer 0.29 (pyproject caps it;
  tests/test_prompt_patches.py and tests/test_language.py fail when one of them moves).
"""

from __future__ import annotations

import ast
import inspect
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from difflib import get_close_matches
from typing import IO, Any, Protocol

from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from coconstruct.errors import ExitCode
from coconstruct.language.messages import N_, msg

# typer vendors click as `typer._click`: its exceptions are read here, written for typer 0.29
# (pyproject caps it; tests/test_prompt_patches.py checks them).
WRITTEN_FOR = {"typer": "0.29"}

_HELP_OPTION = N_("Show this message and exit.")
# typer's own options (shell completion), translated by `translate` as ours are
_TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")  # typer's `[default: 120.0; x>=1; required]`
_TYPE = re.compile(r" <[^<>]+>$")
_BRACED = re.compile(r"\{([^{}]+)\}")


class HelpWriter(Protocol):
    """What the help uses of the formatter click hands a command: its documented methods."""

    width: int
    current_indent: int

    def write(self, string: str) -> None: ...
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None: ...
    def write_paragraph(self) -> None: ...
    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None: ...
    def indentation(self) -> AbstractContextManager[None]: ...


class _Translated:
    """The help of a command or a group in the user's language, through click's documented
    hooks: the help option's own text, the usage line, the arguments and the options."""

    def get_help_option(self, ctx: Any) -> Any:
        from coconstruct.cli.startup import plain_parameter

        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = msg(_HELP_OPTION)
            plain_parameter(option)
        return option

    def format_usage(self, ctx: Any, formatter: HelpWriter) -> None:
        # typer writes a required argument `{FILE}`; in a usage line, FILE alone says it
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, _BRACED.sub(r"\1", pieces), prefix=msg("Usage: "))

    def format_options(self, ctx: Any, formatter: HelpWriter) -> None:
        _write_params(self, ctx, formatter)


class Command(_Translated, TyperCommand):
    """A command whose help speaks the user's language."""


class Group(_Translated, TyperGroup):
    """A group whose help speaks the user's language; its commands under the headings of
    `workflow` (a heading, then its commands' names, in the order they are used), or under
    « Commands: » when it has none."""

    workflow: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def format_options(self, ctx: Any, formatter: HelpWriter) -> None:
        super().format_options(ctx, formatter)
        commands = {
            name: command
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        }
        if not commands:
            return
        # as click: each short help cut to what the widest name leaves of the line
        widest = max(len(name) for name in commands)
        limit = formatter.width - 6 - widest
        sections = self.workflow or ((N_("Commands:"), tuple(commands)),)
        listed = {name for _, names in sections for name in names}
        if rest := tuple(name for name in commands if name not in listed):  # none left unsaid
            sections = (*sections, (N_("Other commands:"), rest))
        for title, names in sections:  # names padded: one column across the headings
            rows = [
                (n.ljust(widest), commands[n].get_short_help_str(limit))
                for n in names
                if n in commands
            ]
            _write_section(formatter, msg(title), rows)


def _write_params(command: Any, ctx: Any, formatter: HelpWriter) -> None:
    """The arguments, then the options, each under its heading, as typer lists them."""
    rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in rows:
            # typer adds its internal type to an argument (`FILE <Path>`): the metavar says enough
            rows[param.param_type_name].append((_TYPE.sub("", record[0]), _extra(record[1])))
    _write_section(formatter, msg("Arguments:"), rows["argument"])
    _write_section(formatter, msg("Options:"), rows["option"])


def _write_section(formatter: HelpWriter, title: str, rows: list[tuple[str, str]]) -> None:
    """A heading with the colon of the language (« Options : »), its rows indented below."""
    if not rows:
        return
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{title}\n")
    with formatter.indentation():
        formatter.write_dl(rows)


def _extra(text: str) -> str:
    """typer's bracket after an option's help, `[default: md; required]`, in words of ours."""
    found = _EXTRA.search(text)
    if not found:
        return text
    parts = []
    for part in found[1].split("; "):
        if part == "required":
            parts.append(msg("required"))
        elif part.startswith("default: "):
            parts.append(msg("default: {default}", default=part[len("default: ") :]))
        else:
            parts.append(part)
    separator = " ; " if msg("required") != "required" else "; "
    return text[: found.start()] + "  [" + separator.join(parts) + "]"


def translate(command: Any, lang: str) -> None:
    """Every help text and metavar of a command tree in `lang` (English: as written)."""
    if command.help:
        command.help = msg(command.help, lang)
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = msg(param.help, lang)
        if getattr(param, "metavar", None):
            param.metavar = msg(param.metavar, lang)
    for sub in getattr(command, "commands", {}).values():
        translate(sub, lang)


# --- the parser's errors ------------------------------------------------------------------------

# pydantic's words when typer converts an option's value (`-j abc`, `-j 0`).
_VALUE_PROBLEMS = (
    (re.compile(r"Input should be a valid integer"), N_("a whole number is expected")),
    (re.compile(r"Input should be a valid number"), N_("a number is expected")),
    (
        re.compile(r"Input should be greater than or equal to (\S+)"),
        N_("must be at least {0}"),
    ),
    (re.compile(r"Input should be less than or equal to (\S+)"), N_("must be at most {0}")),
    (re.compile(r"Path '(.*)' does not exist\.$"), N_("{0}: no such file or folder")),
    (re.compile(r".* '(.*)' is a directory\.$"), N_("{0} is a folder, a file is expected")),
    (re.compile(r".* '(.*)' is a file\.$"), N_("{0} is a file, a folder is expected")),
)


#: every error the parser raises (the base of the vendored click's exceptions)
ParserError = click_errors.ClickException


@dataclass(frozen=True)
class Said:
    """A parser error as the command line says it: where, what, and how it exits."""

    text: str
    code: int
    err: bool = True
    style: str | None = None


def parser_error(error: click_errors.ClickException) -> Said:
    """A parser error as the user reads it, in their language."""
    if isinstance(error, click_errors.NoArgsIsHelpError):
        # a group alone (`coconstruct`, `coconstruct git`): its help, as `--help` gives it
        return Said(error.format_message(), ExitCode.USAGE, err=False)
    if isinstance(error, click_errors.UsageError):
        return Said(usage_error(error), ExitCode.USAGE)
    said = msg("Error: {message}", message=error.format_message())
    return Said(said, error.exit_code, style="red")


def usage_error(error: click_errors.UsageError) -> str:
    """A usage error as the user reads it: its usage line, where to get help, what is wrong."""
    lines = []
    ctx = error.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        option = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        lines.append(
            msg("Try '{command} {option}' for help.", command=ctx.command_path, option=option)
        )
        lines.append("")
    lines.append(msg("Error: {message}", message=_problem(error)))
    return "\n".join(lines)


# The usage errors that carry no parts, only their English (typer 0.29): read back by their text.
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? ?\(?s?\)? ?\((.*)\)")
_NO_SUCH_COMMAND = re.compile(r"No such command '(.+)'\.(?: Did you mean .+\?)?")
_MISSING_COMMAND = "Missing command."
_TAKES_NO_VALUE = "does not take a value."


def _problem(error: click_errors.UsageError) -> str:
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        name = _name(param) if param is not None else str(error.param_hint or "")
        if getattr(param, "param_type_name", "") == "option":
            return msg("missing option {name}", name=name)
        return msg("missing argument {name}", name=name)
    if isinstance(error, click_errors.NoSuchOption):
        text = msg("no such option: {name}", name=error.option_name)
        if error.possibilities:
            text += " " + msg(
                "(possible options: {options})", options=", ".join(sorted(error.possibilities))
            )
        return text
    if isinstance(error, click_errors.BadParameter):
        param = error.param
        hint = _name(param) if param is not None else str(error.param_hint or "")
        return msg("invalid value for {name}: {problem}", name=hint, problem=_value(error.message))
    if isinstance(error, click_errors.BadOptionUsage):  # an option and its value
        if error.message.endswith(_TAKES_NO_VALUE):
            return msg("option {name} takes no value", name=error.option_name)
        return msg("option {name} needs a value", name=error.option_name)
    message = error.message
    if found := _EXTRA_ARGUMENTS.fullmatch(message):
        return msg("unexpected extra argument: {args}", args=found[1])
    if found := _NO_SUCH_COMMAND.fullmatch(message):
        return _no_such_command(found[1], error.ctx)
    if message == _MISSING_COMMAND:
        return msg("a command is expected")
    return message


def _no_such_command(name: str, ctx: Any) -> str:
    """« commande inconnue : rendr (vouliez-vous dire render ?) », the close names as typer finds
    them."""
    text = msg("no such command: {name}", name=name)
    commands = list(getattr(getattr(ctx, "command", None), "commands", {}))
    if matches := get_close_matches(name, commands):
        text += " " + msg("(did you mean {commands}?)", commands=", ".join(matches))
    return text


def _name(param: Any) -> str:
    """An option by its flags (`--jobs / -j`), an argument by its metavar (`FICHIER`)."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "display_name_raw", None) or param.name)
    return " / ".join(getattr(param, "opts", []) or [str(param.name)])


def _value(problem: str) -> str:
    for pattern, message in _VALUE_PROBLEMS:
        if found := pattern.search(problem):
            return msg(message).format(*found.groups())
    return problem


# --- extraction for `make catalogs` ------------------------------------------------------------


def extract_cli(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Any]:
    """A babel extractor for the command modules (coconstruct/cli/): their `msg` calls, plus
    command docstrings and `help=` texts.

    typer shows a command's docstring (cleaned as `inspect.getdoc` does) and each parameter's
    `help=` as they are written; `translate` looks them up in the catalog by that text.
    """
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, None, inspect.cleandoc(doc), []
        elif isinstance(node, ast.keyword) and node.arg in ("help", "metavar"):
            text = _constant_text(node.value)
            if text:
                yield node.value.lineno, None, text, []


def _constant_text(node: ast.expr) -> str | None:
    """A string constant, implicit concatenations included."""
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    return value if isinstance(value, str) else None
