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


def test_every_help_text_exists_in_french() -> None:
    from coconstruct.help_fr import HELP_FR

    root = typer.main.get_command(app)
    missing = []

    def walk(command: object) -> None:
        texts = [getattr(command, "help", None)]
        texts += [getattr(p, "help", None) for p in getattr(command, "params", [])]
        missing.extend(t for t in texts if t and t not in HELP_FR)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(root)
    assert missing == []


def test_help_speaks_french(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    result = cli("validate", "--help")
    assert "Vérifie des fichiers de réponses" in result.out
    assert "Exemple : coconstruct validate" in result.out
