"""Shell completion completes what only coconstruct knows: answer paths, sections, formats."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def complete(words: str, cwd: Path) -> list[str]:
    """What bash would offer after `words` (the last word being completed), as typer answers."""
    env = {
        **os.environ,
        "_COCONSTRUCT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "COCONSTRUCT_LANG": "en",
    }
    result = subprocess.run(
        [sys.executable, "-m", "coconstruct"], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coconstruct re", ["render"]),
        ("coconstruct set val-d-orbiere.yaml needs[N1].pr", ["needs[N1].priority="]),
        (
            "coconstruct set val-d-orbiere.yaml popu",
            ["population=", "population_year=", "population_sources="],
        ),
        ("coconstruct render val-d-orbiere.yaml -f md,h", ["md,html"]),
        ("coconstruct sy", ["synthesis"]),
        ("coconstruct synthesis . -f md,x", ["md,xlsx"]),
        ("coconstruct show val-d-orbiere.yaml --section bes", ["besoins"]),
        ("coconstruct new x.yaml --lang e", ["en"]),
        ("coconstruct set val-d-orbiere.yaml --status f", ["final"]),
        ("coconstruct new x.yaml -q terr", ["territoire"]),
    ],
)
def test_completion_offers_what_the_user_would_type(
    example: Path, words: str, expected: list[str]
) -> None:
    assert complete(words, example.parent) == expected


def test_a_new_item_is_offered_for_every_list(example: Path) -> None:
    offered = complete("coconstruct set val-d-orbiere.yaml needs[", example.parent)
    assert "needs[+].title=" in offered and "needs[N12].domain=" in offered


def test_a_broken_file_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("questionnaire: [\n", encoding="utf-8")
    assert complete("coconstruct set broken.yaml po", tmp_path) == []


@pytest.mark.parametrize(
    ("shell", "start"),
    [
        ("bash", "_coconstruct_completion() {"),
        ("zsh", "#compdef coconstruct"),
        ("fish", "complete --command coconstruct"),
    ],
)
def test_the_completion_script_installs_for_bash_zsh_and_fish(
    cli, monkeypatch: pytest.MonkeyPatch, shell: str, start: str
) -> None:
    # the shell named, not the one typer finds above this process (make runs tests under sh)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = cli("--show-completion", shell)
    assert result.code == 0, result.err
    assert result.out.startswith(start), result.out[:200]
    assert "_COCONSTRUCT_COMPLETE" in result.out
