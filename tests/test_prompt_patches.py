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


def test_the_typer_internals_the_help_translation_uses_still_exist() -> None:
    from typer._click import Context, HelpFormatter
    from typer._click import exceptions as errors

    for name in ("write_usage", "write_heading", "write_dl", "write", "current_indent"):
        assert hasattr(HelpFormatter(), name), name
    assert "formatter_class" in vars(Context)
    for name in ("MissingParameter", "NoSuchOption", "BadParameter", "NoArgsIsHelpError"):
        assert hasattr(errors, name), name
    assert "display_name_raw" in dict(
        inspect.getmembers(__import__("typer.core").core.TyperArgument)
    )
