"""`coconstruct new`: what a user types and sees."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import said


def test_new_creates_an_empty_answers_file_and_never_overwrites(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    result = cli("new", path, "--lang", "en")
    assert result.code == 0, result.err
    assert f"Created {path} (questionnaire territoire v2, en)" in result.out
    text = path.read_text()
    assert (
        "questionnaire: territoire\nquestionnaire_version: 2\nlanguage: en\nstatus: draft\n" in text
    )
    path.write_text(text + "# mine\n")
    again = cli("new", path)
    assert again.code == 1
    assert f"Error: {path} already exists; nothing was changed" in again.err
    assert path.read_text().endswith("# mine\n")


def test_new_with_a_custom_questionnaire_records_its_relative_path(cli, tmp_path: Path) -> None:
    custom = tmp_path / "q" / "mine.yaml"
    custom.parent.mkdir()
    custom.write_text(
        "id: mine\nversion: 2\ntitle: {fr: Le mien, en: Mine}\nlanguages: [fr, en]\n"
        "sections:\n  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - {id: name, type: text, label: {fr: Nom, en: Name}, required: true}\n"
    )
    path = tmp_path / "a.yaml"
    assert cli("new", path, "--questionnaire", custom).code == 0
    assert "questionnaire: q/mine.yaml\nquestionnaire_version: 2\n" in path.read_text()
    assert cli("set", path, "name=Essai").code == 0
    assert cli("validate", path).code == 0


@pytest.mark.parametrize("command", [["set", "population=3"], ["show"]])
def test_a_missing_answers_file_is_named_with_the_command_that_creates_it(
    cli, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "mon atelier.yaml"
    result = cli(command[0], missing, *command[1:])
    assert result.code != 0
    assert said("no such file", "en") in result.err
    # the hint works as pasted in a shell: the name quoted
    assert "coconstruct new " + shlex.quote(str(missing)) in result.err
    assert not missing.exists()
