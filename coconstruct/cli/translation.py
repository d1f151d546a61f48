"""The command line in the user's language: help, usage lines and the parser's own errors.

typer (with the click it vendors) writes its own words in English: "Usage:", "Options",
"Show this message and exit.", "[required]", "Missing argument…". Its commands take a context
class, whose help formatter is ours, and its errors are exceptions with their parts as attributes,
so both are put in French here, through the one catalog (coconstruct/language/messages.py),
without touching the library. The help texts themselves are the English docstrings and `help=` of
the command modules (coconstruct/cli/), in the catalog too (babel.cfg extracts them with
`extract_cli` below).
"""

from __future__ import annotations

import ast
import inspect
import io
import re
from collections.abc import Iterator
from typing import IO, Any

from typer._click import Context, HelpFormatter
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from coconstruct.language.messages import N_, msg

# typer vendors click as `typer._click`: its context, help formatter and exceptions are used here,
# written for typer 0.29 (pyproject caps it; tests/test_prompt_patches.py checks them).
WRITTEN_FOR = {"typer": "0.29"}

# Words typer and click print, as they print them: translated where they are written out.
_SECTIONS = {"Arguments": N_("Arguments:"), "Options": N_("Options:"), "Commands": N_("Commands:")}
_HELP_OPTION = N_("Show this message and exit.")
# typer's own options (shell completion), translated by `translate` as ours are
_TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")  # typer's `[default: 120.0; x>=1; required]`
_TYPE = re.compile(r" <[^<>]+>$")
_BRACED = re.compile(r"\{([^{}]+)\}")


class LocalizedFormatter(HelpFormatter):
    """click's help formatter, with its few words in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        # typer writes a required argument `{FILE}`; in a usage line, FILE alone says it
        super().write_usage(prog, _BRACED.sub(r"\1", args), prefix=msg("Usage: "))

    def write_heading(self, heading: str) -> None:
        # as click writes it, with the colon of the language (« Options : » in French)
        title = msg(_SECTIONS[heading]) if heading in _SECTIONS else f"{heading}:"
        self.write(f"{'':>{self.current_indent}}{title}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        # typer adds its internal type to an argument (`FILE <Path>`): the metavar says enough
        rows = [(_TYPE.sub("", term), _extra(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


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


class LocalizedContext(Context):
    formatter_class = LocalizedFormatter


class Command(TyperCommand):
    context_class = LocalizedContext

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg(_HELP_OPTION)
        return option


class Group(TyperGroup):
    context_class = LocalizedContext

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg(_HELP_OPTION)
        return option


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


def usage_error(error: click_errors.UsageError) -> str:
    """A parser error as the user reads it: its usage line, where to get help, what is wrong."""
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


def _problem(error: click_errors.UsageError) -> str:
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        name = _name(param, error.ctx) if param is not None else (error.param_hint or "")
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
        hint = _name(param, error.ctx) if param is not None else (error.param_hint or "")
        return msg("invalid value for {name}: {problem}", name=hint, problem=_value(error.message))
    message = error.message
    if found := re.fullmatch(r"Option '(.+)' requires an argument\.", message):
        return msg("option {name} needs a value", name=found[1])
    if found := re.fullmatch(r"Option '(.+)' does not take a value\.", message):
        return msg("option {name} takes no value", name=found[1])
    if found := re.fullmatch(r"Got unexpected extra arguments? ?\(?s?\)? ?\((.*)\)", message):
        return msg("unexpected extra argument: {args}", args=found[1])
    if found := re.fullmatch(r"No such command '(.+)'\.", message):
        return msg("no such command: {name}", name=found[1])
    if message == "Missing command.":
        return msg("a command is expected")
    return message


def _name(param: Any, ctx: Context | None) -> str:
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
