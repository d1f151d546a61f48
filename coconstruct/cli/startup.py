"""What a command pays before it starts: only the invoked command is built, and its plain
parameters are read without pydantic.

`typer.main.get_command(app)` reads the signature of every command (some twenty of them, their
annotations evaluated again each time) to build the whole tree, and typer 0.29 reads each value
through a pydantic `TypeAdapter` it builds on first use: together, more than `import typer`
itself costs, for a `set` that uses one command and strings. Here:

- `coconstruct NAME …`, NAME a command of the root (not a group), builds a root that holds that
  command alone: the same command, the same root options, the same errors; `--help`, a group, an
  unknown name, completion, and anything starting with an option build the whole tree as before;
- a text, a list of texts, or a path is read as typer reads it (`coerce_cli_path` is typer's
  own function: the same checks and messages), without the adapter. Anything else (numbers
  with bounds, choices, dates…) keeps typer's coercion.

`RuntimeParam`, `_runtime_param` and `coerce_cli_path` are typer's private internals (0.29,
capped in pyproject.toml, as cli/translation.py's): tests/test_startup.py checks that they are
where we expect them and that the commands read the same values.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer._click import Command, Context
from typer._coercion import RuntimeParam
from typer._param_types import coerce_cli_path


def command_for(app: typer.Typer, argv: list[str]) -> Command:
    """The click command to run `argv` with: the whole tree, or a root with the one command."""
    alone = _alone(app, argv)
    command = typer.main.get_command(alone or app)
    if alone is not None:
        plain_parameters(command)
        for sub in getattr(command, "commands", {}).values():
            plain_parameters(sub)
    return command


def _alone(app: typer.Typer, argv: list[str]) -> typer.Typer | None:
    if not argv or argv[0].startswith("-") or _completing():
        return None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback and typer.main.get_command_name(callback.__name__))
        if name == argv[0]:
            alone = copy.copy(app)
            alone.registered_commands = [info]
            alone.registered_groups = []
            return alone
    return None


def _completing() -> bool:
    return any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ)


def plain_parameters(command: Command) -> None:
    """Give the command's plain parameters (texts, paths, lists of them, flags) a reader without
    pydantic; the others keep typer's."""
    for param in command.params:
        plain_parameter(param)


def plain_parameter(param: Any) -> None:
    """A reader without pydantic for one parameter, when it is plain and typer has none yet."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", True) is not None:
        return
    info, annotation = descriptor.parameter_info, descriptor.annotation
    if descriptor.is_file or descriptor.is_choice or info.parser or info.path_type:
        return
    inner = get_args(annotation)[0] if get_origin(annotation) is list else annotation
    if get_origin(annotation) not in (None, list) or inner not in (str, Path, bool):
        return
    if inner is not Path and descriptor.is_path:
        return
    param._runtime_param = _Plain(info, annotation, inner)


@dataclass(frozen=True)
class _Plain(RuntimeParam):
    """A text, a path, a flag, or a list of them, read as typer reads them (None and the
    not-an-iterable error are RuntimeParam's own); anything unusual is left to typer."""

    kind: type

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if isinstance(value, list | tuple):
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Context) -> Any:
        if self.kind is bool:
            return value if isinstance(value, bool) else self._typer_reads(value, param, ctx)
        if not isinstance(value, str) or not value or "\0" in value:
            return self._typer_reads(value, param, ctx)
        if self.kind is str:
            return value
        return coerce_cli_path(
            Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx
        )

    def _typer_reads(self, value: Any, param: Any, ctx: Context) -> Any:
        """What typer itself makes of an unusual value (bytes, an empty text, `--flag=no`)."""
        from typer._coercion import build_runtime_param, resolve_type_descriptor

        descriptor = resolve_type_descriptor(self.kind, self.parameter_info)
        return build_runtime_param(descriptor)._coerce_value(value, param=param, ctx=ctx)
