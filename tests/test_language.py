"""Every word the tool prints speaks the user's language: French in French, English in English.

Each command's help and its usual error paths are run in both languages; any word of the other
language fails the test (French first: our users write French).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import typer
from conftest import EXAMPLE, said

from coconstruct.cli import app

ENGLISH = re.compile(
    r"\b(Usage:|Show this message|required\]|\[default|expected|removed|Error:|Hint:|Try '|"
    r"[Mm]issing|[Nn]o such|Example:|Created|Saved|answers file|checked|warning|not found|"
    r"cannot|choose|Interrupted|Commands:|Arguments:)"
)
FRENCH = re.compile(
    r"(Erreur|Conseil|Exemple|réponse|fichier|« |attendu|introuvable|Usage :|Commandes|"
    r"choisissez|vérifié|inconnu|obligatoire|manquant|enregistré)"
)


def commands() -> list[list[str]]:
    found = [[]]

    def walk(group: object, prefix: list[str]) -> None:
        for name, command in sorted(getattr(group, "commands", {}).items()):
            found.append([*prefix, name])
            walk(command, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


def error_paths(folder: Path, lang: str) -> list[list[str]]:
    """Commands a user gets wrong, each meeting a different error of ours or of the parser."""
    answers = folder / "atelier.yaml"
    if not answers.exists():
        shutil.copy(EXAMPLE, answers)
        text = answers.read_text(encoding="utf-8").replace("language: fr", f"language: {lang}")
        answers.write_text(text, encoding="utf-8")
    bad = folder / "bad.yaml"
    bad.write_text("questionnaire: territoire\nanswers:\n  a: [1,\n", encoding="utf-8")
    a = str(answers)
    return [
        ["bogus"],
        ["render", "--bogus"],
        ["new"],
        ["new", a],
        ["new", "x.yaml", "--lang", "de"],
        ["set", a],
        ["set", a, "population"],
        ["set", a, "funding[F99].amount=1"],
        ["set", a, "population=lots"],
        ["set", a, "colour=blue"],
        ["set", a, "needs[N1]=x"],
        ["set", a, "population="],
        ["show", "absent.yaml"],
        ["show", a, "--section", "nowhere"],
        ["validate", "absent.yaml", str(bad)],
        ["validate", a, "--format", "xml"],
        ["render", "absent.yaml", "-o", str(folder / "out")],
        ["render", a, "-f", "bogus"],
        ["render", a, "-j", "0"],
        ["render", a, "--shard", "9"],
        ["run", a],
        ["questionnaires", "show", "nowhere"],
        ["questionnaires", "check", str(bad)],
    ]


@pytest.mark.parametrize("args", commands(), ids=lambda a: " ".join(a) or "coconstruct")
def test_help_in_french_has_no_english(
    cli, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    result = cli(*args, "--help")
    assert result.code == 0
    assert "Usage : coconstruct" in result.out
    assert ENGLISH.findall(result.out) == [], result.out


@pytest.mark.parametrize("args", commands(), ids=lambda a: " ".join(a) or "coconstruct")
def test_help_in_english_has_no_french(cli, args: list[str]) -> None:
    result = cli(*args, "--help")
    assert result.code == 0
    assert FRENCH.findall(result.out) == [], result.out


def test_errors_in_french_have_no_english(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    leaks = []
    for args in error_paths(tmp_path, "fr"):
        result = cli(*args)
        text = (result.out + result.err).replace(str(tmp_path), "DOSSIER")
        assert result.code != 0 or args == ["set", str(tmp_path / "atelier.yaml"), "population="]
        leaks += [(args[0:2], word, text) for word in ENGLISH.findall(text)]
    assert leaks == []


def test_errors_in_english_have_no_french(cli, tmp_path: Path) -> None:
    leaks = []
    for args in error_paths(tmp_path, "en"):
        result = cli(*args)
        text = (result.out + result.err).replace(str(tmp_path), "FOLDER")
        leaks += [(args[0:2], word, text) for word in FRENCH.findall(text)]
    assert leaks == []


# Each error of typer's parser, as the user reads it. typer's vendored click has no gettext: each
# is worded from the error's parts (cli/translation.py), or from its exact English when it has
# none, so a typer upgrade that rewords one fails here rather than speaking English to French users.
PARSER_ERRORS = [
    (["new"], "argument manquant : FICHIER", "missing argument FILE"),
    (
        ["render", "--bogus"],
        "option inconnue : --bogus (options possibles : --jobs, --out)",
        "no such option: --bogus (possible options: --jobs, --out)",
    ),
    (
        ["render", "x", "-j", "abc"],
        "valeur invalide pour --jobs / -j : un nombre entier est attendu",
        "invalid value for --jobs / -j: a whole number is expected",
    ),
    (
        ["render", "x", "-j", "0"],
        "valeur invalide pour --jobs / -j : doit valoir au moins 1",
        "invalid value for --jobs / -j: must be at least 1",
    ),
    (["render", "x", "-j"], "l'option -j attend une valeur", "option -j needs a value"),
    (
        ["serve", "x", "--lan=3"],
        "l'option --lan ne prend pas de valeur",
        "option --lan takes no value",
    ),
    (["show", "a", "b", "c"], "argument en trop : b c", "unexpected extra argument: b c"),
    (["bogus"], "commande inconnue : bogus", "no such command: bogus"),
    (
        ["rendr"],
        "commande inconnue : rendr (vouliez-vous dire render ?)",
        "no such command: rendr (did you mean render?)",
    ),
]


@pytest.mark.parametrize(("args", "french", "english"), PARSER_ERRORS, ids=lambda v: str(v))
def test_each_parser_error_is_said_in_the_users_language(
    cli, monkeypatch: pytest.MonkeyPatch, args: list[str], french: str, english: str
) -> None:
    said = {}
    for lang in ("fr", "en"):
        monkeypatch.setenv("COCONSTRUCT_LANG", lang)
        result = cli(*args)
        assert result.code == 2, result.err
        said[lang] = result.err.strip().splitlines()[-1]
    assert said == {"fr": f"Erreur : {french}", "en": f"Error: {english}"}


def test_a_group_alone_shows_its_help_in_the_users_language(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_LANG", "fr")
    result = cli("git")
    assert result.code == 2
    assert result.out.startswith("Usage : coconstruct git [OPTIONS]")
    assert "Commandes :" in result.out and ENGLISH.findall(result.out) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_help_lists_every_command_once_under_its_workflow(
    cli, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    import typer

    from coconstruct.cli.app import Root, app

    monkeypatch.setenv("COCONSTRUCT_LANG", lang)
    out = cli("--help").out
    headings = [said(title, lang) for title, _ in Root.workflow]
    found = [line for line in out.splitlines() if line in headings]
    assert found == headings  # in the order a territory meets them
    visible = {n for n, c in typer.main.get_command(app).commands.items() if not c.hidden}
    listed = re.findall(r"^  (\S+) +\S", out.split(headings[0], 1)[1], re.M)
    assert sorted(listed) == sorted(visible)
    assert said("Other commands:", lang) not in out  # every command has its heading
