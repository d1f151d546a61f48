"""The interview's moves on a projector's terminal (pyte, 100×30 and 120×40): Ctrl-B at a
section's start (its card, then the list of sections), the review's cursor after a change, a
skipped question said once, leads named in the actions' table, units that agree in number."""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_cli_run import (
    CTRL_B,
    CTRL_C,
    ENTER,
    LARGE,
    SIZES,
    UP,
    Start,
    finish,
    pointed,
    to_partners_review,
)

from coconstruct.model.answers_file import AnswersFile

pytestmark = pytest.mark.slow


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(LARGE, tmp_path / "qv.yaml")
    return tmp_path


def pointing(label: str) -> Callable[[list[str]], None]:
    def check(lines: list[str]) -> None:
        assert any(line.lstrip().startswith("»") for line in lines), "no pointer"
        assert label in pointed(lines), pointed(lines)

    return check


@pytest.mark.parametrize("size", SIZES)
def test_ctrl_b_at_a_sections_start_shows_its_card_then_the_sections(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    screen = terminal("run", "qv.yaml", "--section", "modele", lang="fr", size=size)
    lines = screen.wait_for("Section 5/6", "Commencer ▸")
    assert not any("Ctrl-B encore" in line for line in lines)
    screen.send(ENTER)
    screen.wait_for("Année du budget décrit")
    screen.send(CTRL_B)  # the section's first question: its card again
    lines = screen.wait_for("Commencer ▸", "Ctrl-B encore : la liste des sections.")
    assert "Section 5/6" in lines[0]
    screen.send(CTRL_B)  # a second Ctrl-B at the section's start: the sections, this one pointed
    lines = screen.wait_until(pointing("5. Modèle socio-économique"))
    assert "Aller à quelle section ?" in "\n".join(lines)
    assert "1. L’atelier et le territoire" in "\n".join(lines)
    screen.send("feuille", ENTER)  # typing filters the sections
    lines = screen.wait_for("Section 6/6", "Commencer ▸")
    assert "Feuille de route" in "\n".join(lines)
    assert not any("Ctrl-B encore" in line for line in lines)
    # from a card reached going forward, Ctrl-B is one question back: the last of section 5
    screen.send(CTRL_B)
    lines = screen.wait_until(lambda lines: _in_section(lines, "5/6"))
    shown = "\n".join(lines)
    assert not any(w in shown for w in ("Commencer ▸", "Aller à quelle", "Relecture"))
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


def _in_section(lines: list[str], section: str) -> None:
    assert f"Section {section}" in lines[0], lines[0]
    assert any(line.startswith("›") for line in lines), "no prompt yet"


@pytest.mark.parametrize("size", SIZES)
def test_after_a_change_the_review_points_at_the_next_answer(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    screen = terminal("run", "qv.yaml", "--section", "partenaires", lang="fr", size=size)
    to_partners_review(screen)
    screen.wait_until(pointing("✓ Continuer"))
    screen.send("partenaires")  # the first row: the partners' list
    screen.wait_until(pointing("Partenaires et parties"))
    screen.send(ENTER)
    screen.wait_for("+ Ajouter un autre élément")
    screen.wait_until(pointing("✓ Continuer"))
    screen.send(ENTER)
    lines = screen.wait_for("Relecture : Cartographie des acteurs")
    screen.wait_until(pointing("Acteurs absents à associer"))  # the next row, not the same
    assert "Relecture" in "\n".join(lines)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


def without_sources(path: Path) -> None:
    """The file with no sources: every `sources` field of an item is skipped."""
    doc = AnswersFile.load(path)
    doc.answers.pop("sources", None)
    doc.answers.pop("population_sources", None)
    for value in doc.answers.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    item.pop("sources", None)
    doc.save()


@pytest.mark.parametrize("size", SIZES)
def test_a_question_skipped_for_want_of_items_is_said_once(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    without_sources(workdir / "qv.yaml")
    asked = "needs[N1].sources,needs[N2].sources,needs[N3].sources,population"
    screen = terminal("run", "qv.yaml", "--ask", asked, lang="fr", size=size)
    lines = screen.wait_for("Population du territoire", "• « Sources »", "(habitants)")
    said = [line for line in lines if "aucun élément dans « Sources et documents »" in line]
    assert len(said) == 1, "\n".join(lines)
    assert said[0].startswith("• « Sources » : aucun élément")
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize("size", SIZES)
def test_the_actions_table_names_who_leads(
    terminal: Start, tmp_path: Path, size: tuple[int, int]
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "val.yaml")
    screen = terminal("run", "val.yaml", "--ask", "actions", lang="fr", size=size)
    lines = screen.wait_for("Plan d’actions", "✓ Continuer", "A11")
    text = "\n".join(lines)
    titles = lines[next(i for i, line in enumerate(lines) if line.startswith("›"))]
    # the column's title whole (on one line or two), never « Porteurs de… »
    assert "Porteurs de l’action" in titles or "Porteurs de" in titles, text
    assert "Porteurs de…" not in text and "…" not in titles
    # names, not codes: « Association Val'Entraide », never « P6, P1 »
    a3 = next(line for line in lines if line.startswith("   A3 "))
    assert a3.rstrip().endswith("Association Val'Entraide"), a3
    if size == (100, 30):  # the names wrap anyway: the codes beside them cost no line
        assert "P6 · Association Val'Entraide" in a3
    assert not re.search(r"\bP\d+, P\d+", text)
    screen.send("entraide")  # typing a name finds the actions it leads
    screen.wait_until(pointing("A1"))
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize(
    ("size", "stop"),
    [
        pytest.param((100, 30), "ctrl-c", id="100x30-ctrl-c"),
        pytest.param((120, 40), "kill", id="120x40-kill"),
    ],
)
def test_a_half_typed_item_survives_and_is_offered_back(
    terminal: Start, workdir: Path, size: tuple[int, int], stop: str
) -> None:
    screen = terminal("run", "qv.yaml", "--ask", "needs", lang="fr", size=size)
    screen.wait_until(pointing("✓ Continuer"))
    screen.send(UP)
    screen.wait_until(pointing("+ Ajouter un autre élément"))
    screen.send(ENTER)
    screen.wait_for("Intitulé du besoin")
    screen.send("Un local pour les jeunes", ENTER)
    screen.wait_for("N21 · Un local pour les jeunes", "Domaine")
    if stop == "kill":
        screen.child.kill(signal.SIGKILL)
        screen.child.wait()
    else:
        screen.send(CTRL_C)
        assert finish(screen.child) == 130
    # not an item of the file: half typed
    needs = AnswersFile.load(workdir / "qv.yaml").plain()["needs"]
    assert len(needs) == 20 and "Un local pour les jeunes" not in str(needs)

    screen = terminal("run", "qv.yaml", lang="fr", size=size)
    screen.wait_for("Section 2/6", "Commencer ▸")  # the walk resumes where the room typed
    screen.send(ENTER)
    screen.wait_until(pointing("↻ Reprendre la saisie : Un local pour les jeunes"))
    screen.send(ENTER)
    lines = screen.wait_for("Le domaine principal", "Économique")  # where it stopped
    assert "Un local pour les jeunes" in lines[1], "\n".join(lines)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


def on_the_list(lines: list[str]) -> None:
    assert lines[2] == "Besoins du territoire", lines[2]  # not an item's screen
    assert any(line.lstrip().startswith("»") for line in lines), "no pointer"


@pytest.mark.parametrize("size", SIZES)
def test_a_count_agrees_with_its_unit_on_the_items_screen(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    doc = AnswersFile.load(workdir / "qv.yaml")
    for item, count in zip(doc.answers["needs"][:3], (0, 1, 3), strict=True):
        item["people_concerned"] = count
    doc.save()
    screen = terminal("run", "qv.yaml", "--ask", "needs", lang="fr", size=size)
    for need, said in (("N1", "0 personne"), ("N2", "1 personne"), ("N3", "3 personnes")):
        screen.wait_until(on_the_list)
        screen.send(need)
        screen.wait_until(pointing(need))
        screen.send(ENTER)
        lines = screen.wait_for("Quel champ modifier ?", "← Retour à la liste")
        row = next(line for line in lines if "Nombre de personnes" in line)
        assert row.rstrip().endswith(said), row
        screen.send("retour")
        screen.wait_until(pointing("← Retour à la liste"))
        screen.send(ENTER)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130
