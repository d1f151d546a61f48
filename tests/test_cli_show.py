"""`coconstruct show`: the projector view, at 80 and 160 columns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import bare_env, said
from rich.cells import cell_len

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import load

MINI = Path(__file__).parent / "data" / "mini.yaml"


def lines(out: str) -> list[str]:
    return out.rstrip("\n").split("\n")


@pytest.mark.parametrize("width", [80, 160])
def test_show_fits_the_width(
    cli, example: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("show", example, "--all")
    assert result.code == 0, result.err
    too_wide = [line for line in lines(result.out) if cell_len(line) > width]
    assert too_wide == []
    for expected in (
        "Communauté de communes du Val d'Orbière",
        "Avancement par section",
        "Diagnostic partagé : les besoins",
        "Besoins par domaine et priorité",
        "Se déplacer sans voiture",
        "Ressources par type et tension",
        "Budget de l'intercommunalité",
        "⇊ Forte baisse ⚠",
        "Partenaires",
        "Radio Orbière FM",
        "Plan de financement",
        "Points ouverts",
    ):
        assert expected in result.out


def test_show_at_80_columns_stacks_the_panels(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("show", example, "--all").out
    order = [
        out.index(title)
        for title in (
            "Avancement",
            "Besoins par",
            "Ressources par",
            "Partenaires",
            "Plan de financement",
        )
    ]
    assert order == sorted(order)
    money = next(line for line in lines(out) if line.startswith("Financements publics"))
    # 2027: the State's one-off 150 000 € over two years counts for half; the health agency's
    # amount is not known (+?), and the caption names it
    assert "█" in money and "70\u00a0%" in money and "(cible 50\xa0%)" in money
    assert "925\u202f000\u00a0€ + 1 non connu" in money  # as the roadmap says it
    assert "montant non connu : Agence" in out


def test_show_at_160_columns_puts_panels_side_by_side(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = cli("show", example, "--all").out
    assert any(
        "Avancement par section" in line and "Plan de financement" in line for line in lines(out)
    )
    assert any(
        "Besoins par domaine" in line and "Ressources par type" in line for line in lines(out)
    )
    assert "Attitude" in out  # more partner columns when there is room


def test_show_lists_open_and_deferred_items(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    q = load("territoire")
    doc = AnswersFile.load(example)
    doc.set_status("draft")
    doc.unset("territory_name")
    doc.set_deferred(["budget_year", "needs[N2].priority", "funding[F2].amount"])
    doc.set(q, "needs", doc.get("needs"))
    doc.item("needs", "N3")["title"] = "Eau [rouge] pour tous :droplet:"  # not markup
    doc.save()
    out = cli("show", example, "--all").out
    # open items named as the room knows them, not by internal ids
    assert "↻ Année du budget décrit" in out
    assert (
        "↻ Besoins du territoire › N2 · Loger les jeunes actifs et les apprentis › Priorité" in out
    )
    assert "↻ Plan de financement › F2 · Communauté de communes du Val d'Orbière › Montant" in out
    required = said("an answer is required")
    assert "• " + said("{label}: {value}", label="Nom du territoire", value=required) in out
    assert "budget_year" not in out and "needs[N2]" not in out and "funding[" not in out
    assert "Eau [rouge] pour tous :droplet:" in out
    progress = next(line for line in lines(out) if line.startswith("L’atelier et le territoire"))
    assert progress.split()[-2:] == ["1", "·"]  # one required answer missing
    model = next(line for line in lines(out) if line.startswith("Modèle socio-économique"))
    assert model.split()[-1] == "2"  # two questions to review: the year, F2's amount


def test_show_one_section_in_full(cli, example: Path) -> None:
    result = cli("show", example, "--section", "besoins")
    assert result.code == 0
    assert "Contexte et effet ciseau" in result.out
    assert "Besoins du territoire" in result.out
    assert "N12" in result.out and "Rénover les logements" in result.out
    assert "Plan de financement" not in result.out


def test_show_speaks_english(cli, example: Path) -> None:
    out = cli("show", example, "--lang", "en", "--all").out
    assert "Needs by domain and priority" in out
    assert "Funding plan" in out
    assert "Public funding" in out


def test_show_an_unknown_section_is_a_usage_error(cli, example: Path) -> None:
    result = cli("show", example, "--section", "nowhere")
    assert result.code == 2
    assert "section inconnue (sections : atelier, besoins" in result.err


def test_show_works_with_any_questionnaire(cli, tmp_path: Path) -> None:
    q = load(str(MINI))
    path = tmp_path / "mini-answers.yaml"
    doc = AnswersFile.new(q, path, "en", str(MINI))
    doc.set(q, "territory_name", "Smallville")
    doc.save()
    result = cli("show", path)
    assert result.code == 0, result.err
    assert "Smallville" in result.out
    assert "Progress by section" in result.out
    assert "Frame" in result.out and "1/4" in result.out
    assert "Needs by domain" not in result.out  # mini has no domains


def test_show_does_not_import_heavy_libraries(example: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coconstruct", "show", str(example)],
        capture_output=True,
        text=True,
        check=True,
        env=bare_env(),
    )
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert not imported & {"questionary", "prompt_toolkit", "weasyprint", "matplotlib"}
    assert "rich" in imported


def test_a_level_outside_its_scale_is_shown_missing_not_as_dots(cli, example: Path) -> None:
    doc = AnswersFile.load(example)
    doc.item("needs", "N1")["priority"] = 9  # a hand edit: validate reports it
    doc.save()
    for args in (["--all"], ["--section", "besoins"]):
        out = cli("show", example, *args).out
        row = next(line for line in lines(out) if line.startswith("N1 ") and "voiture" in line)
        assert "●" * 6 not in out
        assert "—" in row


@pytest.mark.parametrize("width", [80, 120])
def test_a_sections_items_never_break_a_word(
    cli, example: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = cli("show", example, "--section", "besoins").out
    assert [line for line in lines(out) if cell_len(line) > width] == []
    shown = lines(out)
    start = next(i for i, line in enumerate(shown) if line.strip() == "Besoins du territoire")
    words = set(" ".join(shown[start:]).split())  # the items' table
    for whole in ("Économique", "Environnemental", "Priorité", "Urgence", "Évolution"):
        assert whole in words
    assert not words & {"Économiqu", "Environnementa", "Évolutio", "Priorit", "Urgenc"}
