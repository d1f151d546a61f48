"""`synthesis`: a portfolio of territories in one report, read back as its reader reads it: the
Markdown and HTML text, the workbook through openpyxl, the PDF's text, the Word document."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, EXAMPLE, HOSTILE, SAINT_IVY, Result, pdf_text, render_once, run_main
from openpyxl import load_workbook

from coconstruct.model.answers_file import AnswersFile

VAL = "Communauté de communes du Val d'Orbière"
IVY = "Saint-Ivy-des-Landes et Kermorvan-sur-Oust"
SHEETS = [
    "territories",
    "needs_by_domain",
    "similar_needs",
    "needs",
    "actor_types",
    "funders",
    "funding_mixes",
    "alliance_forms",
    "files_read",
    "files_left_out",
]


def territory(folder: Path, stem: str, name: str, source: Path = EXAMPLE, **edits: Any) -> Path:
    """A copy of an example as another territory: its name (and no official code: the
    example's is another territory's), and answers changed by path (`needs.0.title`), as a
    consultant's portfolio holds them."""
    path = folder / f"{stem}.yaml"
    shutil.copy(source, path)
    doc = AnswersFile.load(path)
    doc.answers["territory_name"] = name
    doc.answers.pop("territory_code", None)
    for where, value in edits.items():
        *keys, last = where.split(".")
        holder: Any = doc.answers
        for key in keys:
            holder = holder[int(key)] if key.isdigit() else holder[key]
        if value is None:
            del holder[int(last) if last.isdigit() else last]
        else:
            holder[int(last) if last.isdigit() else last] = value
    doc.save()
    return path


