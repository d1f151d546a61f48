"""Two more sites documented from sources, as a consultant enters them (issue 22): a citizen
energy cooperative and its third place, known from the press (French), and a zero long-term
unemployment territory followed from its annual reports (English). What a reader of their
roadmaps sees: figures with their dates and sources, nothing a source does not say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import pdf_text
from test_report_partial import documents
from test_sites import WORKSHOP_WORDS

SITES = Path(__file__).parent / "data" / "sites"
SOLEIL = SITES / "soleil-de-la-vere.yaml"
FERRIERES = SITES / "ferrieres-plateau.yaml"


def plain(md: str) -> str:
    """The Markdown's brackets as a reader sees them."""
    return md.replace("\\[", "[").replace("\\]", "]")


@pytest.fixture(scope="module")
def soleil() -> tuple[str, str]:
    md, html = documents(SOLEIL, "fr")
    return plain(md), html


@pytest.fixture(scope="module")
def ferrieres() -> tuple[str, str]:
    md, html = documents(FERRIERES, "en")
    return plain(md), html


@pytest.mark.parametrize("site", [SOLEIL, FERRIERES], ids=lambda p: p.stem)
def test_a_documented_site_is_marked_final_with_no_invented_date(
    tmp_path: Path, cli, site: Path
) -> None:
    path = tmp_path / site.name
    shutil.copy(site, path)
    done = cli("set", path, "--status", "final")
    assert done.code == 0, done.err
    assert "workshop_date" not in path.read_text(encoding="utf-8")


def test_the_press_site_says_what_the_articles_say(soleil: tuple[str, str]) -> None:
    md, html = soleil
    for text in (md, html):
        for words in WORKSHOP_WORDS["fr"]:
            assert words not in text, words
    # two articles disagree on the members at the end of 2024: both figures, each with its source
    assert "déc. 2024, les sources divergent : ≈ 400 sociétaires [5], 380 sociétaires [4]" in md
    assert "Les sources divergent sur Ind1 · Sociétaires de la coopérative en déc. 2024" in md
    # the year-by-year table: every figure with its sources and its date
    years = md.split("### Les mesures année par année", 1)[1].split("###")[0]
    assert "| | Indicateur | 2019 | 2022 | 2024 |" in years
    assert "≈ 120 sociétaires [1]<br>_oct. 2019_" in years
    assert "au moins 300 sociétaires [2]<br>_juin 2022_" in years
    # a grant a source gives with no year, no amount: named, in no year's plan
    row = next(line for line in md.splitlines() if line.startswith("| F3 |"))
    assert "montant non connu" in row and row.endswith("| année non connue |")
    plan = md.split("### Plan de financement", 1)[1].split("###")[0]
    assert "LEADER" not in plan
    # buildings and roofs are material resources, the EU programme an EU funder
    assert "| Ressource matérielle | 2 |" in md  # the roofs and the barn, by type
    assert "Union européenne" in md
    # one line of money is no model: no « 100 % of the money from earned income »
    assert "apportent ≈ 100 % de l’argent" not in md
    assert "Activité permanente" in md  # the third place runs on, no planned end


def test_the_annual_reports_site_leads_with_its_results(ferrieres: tuple[str, str]) -> None:
    md, html = ferrieres
    for text in (md, html):
        for words in WORKSHOP_WORDS["en"]:
            assert words not in text, words
    glance = md.split("## 01", 1)[1].split("## 02", 1)[0]
    assert "| **71 people** | People employed by the EBE — _Dec 2023, source [4]_ |" in glance
    # the State's contribution known as a rule: an estimate with its rule
    assert "≈ €1,278,000 (€18,000 × 71 jobs)" in md
    # an EU line with no year: out of the 2023 plan, said « year not known »
    row = next(line for line in md.splitlines() if line.startswith("| F3 |"))
    assert row.endswith("| year not known |")
    # a figure known only undated: apart, never on the chart's axis
    assert "| Mes6 | Ind2 · People still waiting for a job | ≈ 20 people [5] |" in md
    # each year's latest measure, with its sources: Dec 2023 (report), not Nov 2023 (press)
    years = md.split("### Measures year by year", 1)[1].split("###")[0]
    row = next(line for line in years.splitlines() if line.startswith("| Ind1 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2:] == [
        "38 people [2]<br>_Dec 2017_",
        "52 people [2]<br>_Dec 2018_",
        "63 people [3]<br>_Dec 2020_",
        "71 people [4]<br>_Dec 2023_",
    ]
    # the data annex gives every measure its sources, the press figure included
    annex = md.split('<a name="data-results"></a>', 1)[1]
    assert "| Nov 2023 | ≈ 75 people | [5] |" in annex
    # a finished campaign is no open point
    points = md.split("### Open items", 1)[1].split("###")[0]
    assert "A2" not in points
    assert re.search(r"headcount\)? \| 71", md)


@pytest.mark.slow  # one PDF (weasyprint): what the printed cover and tables show
def test_the_press_site_in_pdf_keeps_its_figures_apart(tmp_path: Path, cli) -> None:
    done = cli("render", SOLEIL, "-f", "pdf", "-o", tmp_path)
    assert done.code == 0, done.err
    text = re.sub(r"\s+", " ", pdf_text(tmp_path / "soleil-de-la-vere.pdf"))
    assert "Les mesures année par année" in text
    assert "Le territoire et les sources" in text
    assert "L’atelier et le territoire" not in text


def test_a_unit_typed_in_english_agrees_as_english_in_a_french_roadmap() -> None:
    """Ferrières' answers are in English: its « people » stays « people » in French, never
    « peoples » (a free-text unit agrees in the language it was typed in)."""
    md, html = documents(FERRIERES, "fr")
    assert "38 people" in md and "peoples" not in md + html
