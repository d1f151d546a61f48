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


# the user's path, in both trees (the reference and the project's pages stay in English)
USER_PAGES = [
    "index.md",
    "getting-started.md",
    "facilitating/interview.md",
    "facilitating/show.md",
    "facilitating/room.md",
    "answers/index.md",
    "answers/real-sites.md",
    "answers/migrate.md",
    "teams.md",
    "roadmaps/index.md",
    "roadmaps/office.md",
    "roadmaps/accessibility.md",
    "roadmaps/templates.md",
    "portfolios/batch.md",
    "portfolios/spreadsheets.md",
    "portfolios/synthesis.md",
]


def test_each_page_of_the_users_path_is_in_french_too_and_in_the_nav() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    english, french = config["nav"][0]["English"], config["nav"][1]["Français"]

    def pages(tree: object) -> set[str]:
        if isinstance(tree, str):
            return {tree}
        items = tree.values() if isinstance(tree, dict) else tree
        return set().union(*(pages(item) for item in items))  # type: ignore[union-attr]

    assert {f"fr/{page}" for page in USER_PAGES} == pages(french)
    assert set(USER_PAGES) <= pages(english)
    for page in USER_PAGES:
        text = (ROOT / "docs" / "fr" / page).read_text(encoding="utf-8")
        assert text.startswith("# "), page


def test_french_pages_keep_their_spaces_where_french_wants_them() -> None:
    """No line break between a figure and its unit or its thousands, nor before « : ; ? ! » » or
    after « : the French pages use a no-break space there (code and console output aside)."""
    import re

    breakable = re.compile(r"\d \d{3}\b| [:;?!»]|« |\d (?:€|%)")
    for page in sorted((ROOT / "docs" / "fr").rglob("*.md")):
        text = re.sub(
            r"<!-- \[\[\[cog .*?\[\[\[end\]\]\] -->", "", page.read_text("utf-8"), flags=re.S
        )
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for line in text.splitlines():
            prose = re.sub(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+", "", line)
            assert not breakable.search(prose), f"{page.relative_to(ROOT)}: {line}"
