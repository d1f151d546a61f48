"""Accessible roadmaps, checked as an auditor would: axe-core in Chromium on the HTML (WCAG 2.1
AA), the PDF's structure tree read like a screen reader, charts that say what they show.

The browser is Debian's Chromium (`make system-deps` installs it) driven by Playwright; axe-core
is the copy vendored in tests/axe/ (see its README for why and how to update it).
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, axe_violations, said, said_n
from pdftags import Node, structure

from coconstruct.report import export_templates, render

EXAMPLES = sorted(EXAMPLE.parent.glob("*.yaml"))


# --- the HTML, through axe-core ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_html_has_no_wcag_21_aa_violation(
    browser, tmp_path: Path, example: Path, lang: str
) -> None:
    answers = tmp_path / example.name
    shutil.copy(example, answers)
    html = tmp_path / "roadmap.html"
    html.write_bytes(render(answers, ["html"], lang=lang).documents["html"])
    assert axe_violations(browser, html.as_uri()) == []


@pytest.mark.slow
def test_exported_templates_pass_too(browser, tmp_path: Path) -> None:
    export_templates(tmp_path / "brand")
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    html = tmp_path / "roadmap.html"
    result = render(answers, ["html"], templates_dir=tmp_path / "brand")
    html.write_bytes(result.documents["html"])
    assert axe_violations(browser, html.as_uri()) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_portfolio_synthesis_has_no_wcag_21_aa_violation(
    browser, tmp_path: Path, lang: str
) -> None:
    from coconstruct import synthesis

    options = synthesis.Options(tmp_path / "out", ("html",), lang)
    summary = synthesis.run([str(e) for e in EXAMPLES], options)
    assert summary.exit_code == 0
    html = tmp_path / "out" / "synthesis.html"
    assert axe_violations(browser, html.as_uri()) == []
    # names and titles written in French are marked so in an English report
    text = html.read_text(encoding="utf-8")
    if lang == "en":
        assert '<th scope="row"><span lang="fr">Saint-Ivy-des-Landes' in text


def test_html_landmarks_skip_link_and_language(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    html = render(answers, ["html"], lang="en").documents["html"].decode()
    assert html.count('<html lang="en">') == 1
    assert re.search(r'<a class="skip-link" href="#main">Skip to the content</a>', html)
    assert '<main id="main">' in html and "<header>" in html and '<nav class="toc"' in html
    # the answers were written in French: a screen reader must read them in French
    assert '<p lang="fr">Le Val d&#39;Orbière regroupe' in html
    assert '<span lang="fr">Se déplacer sans voiture</span>' in html
    assert "Shared diagnosis" in html and '<span lang="fr">Shared' not in html


def test_inline_charts_speak(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    html = render(answers, ["html"]).documents["html"].decode()
    charts = re.findall(r"<svg [^>]*>\s*<title id=\"([^\"]+)\">([^<]+)</title><desc", html)
    assert len(charts) == 6
    for svg in re.findall(r"<svg [^>]*>", html):
        assert 'role="img"' in svg and "aria-labelledby" in svg
    titles = dict(charts)
    assert titles["chart-scissors-title"].startswith(
        "L’effet ciseau. Pression des besoins : 67 sur 100 aujourd’hui, 82 avec la tendance"
    )
    # the data behind each chart, as a table that the figure links to
    for name in ("scissors", "votes", "money", "stakeholders", "timeline"):
        assert f'href="#data-{name}"' in html and f'id="data-{name}"' in html


def test_markdown_images_have_their_figures_as_alt_text(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    md = render(answers, ["md"], lang="en").documents["md"].decode()
    alts = re.findall(r"!\[([^\]]+)\]\(val-d-orbiere_charts/(\w+)\.svg\)", md)
    assert [name for _, name in alts] == [
        "scissors",
        "votes",
        "stakeholders",
        "money",
        "results",
        "timeline",
    ]
    money = next(alt for alt, name in alts if name == "money")
    assert "public funding 70%" in money.lower()
    assert '<a name="data-money"></a>' in md
    votes = next(alt for alt, name in alts if name == "votes")
    assert votes.startswith("The room's dot vote. Vote of November 19, 2026: 38 voters, 190 dots")
    assert "N3 Rompre" in votes and "36 (19%)" in votes


# --- chart descriptions are true ---------------------------------------------------------------


def write_answers(folder: Path, body: str) -> Path:
    path = folder / "atelier.yaml"
    path.write_text(
        "questionnaire: territoire\nquestionnaire_version: 2\nlanguage: fr\nstatus: draft\n" + body,
        encoding="utf-8",
    )
    return path


def describe(answers: Path, lang: str = "fr") -> dict[str, object]:
    from coconstruct.report import document

    return document.prepare(answers, lang).chart_texts


def test_an_unknown_figure_is_said_unknown_never_zero(tmp_path: Path) -> None:
    answers = write_answers(
        tmp_path,
        "answers:\n  needs:\n"
        "    - {id: N1, title: Eau, domain: social, priority: 4, urgency: 5}\n"
        "    - {id: N2, title: Air, domain: economique}\n"
        "    - {id: N3, title: Sol, domain: social, priority: 3, urgency: 3}\n"
        "    - {id: N4, title: Feu, domain: environnemental, priority: 2, urgency: 2}\n"
        "  resources:\n    - {id: R1, title: Forêt, type: naturelle, availability: 2}\n"
        "    - {id: R2, title: Eau, type: naturelle, availability: 3}\n"
        "    - {id: R3, title: Gens, type: humaine, availability: 4}\n",
    )
    texts = describe(answers)
    alt = texts["scissors"].alt
    # N2 has no priority nor urgency: the economic domain's pressure is unknown
    unknown = said("unknown")
    assert f"économique {unknown}" in alt.lower()
    assert "économique 0" not in alt.lower()
    # the mean says on how many needs
    assert f"({said_n('from {n} of {of} needs', 'from {n} of {of} needs', 3, of=4)})" in alt
    # no trend given: no projection, rather than a made-up flat line
    assert said("too few trends stated") in alt
    assert said("{value} with the stated trend", value="").strip() not in alt
    rows = {row[0]: row for row in texts["scissors"].rows}
    assert rows[said("Pressure of needs: {name}", name="Économique")][2] == unknown


def test_charts_in_words_follow_the_language(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    english = describe(answers, "en")
    # a 2026 workshop on the 2027 budget: not « today »
    assert english["money"].alt.startswith("Money by family. Budget 2027: public funding 70%")
    assert "Shares of the 10 lines whose amount is known, of 11." in english["money"].alt
    assert "Manage closely: P1" in english["stakeholders"].alt
    assert english["timeline"].alt.startswith("Calendar of 11 actions with a start: A3 Oct 2026")
    columns = ("Partner", "Power", "Interest", "Attitude", "Quadrant")
    assert english["stakeholders"].columns == columns


# --- the PDF, as a screen reader reads it ------------------------------------------------------


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Node]:
    folder = tmp_path_factory.mktemp("tagged")
    answers = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    pdf = folder / "roadmap.pdf"
    pdf.write_bytes(render(answers, ["pdf"]).documents["pdf"])
    return pdf, structure(pdf)


@pytest.mark.slow
def test_pdf_is_tagged_with_language_and_title(tagged: tuple[Path, Node]) -> None:
    import pikepdf

    path, _ = tagged
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "fr"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title).startswith("Val d'Orbière 2030")
        assert "/StructTreeRoot" in pdf.Root
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"


@pytest.mark.slow
def test_pdf_figures_have_their_text_alternative(tagged: tuple[Path, Node]) -> None:
    _, root = tagged
    figures = [node for node in root.walk() if node.role == "Figure"]
    assert len(figures) == 6
    alts = [figure.alt or "" for figure in figures]
    assert alts[0].startswith("L’effet ciseau. Pression des besoins : 67 sur 100 aujourd’hui")
    assert all("en annexe" in alt for alt in alts)  # where its data table is


@pytest.mark.slow
def test_pdf_headings_go_down_one_level_at_a_time(tagged: tuple[Path, Node]) -> None:
    _, root = tagged
    levels = [int(n.role[1]) for n in root.walk() if re.fullmatch(r"H[1-6]", n.role)]
    assert levels[:3] == [1, 2, 3]  # cover title, contents, how to read
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == []
    # no heading inside a heading (a title split into blocks would read twice)
    for node in root.walk():
        if re.fullmatch(r"H[1-6]", node.role):
            assert not [k for k in node.walk()[1:] if re.fullmatch(r"H[1-6]", k.role)]


@pytest.mark.slow
def test_pdf_tables_have_header_cells_and_lists_are_lists(tagged: tuple[Path, Node]) -> None:
    _, root = tagged
    tables = [node for node in root.walk() if node.role == "Table"]
    assert len(tables) > 20
    headless = [t.text()[:60] for t in tables if not any(k.role == "TH" for k in t.walk())]
    assert headless == []
    lists = [node for node in root.walk() if node.role == "L"]
    assert lists and all(any(k.role == "LI" for k in lst.walk()) for lst in lists)


@pytest.mark.slow
def test_pdf_reading_order(tagged: tuple[Path, Node]) -> None:
    _, root = tagged
    text = " ".join(t.strip() for t in root.reading() if t.strip())
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    order = [
        "FEUILLE DE ROUTE DE CO-CONSTRUCTION TERRITORIALE",  # the cover, top to bottom
        "Val d'Orbière 2030",
        "ANIMATION",
        "budget du plan d’actions",
        "Sommaire",
        "01 L’essentiel 3",  # a contents line reads number, title, page: no dotted leader
        "Messages clés",
        "Fragilités",  # two columns: the left one, then the right one
        "Atouts",
        "Les ressources du territoire",
        "Les données des graphiques",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions)
    # the key-figure cards, each figure then its label, left to right
    cards = text[text.find("L’essentiel Cette feuille") :]
    assert re.search(r"12 besoins identifiés.*\+14 écart du ciseau.*12 partenaires", cards)
    assert ". . ." not in text  # decorations (leaders, rules, swatches) are artifacts
    assert "Page 3 sur" not in text  # running headers and footers too
