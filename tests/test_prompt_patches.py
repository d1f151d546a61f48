"""The library internals we reach past the public API for still exist: an upgrade that moves one
fails here, naming it, instead of breaking a live workshop."""

from __future__ import annotations

import inspect
from importlib import metadata

import pytest

from coconstruct.cli import translation as cli_language
from coconstruct.terminal import prompt_patches


@pytest.mark.parametrize(
    ("owner", "name"),
    [(owner, name) for owner, names in prompt_patches.INTERNALS.items() for name in names],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_every_prompt_internal_we_touch_still_exists(owner: object, name: str) -> None:
    from questionary.prompts.common import InquirerControl

    found = InquirerControl(["a", "b"]) if owner is InquirerControl else owner  # instance fields
    assert hasattr(found, name), f"{owner} has no {name} any more: see prompt_patches.py"


def test_the_installed_versions_are_those_the_patches_were_written_for() -> None:
    for package, written_for in {**prompt_patches.WRITTEN_FOR, **cli_language.WRITTEN_FOR}.items():
        installed = metadata.version(package)
        assert installed.startswith(written_for), (
            f"{package} {installed} installed; the patches were written for {written_for}.x: "
            "check them, then update WRITTEN_FOR"
        )


def test_the_typer_internals_the_command_line_translation_uses_still_exist() -> None:
    """cli/translation.py: the vendored click's exceptions and their parts, the documented click
    hooks our command classes override, the formatter methods they write through."""
    from typer._click import exceptions as errors
    from typer.core import TyperArgument, TyperCommand, TyperGroup

    made = {
        errors.UsageError("m"): ("ctx", "message", "exit_code"),
        errors.MissingParameter(): ("param", "param_hint"),
        errors.NoSuchOption("--x"): ("option_name", "possibilities"),
        errors.BadParameter("m"): ("param", "param_hint", "message"),
        errors.BadOptionUsage("--x", "m"): ("option_name", "message"),
    }
    for error, attributes in made.items():
        assert isinstance(error, errors.UsageError), error
        for attribute in attributes:
            assert hasattr(error, attribute), f"{type(error).__name__}.{attribute}"
    assert issubclass(errors.NoArgsIsHelpError, errors.UsageError)
    assert issubclass(errors.UsageError, errors.ClickException)
    for cls in (TyperCommand, TyperGroup):
        for hook in ("format_usage", "format_options", "collect_usage_pieces", "get_params"):
            assert callable(getattr(cls, hook, None)), f"{cls.__name__}.{hook}"
    for hook in ("list_commands", "get_command"):
        assert callable(getattr(TyperGroup, hook, None)), hook
    assert "display_name_raw" in dict(inspect.getmembers(TyperArgument))


def test_the_formatter_click_hands_a_command_has_what_the_help_writes_with() -> None:
    import typer

    from coconstruct.cli import app
    from coconstruct.cli.translation import HelpWriter

    writer = typer.Context(typer.main.get_command(app)).make_formatter()
    wanted = set(HelpWriter.__annotations__) | {m for m in vars(HelpWriter) if m[0] != "_"}
    for name in sorted(wanted):
        assert hasattr(writer, name), f"the help formatter has no {name} any more"
