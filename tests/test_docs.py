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


def test_the_release_snippets_name_this_version_and_the_changelog_has_it() -> None:
    """The pre-commit block, the CI example and the install lines install the release this is:
    they move with `__version__`, and the CHANGELOG has that release under « Unreleased »."""
    import re

    from coconstruct import __version__

    tag = f"v{__version__}"
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    named = [
        (page.name, found)
        for page in pages
        for found in re.findall(
            r"rev: (\S+)|/coconstruct@(v\d[\w.]*)", page.read_text(encoding="utf-8")
        )
    ]
    versions = {rev or at for _, (rev, at) in named}
    assert len(named) >= 4, named  # pre-commit, CI, pipx, uv
    assert versions == {tag}, named
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[([^\]]+)\]", changelog, re.M)
    assert releases[:2] == ["Unreleased", __version__]
    for section in re.split(r"^## ", changelog, flags=re.M)[1:]:
        headings = re.findall(r"^### (.+)$", section, re.M)
        assert len(headings) == len(set(headings)), f"a heading twice in {section[:20]}"
        assert set(headings) <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
