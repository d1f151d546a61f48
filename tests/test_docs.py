"""Every command is documented: help text with an example, and a mention in a page of the manual."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from coconstruct.cli import app

ROOT = Path(__file__).parent.parent
# the guides (docs/reference/cli.md prints every --help: a mention there proves nothing)
MANUAL = "\n".join(
    page.read_text(encoding="utf-8")
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    if page.name != "cli.md"
)


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
def test_command_has_help_with_an_example_and_is_in_the_manual(name: str, command: object) -> None:
    help_text = getattr(command, "help", "") or ""
    assert "Example: coconstruct " + name in help_text, f"{name}: no `Example:` in its docstring"
    assert f"coconstruct {name}" in MANUAL, f"`coconstruct {name}` is in no page of docs/"
    reference = (ROOT / "docs/reference/cli.md").read_text(encoding="utf-8")
    assert getattr(command, "hidden", False) or f"`coconstruct {name}`" in reference


def test_help_speaks_french(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    result = cli("validate", "--help")
    assert "Vérifie des fichiers de réponses" in result.out
    assert "Exemple : coconstruct validate" in result.out