def make_portfolio(folder: Path) -> Path:
    """Both bundled examples and three territories made from them, each naming the first need
    of Val d'Orbière (« Se déplacer sans voiture ») in its own words."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, folder / "val-d-orbiere.yaml")
    shutil.copy(SAINT_IVY, folder / "saint-ivy-kermorvan.yaml")
    territory(
        folder,
        "pays-de-lorm",
        "Pays de Lorm",
        **{
            "needs.0.title": "Se déplacer pour aller travailler sans voiture",
            "funding.0.funder": "Conseil départemental du Lorm",
        },
    )
    territory(
        folder,
        "haute-vallee",
        "Haute-Vallée du Sorn",
        **{"needs.0.title": "se déplacer SANS voiture !", "needs.1.title": "Un tiers-lieu"},
    )
    territory(folder, "causse", "Causse de Mirande", SAINT_IVY)
    return folder


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def section(md: str, heading: str) -> str:
    """The Markdown from a heading (`### Title`) to the next one of the same level or above."""
    start = md.index(heading + "\n")
    level = len(heading) - len(heading.lstrip("#"))
    end = re.search(rf"\n#{{1,{level}}} ", md[start + len(heading) :])
    return md[start : start + len(heading) + end.start()] if end else md[start:]


def plain(text: str) -> str:
    """Spaces normalised (French numbers use no-break spaces)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def read(path: Path) -> str:
    return plain(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def portfolio_fr(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The portfolio synthesised in French into md, html, docx and xlsx (no PDF: seconds)."""

    def make(folder: Path) -> dict[str, Any]:
        make_portfolio(folder / "answers")
        out = folder / "out"
        result = run_main(
            "synthesis", folder / "answers", "-o", out, "-f", "md,html,docx,xlsx", "--lang", "fr"
        )
        return dataclasses.asdict(result)

    folder, result = render_once(tmp_path_factory, "synthesis-fr", make)
    return folder / "out", Result(**result)


# --- what a run says ------------------------------------------------------------------------


def test_a_portfolio_becomes_one_report_and_one_workbook(
    portfolio_fr: tuple[Path, Result],
) -> None:
    out, result = portfolio_fr
    assert result.code == 0, result.err
    assert result.out.startswith("Synthesis of 5 answers files (")
    for name in ("synthesis.md", "synthesis.html", "synthesis.docx", "synthesis.xlsx"):
        assert f"{out / name}  (" in result.out
    assert "1 chart in" in result.out
    assert (out / "synthesis_charts" / "mixes1.svg").is_file()
    assert result.err == ""


def test_one_row_per_territory_with_its_key_figures(portfolio_fr: tuple[Path, Result]) -> None:
    out, _ = portfolio_fr
    md = read(out / "synthesis.md")
    needs = section(md, "### Besoins et acteurs")
    money = section(md, "### Financements et plan d’actions")
    header = "| Territoire | Atelier | Besoins | Économique | Social | Environnemental | Sociétal |"
    assert header in needs
    # by name; each row the figures of its roadmap (the example's: gap +14, 12 partners…)
    rows = [line for line in needs.splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split(" | ")[0][2:] for r in rows[1:]] == [
        "Causse de Mirande",
        VAL,
        "Haute-Vallée du Sorn",
        "Pays de Lorm",
        IVY,
    ]
    # a cell's second line (the file's status, the money's year) as in the HTML: <br>
    assert f"| {VAL} | 19 nov. 2026<br>final | 12 | 2 | 4 | 3 | 3 | +14 | 12 | 9 |" in needs
    assert f"| {IVY} | juin 2024<br>final | 5 | 1 | 1 | 1 | 2 | – | 6 | 4 |" in needs
    assert f"| {VAL} | ≥ 1,3 M€<br>2027 | 0,68 | 70 % | – | 11 | 83 % | 3,3 M€ |" in money, money
    assert f"| {IVY} | ≥ 200 k€<br>2018 | – | – | – | 6 | 80 % | ≈ 68 k€ ou plus |" in money


def test_a_figure_the_data_cannot_carry_is_a_dash_with_its_reason(
    portfolio_fr: tuple[Path, Result],
) -> None:
    out, _ = portfolio_fr
    md = read(out / "synthesis.md")
    why = section(md, "### Pourquoi un chiffre n’est pas donné")
    ivy = why[why.index(f"**{IVY}**") :]
    assert (
        "  - écart du ciseau : données insuffisantes : priorité et urgence connues pour 0 des 5 "
        "besoins, disponibilité connue pour 1 des 3 ressources"
    ) in ivy
    assert (
        "  - hybridation, part publique : trop peu de montants connus : 1 ligne sur 4 en a un"
        in ivy
    )
    # the largest funder of Val d'Orbière: one amount is not published, so no share at all
    val = why[why.index(f"**{VAL}**") :]
    assert "premier financeur : montant non connu pour Agence régionale de santé" in val
    # the workbook says the same in the cell, never 0
    rows = {r["Territoire"]: r for r in sheet_rows(out / "synthesis.xlsx", "territories")}
    ivy_row = rows[IVY]
    assert ivy_row["Hybridation (0 à 1)"] == "– trop peu de montants connus : 1 ligne sur 4 en a un"
    assert ivy_row["Part publique"].startswith("– trop peu de montants connus")
    assert ivy_row["Écart du ciseau (points)"].startswith("– données insuffisantes")
    assert plain(ivy_row["Budget du plan d’actions"]) == "≈ 67 500 € ou plus"
    val_row = rows[VAL]
    assert val_row["Écart du ciseau (points)"] == pytest.approx(14.39, abs=0.01)
    assert val_row["Part publique"] == pytest.approx(0.7008, abs=1e-4)  # 70 %, a percentage
    assert val_row["Budget du plan d’actions"] == 3_292_000
    assert val_row["Fichier"].endswith("val-d-orbiere.yaml")


def test_figures_across_territories_say_on_how_many_they_rest(
    portfolio_fr: tuple[Path, Result],
) -> None:
    out, _ = portfolio_fr
    md = read(out / "synthesis.md")
    glance = section(md, "## 01 · L’essentiel")
    assert "| **5** | territoires — _5 au statut final, 0 en brouillon_ |" in glance
    assert "| **46** | besoins identifiés — _dans 5 territoires sur 5_ |" in glance
    # 3 territories of 5 give a gap: enough for a median, with the range
    assert (
        "| **+14** | écart du ciseau en points : médiane des territoires — "
        "_3 territoires sur 5 le donnent ; de +14 à +14_ |"
    ) in glance
    # no territory gives the share of its largest funder: no median, and why
    assert (
        "| **–** | de l’argent extérieur vient du premier financeur : médiane — "
        "_aucun territoire ne le donne_ |"
    ) in glance
    domains = section(md, "### Par domaine")
    assert "| Sociétal | 5 sur 5 | 13 |" in domains
    actors = section(md, "### Types d’acteurs")
    assert "Des partenaires sont saisis dans 5 territoires sur 5." in actors
    assert "| Entreprise à but d’emploi (EBE) | 2 sur 5 | 2 |" in actors
    forms = section(md, "## 06 · Les actions par forme d’alliance")
    assert "Des actions sont saisies dans 5 territoires sur 5 ; " in forms
    assert "| Innovation sociétale | 5 sur 5 | 20 |" in forms


def test_alike_need_titles_are_one_recurring_need(portfolio_fr: tuple[Path, Result]) -> None:
    out, _ = portfolio_fr
    md = read(out / "synthesis.md")
    alike = section(md, "### Des besoins proches d’un territoire à l’autre")
    # named by the wording most territories use (Saint-Ivy's, and Causse de Mirande's copy)
    row = next(line for line in alike.splitlines() if "voiture" in line)
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[0] == "Se déplacer pour travailler sans voiture"
    assert cells[1] == "5 sur 5"
    assert cells[2] == "Sociétal (5)"
    assert "Se déplacer sans voiture (Communauté de communes du Val d'Orbière)" in cells[3]
    assert "Se déplacer pour aller travailler sans voiture (Pays de Lorm)" in cells[3]
    assert "se déplacer SANS voiture ! (Haute-Vallée du Sorn)" in cells[3]
    assert f"Se déplacer pour travailler sans voiture (Causse de Mirande, {IVY})" in cells[3]
    # a need of one territory only is not recurring
    assert "Un tiers-lieu" not in alike
    # the workbook puts every need in its group
    needs = sheet_rows(out / "synthesis.xlsx", "needs")
    groups = {(r["Territoire"], r["Besoin"]): r["Groupe"] for r in needs}
    assert len({groups[(t, n)] for t, n in groups if "voiture" in n.lower()}) == 1
    assert groups[("Haute-Vallée du Sorn", "Un tiers-lieu")] != groups[(VAL, VAL_NEED_2)]
    similar = {r["Besoin"]: r for r in sheet_rows(out / "synthesis.xlsx", "similar_needs")}
    assert similar["Se déplacer pour travailler sans voiture"]["Territoires"] == 5
    assert similar["Se déplacer pour travailler sans voiture"]["Sur"] == 5
    assert similar["Un tiers-lieu"]["Territoires"] == 1


VAL_NEED_2 = "Loger les jeunes actifs et les apprentis"


def test_recurring_funders_and_funding_mixes_side_by_side(
    portfolio_fr: tuple[Path, Result],
) -> None:
    out, _ = portfolio_fr
    md = read(out / "synthesis.md")
    funders = section(md, "### Les financeurs extérieurs")
    assert "5 territoires sur 5 citent un financeur ; les revenus d’activité" in funders
    # « Conseil départemental » and « … du Lorm » are one funder, written two ways
    row = next(line for line in funders.splitlines() if line.startswith("| Conseil départemental"))
    assert "| 3 sur 5 | Financements publics (3) |" in row
    assert "Conseil départemental du Lorm (Pays de Lorm)" in row
    assert "Atelier des Landes" not in funders  # earned income is no funder
    mixes = section(md, "## 05 · Les mix de financement côte à côte")
    assert "![Les mix de financement côte à côte : les financements de chaque territoire" in mixes
    assert "(synthesis_charts/mixes1.svg)" in mixes
    assert f"- **{IVY}** — trop peu de montants connus : 1 ligne sur 4 en a un" in mixes
    rows = {r["Territoire"]: r for r in sheet_rows(out / "synthesis.xlsx", "funding_mixes")}
    assert rows[VAL]["Financements publics"] == pytest.approx(0.7008, abs=1e-4)
    assert rows[VAL]["Année des financements"] == 2027
    assert rows[IVY]["Financements publics"] == "–"
    assert rows[IVY]["Pourquoi les parts ne sont pas données"].startswith("trop peu")
    svg = (out / "synthesis_charts" / "mixes1.svg").read_text(encoding="utf-8")
    assert "Pays de Lorm" in svg and IVY not in svg


def test_the_workbook_has_a_sheet_per_table(portfolio_fr: tuple[Path, Result]) -> None:
    out, _ = portfolio_fr
    workbook = load_workbook(out / "synthesis.xlsx")
    assert workbook.sheetnames == SHEETS
    territories = workbook["territories"]
    assert territories.freeze_panes == "B2"
    assert territories["A1"].font.bold
    assert len(sheet_rows(out / "synthesis.xlsx", "territories")) == 5
    assert sheet_rows(out / "synthesis.xlsx", "files_left_out") == []


def test_html_is_accessible_by_structure(portfolio_fr: tuple[Path, Result]) -> None:
    out, _ = portfolio_fr
    html = (out / "synthesis.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert levels[:2] == [1, 2]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    # every table has header cells; the territories are row headers
    assert html.count("<table") == html.count("<thead>")
    assert f'<th scope="row">{VAL.replace(chr(39), "&#39;")}</th>' in html
    # the chart speaks, and its data is a table in the annex
    assert 'aria-labelledby="chart-mixes1-title"' in html
    assert 'id="data-mixes1"' in html


def test_word_document_has_the_report(portfolio_fr: tuple[Path, Result]) -> None:
    import docx

    out, _ = portfolio_fr
    document = docx.Document(str(out / "synthesis.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "01 · L’essentiel" in headings
    assert "05 · Les mix de financement côte à côte" in headings
    assert len(document.tables) >= 8
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Pays de Lorm" in cells and IVY in cells
    assert document.core_properties.title == "Synthèse du portefeuille"
    assert document.core_properties.subject == "5 territoires"
    assert len(document.inline_shapes) == 1  # the chart, as a picture


# --- files left out, older versions, languages ------------------------------------------------


def test_invalid_files_are_left_out_and_named_and_the_rest_is_synthesised(
    cli, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "val-d-orbiere.yaml")
    territory(folder, "haute-vallee", "Haute-Vallée", **{"needs.0.priority": 9})
    (folder / "cassé.yaml").write_text(
        "questionnaire: territoire\nanswers:\n  population: [\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = cli(
        "synthesis", folder, tmp_path / "absent.yaml", "-o", out, "-f", "md,xlsx", "--lang", "fr"
    )
    assert result.code == 3
    assert "Synthesis of 1 answers file (" in result.out
    err = result.err.splitlines()
    assert f"✗ {tmp_path / 'absent.yaml'}: no such file or folder" in err
    assert any(
        line.startswith(f"✗ {folder / 'haute-vallee.yaml'}:")
        and "needs[N1].priority: « 9 » n'est pas un choix possible" in line
        for line in err
    ), result.err
    assert any(line.startswith(f"✗ {folder / 'cassé.yaml'}:4:1: ") for line in err), result.err
    assert "  Hint: see every problem with: coconstruct validate" in result.err
    assert err[-1] == "3 files left out (see above)"
    md = read(out / "synthesis.md")
    files = section(md, "### Fichiers")
    assert "3 fichiers sont laissés de côté" in files
    assert f"| {folder / 'cassé.yaml'}:4:1: " in files.replace("\\", "")
    left_out = sheet_rows(out / "synthesis.xlsx", "files_left_out")
    assert [Path(r["Fichier"]).name for r in left_out] == [
        "absent.yaml",
        "cassé.yaml",
        "haute-vallee.yaml",
    ]


def test_hostile_files_are_left_out_with_their_first_error(cli, tmp_path: Path) -> None:
    """Broken or malicious YAML (tags, anchors, alias bombs…) never stops the synthesis."""
    from test_hostile_answers import HOSTILE as FILES

    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "val.yaml")
    for name, (content, _) in FILES.items():
        (folder / f"{name}.yaml").write_bytes(content)
    result = cli("synthesis", *sorted(folder.iterdir()), "-o", tmp_path / "out", "-f", "md")
    assert result.code == 3
    assert "Synthesis of 1 answers file (" in result.out
    for name, (_, expected) in FILES.items():
        assert f"✗ {folder / name}.yaml:{expected}" in result.err, name
    assert "Traceback" not in result.err + result.out


def test_nothing_readable_writes_nothing(cli, tmp_path: Path) -> None:
    broken = tmp_path / "cassé.yaml"
    broken.write_text("questionnaire: territoire\nanswers: [\n", encoding="utf-8")
    result = cli("synthesis", broken, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.err.splitlines()[-1] == "Nothing written: no answers file could be read."
    assert not (tmp_path / "out").exists()


def test_an_older_version_is_read_through_its_migrations(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        "synthesis",
        DATA / "val-d-orbiere-v1.yaml",
        SAINT_IVY,
        "-o",
        out,
        "-f",
        "md,xlsx",
        "-l",
        "fr",
    )
    assert result.code == 0, result.err
    md = read(out / "synthesis.md")
    assert (
        "1 a été écrit pour une version antérieure de son questionnaire et est lu à travers ses "
        "migrations." in md
    )
    rows = {r["Territoire"]: r for r in sheet_rows(out / "synthesis.xlsx", "territories")}
    assert rows[VAL]["Version du questionnaire"] == 1
    assert rows[IVY]["Version du questionnaire"] == 2
    # read as render reads it: v1's single lead became v2's list of leads, and so on
    assert rows[VAL]["Actions"] == 11


def test_english_report_and_messages(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("synthesis", EXAMPLE, SAINT_IVY, "-o", out, "-f", "md,xlsx", "--lang", "en")
    assert result.code == 0, result.err
    md = read(out / "synthesis.md")
    assert md.startswith(
        "# Portfolio synthesis\n\n**2 territories** · Territorial co-construction · workshops from "
        "Jun 2024"
    )
    assert "## 03 · Recurring needs" in md
    assert "| **–** | scissor gap in points: median of the territories — _not enough data: " in md
    assert "  - hybridisation, public share: not enough known amounts: 1 line of 4 has one" in md
    assert load_workbook(out / "synthesis.xlsx")["territories"]["A1"].value == "Territory"
    french = cli("synthesis", EXAMPLE, "-o", tmp_path / "fr", "-f", "md", "--lang", "fr")
    assert "# Synthèse du portefeuille" in (tmp_path / "fr" / "synthesis.md").read_text()
    assert french.out.startswith("Synthesis of 1 answers file")  # the tool speaks English here


def test_many_files_are_read_by_workers_as_they_are_in_one_process(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coconstruct import synthesis
    from coconstruct.batch import reading

    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    folder = make_portfolio(tmp_path / "answers")
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("synthesis", folder, "-o", one, "-f", "md,xlsx", "-j", "1").code == 0
    monkeypatch.setattr(synthesis, "_context", {})  # set where files are read: not here
    assert cli("synthesis", folder, "-o", two, "-f", "md,xlsx", "-j", "2").code == 0
    assert synthesis._context == {}, "the workers did not read the files: the main process did"
    assert (one / "synthesis.md").read_text() == (two / "synthesis.md").read_text()
    for sheet in SHEETS:
        assert sheet_rows(one / "synthesis.xlsx", sheet) == sheet_rows(
            two / "synthesis.xlsx", sheet
        )


def test_similarity_and_formats_are_checked(cli, tmp_path: Path) -> None:
    result = cli("synthesis", EXAMPLE, "-o", tmp_path, "-f", "md,odp")
    assert result.code == 2
    assert "unknown format odp: choose among md, html, pdf, docx, odt, xlsx" in result.err
    result = cli("synthesis", EXAMPLE, "-o", tmp_path, "--similarity", "150")
    assert result.code == 2


def test_a_stricter_similarity_groups_fewer_titles(cli, tmp_path: Path) -> None:
    folder = make_portfolio(tmp_path / "answers")
    out = tmp_path / "out"
    assert (
        cli("synthesis", folder, "-o", out, "-f", "md", "--similarity", "95", "-l", "fr").code == 0
    )
    md = read(out / "synthesis.md")
    alike = section(md, "### Des besoins proches d’un territoire à l’autre")
    # Val d'Orbière and Haute-Vallée write it with the same words; Saint-Ivy's words are more
    row = next(line for line in alike.splitlines() if line.startswith("| Se déplacer sans voiture"))
    assert "| 2 sur 5 |" in row
    assert "Pays de Lorm" not in row and "Causse" not in row
    assert "leur similarité atteint 95 sur 100" in md


def test_templates_are_overridden_by_name(cli, tmp_path: Path) -> None:
    brand = tmp_path / "charte"
    assert cli("templates", "export", brand).code == 0
    for name in ("synthesis.md.j2", "synthesis.html.j2", "synthesis.css", "synthesis/money.j2"):
        assert (brand / name).is_file(), name
    css = brand / "synthesis.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* Cabinet Dupont */\n", encoding="utf-8")
    summary = brand / "synthesis" / "summary.j2"
    summary.write_text(
        summary.read_text(encoding="utf-8").replace(
            '<div class="figures">',
            "<p>{{ _('Portfolio synthesis') }} · Dupont</p>\n<div class=\"figures\">",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("synthesis", EXAMPLE, "-o", out, "-f", "html", "--templates", brand, "-l", "fr")
    assert result.code == 0, result.err
    html = (out / "synthesis.html").read_text(encoding="utf-8")
    assert "/* Cabinet Dupont */" in html
    assert "<p>Synthèse du portefeuille · Dupont</p>" in html


def test_a_template_that_reads_outside_the_sandbox_fails_cleanly(cli, tmp_path: Path) -> None:
    brand = tmp_path / "charte"
    (brand / "synthesis").mkdir(parents=True)
    (brand / "synthesis" / "actions.j2").write_text(
        "{{ portfolio.__class__.__mro__ }}", encoding="utf-8"
    )
    result = cli(
        "synthesis", EXAMPLE, "-o", tmp_path / "out", "-f", "md,html", "--templates", brand
    )
    assert result.code == 1
    assert "synthesis/actions.j2:1:" in result.err
    assert "Traceback" not in result.err


# --- hostile answers: text in every format --------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","clic")'


@pytest.fixture(scope="module")
def hostile_synthesis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthesis-hostile")
    answers = folder / "answers"
    answers.mkdir()
    territory(
        answers,
        "hostile",
        HOSTILE["territory_name"],
        **{
            "needs.0.title": "| cell | **bold** `code` <b>b</b>",
            "needs.1.title": FORMULA,
            "funding.0.funder": "{{ 7*7 }} <img src=x onerror=alert(1)>",
        },
    )
    territory(
        answers,
        "hostile-2",
        "@SUM(1+1) [link](javascript:alert(1))",
        **{
            "needs.0.title": "| cell | **bold** `code` <b>b</b>",
            "needs.1.title": FORMULA,
            "funding.0.funder": "{{ 7*7 }} <img src=x onerror=alert(1)>",
        },
    )
    result = run_main("synthesis", answers, "-o", folder, "-f", "md,html,docx,xlsx", "--lang", "en")
    assert result.code == 0, result.err
    return folder


def test_hostile_answers_stay_text_in_markdown_and_html(hostile_synthesis: Path) -> None:
    md = read(hostile_synthesis / "synthesis.md")
    assert "\\<script\\>alert(1)\\</script\\> & \\*\\*Val\\*\\*" in md
    assert "\\| cell \\| \\*\\*bold\\*\\* \\`code\\` \\<b\\>b\\</b\\>" in md
    # no markup but our own anchors: every < of an answer is escaped
    assert re.findall(r"(?<!\\)<(?!a name=\"data-|/a>|br>)", md) == []
    assert "{{ 7\\*7 }}" in md and "49" not in md.split("## 07")[0]
    html = (hostile_synthesis / "synthesis.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; **Val**" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html


def test_hostile_answers_stay_text_in_the_workbook(hostile_synthesis: Path) -> None:
    path = hostile_synthesis / "synthesis.xlsx"
    rows = sheet_rows(path, "territories")
    assert {r["Territory"] for r in rows} == {
        "<script>alert(1)</script> & **Val**",
        "@SUM(1+1) [link](javascript:alert(1))",
    }
    needs = sheet_rows(path, "needs")
    assert FORMULA in {r["Need"] for r in needs}
    # no formula anywhere: text a spreadsheet would run is a quote-prefixed text cell
    workbook = load_workbook(path)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
    with zipfile.ZipFile(path) as package:
        sheets = "".join(
            package.read(n).decode() for n in package.namelist() if n.startswith("xl/worksheets")
        )
    assert "<f>" not in sheets


def test_hostile_answers_stay_text_in_word(hostile_synthesis: Path) -> None:
    import docx

    document = docx.Document(str(hostile_synthesis / "synthesis.docx"))
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    text += "\n".join(p.text for p in document.paragraphs)
    for typed in (
        "<script>alert(1)</script> & **Val**",
        "| cell | **bold** `code` <b>b</b>",
        "{{ 7*7 }} <img src=x onerror=alert(1)>",
        "@SUM(1+1) [link](javascript:alert(1))",
        FORMULA,
    ):
        assert typed in text, typed
    with zipfile.ZipFile(hostile_synthesis / "synthesis.docx") as package:
        for name in package.namelist():
            if name.endswith(".rels"):
                assert "External" not in package.read(name).decode(), name


@pytest.mark.slow
def test_hostile_answers_stay_text_in_the_pdf(hostile_synthesis: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_main(
        "synthesis", hostile_synthesis / "answers", "-o", out, "-f", "pdf", "-l", "en"
    )
    assert result.code == 0, result.err
    text = pdf_text(out / "synthesis.pdf")
    for typed in (
        "<script>alert(1)</script> & **Val**",
        "| cell | **bold** `code` <b>b</b>",
        "{{ 7*7 }} <img src=x onerror=alert(1)>",
        FORMULA,
    ):
        assert typed in text, typed


# --- the PDF ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pdf_says_the_report_and_is_tagged(tmp_path: Path) -> None:
    from pdftags import structure

    folder = make_portfolio(tmp_path / "answers")
    out = tmp_path / "out"
    result = run_main("synthesis", folder, "-o", out, "-f", "pdf", "--lang", "fr")
    assert result.code == 0, result.err
    pdf = out / "synthesis.pdf"
    text = pdf_text(pdf)
    for said in (
        "Synthèse du portefeuille",
        "5 territoires",
        "Pays de Lorm",
        IVY,
        "Pourquoi un chiffre n’est pas donné",
        "Se déplacer pour aller travailler sans voiture",
        "Les données des graphiques",
    ):
        assert said in text, said
    root = structure(pdf)
    figures = [node for node in root.walk() if node.role == "Figure"]
    assert len(figures) == 1
    assert (figures[0].alt or "").startswith("Les mix de financement côte à côte : ")
    levels = [int(n.role[1]) for n in root.walk() if re.fullmatch(r"H[1-6]", n.role)]
    assert levels[:2] == [1, 2]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    tables = [node for node in root.walk() if node.role == "Table"]
    assert tables and all(any(k.role == "TH" for k in t.walk()) for t in tables)


# --- edges ------------------------------------------------------------------------------------


def test_drafts_with_nothing_yet_say_so(cli, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for name in ("x", "y"):
        assert cli("new", folder / f"{name}.yaml", "--lang", "en").code == 0
    out = tmp_path / "out"
    result = cli("synthesis", folder, "-o", out, "-f", "md,html,xlsx", "--lang", "en")
    assert result.code == 0, result.err
    md = read(out / "synthesis.md")
    assert "| **0** | needs identified — _in 0 territories of 2_ |" in md
    assert (
        "| **–** | scissor gap in points: median of the territories — _no territory gives it_ |"
        in md
    )
    assert "  - scissor gap: no need or resource recorded" in md
    assert "  - plan budget: no action recorded" in md
    assert "_No territory's shares of money can be given._" in md
    assert "Actions are recorded in 0 territories of 2.\n" in md
    assert not (out / "synthesis_charts").exists()


def test_a_folder_without_answers_files_is_said_so(cli, tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    result = cli("synthesis", tmp_path / "vide", "-o", tmp_path / "out")
    assert result.code == 1
    assert result.err == "No answers file found.\n"


def test_a_pdf_that_cannot_be_made_leaves_the_other_formats(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coconstruct.errors import CoconstructError
    from coconstruct.report import pdf

    def no_pango(*args: object, **kwargs: object) -> bytes:
        raise CoconstructError("cannot make a PDF: weasyprint does not start", hint="apt-get…")

    monkeypatch.setattr(pdf, "html_to_pdf", no_pango)
    out = tmp_path / "out"
    result = cli("synthesis", EXAMPLE, "-o", out, "-f", "md,pdf,xlsx")
    assert result.code == 3
    assert "✗ pdf not written: cannot make a PDF: weasyprint does not start" in result.err
    assert "  Hint: apt-get…" in result.err
    assert (out / "synthesis.md").is_file() and (out / "synthesis.xlsx").is_file()
    assert not (out / "synthesis.pdf").exists()
    assert f"{out / 'synthesis.xlsx'}  (" in result.out


def test_a_wording_of_many_territories_is_counted_in_the_report_and_named_in_the_workbook(
    cli, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for index in range(6):
        territory(folder, f"t{index}", f"Territoire {index}")
    out = tmp_path / "out"
    assert cli("synthesis", folder, "-o", out, "-f", "md,xlsx", "--lang", "fr").code == 0
    md = read(out / "synthesis.md")
    assert "| Se déplacer sans voiture | 6 sur 6 | Sociétal (6) | " in md
    assert "Se déplacer sans voiture (6 territoires) |" in md
    similar = {r["Besoin"]: r for r in sheet_rows(out / "synthesis.xlsx", "similar_needs")}
    assert similar["Se déplacer sans voiture"]["Intitulés tels qu’écrits"] == (
        "Se déplacer sans voiture (" + ", ".join(f"Territoire {i}" for i in range(6)) + ")"
    )
