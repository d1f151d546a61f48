"""Every command is documented: help text with an example, and a mention in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from coconstruct.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    found = []

    def walk(group: object, prefix: str) -> None:
        for name, command in sorted(getattr(group, "commands", {}).items()):
            if getattr(command, "commands", None):
                walk(command, f"{prefix}{name} ")
            else:
                found.append((f"{prefix}{name}", command))

    walk(root, "")
    return found


@pytest.mark.parametrize(("name", "command"), commands(), ids=lambda v: str(v))
def test_command_has_help_with_an_example_and_is_in_the_readme(name: str, command: object) -> None:
    help_text = getattr(command, "help", "") or ""
    assert "Example: coconstruct " + name in help_text, f"{name}: no `Example:` in its docstring"
    assert f"coconstruct {name}" in README, f"`coconstruct {name}` is not in README.md"


def test_help_speaks_french(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    result = cli("validate", "--help")
    assert "Vérifie des fichiers de réponses" in result.out
    assert "Exemple : coconstruct validate" in result.out
