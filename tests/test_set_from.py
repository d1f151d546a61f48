"""`coconstruct set --from FILE`: many assignments, as a script writes them, in one save."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from coconstruct.model.answers_file import AnswersFile

EDITS = """\
# le site documenté, saisi d'un coup
population=23500
needs[N2].priority=3

needs[+].title=Accès au numérique
needs[+].domain=societal
needs[+].description="Deux lignes\\net la suite"
needs[+].title='Second besoin'
needs[+].domain=social
"""


def test_every_line_is_applied_in_one_save(cli, example: Path, tmp_path: Path) -> None:
    edits = tmp_path / "edits.txt"
    edits.write_text(EDITS, encoding="utf-8")
    result = cli("set", example, "--from", edits)
    assert result.code == 0, result.err
    doc = AnswersFile.load(example)
    assert doc.plain()["population"] == 23500
    assert doc.item("needs", "N2")["priority"] == 3  # type: ignore[index]
    # a field of a new item given again starts the next new item
    assert doc.plain()["needs"][-2:] == [
        {
            "id": "N13",
            "title": "Accès au numérique",
            "domain": "societal",
            "description": "Deux lignes\net la suite",
        },
        {"id": "N14", "title": "Second besoin", "domain": "social"},
    ]
    assert result.out.count("enregistré") == 1


def test_one_refused_line_is_named_and_nothing_is_written(
    cli, example: Path, tmp_path: Path
) -> None:
    edits = tmp_path / "edits.txt"
    edits.write_text("population=1\n\n# rien\nneeds[N2].priority=9\n", encoding="utf-8")
    before = example.read_bytes()
    result = cli("set", example, "--from", edits)
    assert result.code == 2
    assert result.err.startswith(f"Erreur : {edits}:4: needs[N2].priority")
    assert example.read_bytes() == before


def test_standard_input(cli, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("population=abc\n"))
    result = cli("set", example, "--from", "-")
    assert result.code == 2
    assert "<stdin>:1: population" in result.err
    monkeypatch.setattr(sys, "stdin", io.StringIO("population=24000\n"))
    assert cli("set", example, "--from", "-", "needs[N1].priority=2").code == 0
    doc = AnswersFile.load(example)
    assert doc.plain()["population"] == 24000
    assert doc.item("needs", "N1")["priority"] == 2  # type: ignore[index]
