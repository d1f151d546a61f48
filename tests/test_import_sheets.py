"""`import` of workbooks as consultants keep them: written by openpyxl or saved by LibreOffice,
edited and pushed back by Id, portfolios of several territories, CSV files in French and English
conventions; nothing a spreadsheet holds is lost without a word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import said, said_n, soffice
from openpyxl import Workbook, load_workbook
from test_cli_import import items, new_file

from coconstruct.model.answers_file import AnswersFile

NEEDS_HEADER = ["Intitulé du besoin", "Domaine", "Priorité"]


def workbook(path: Path, rows: list[list[Any]], title: str = "needs", **merged: str) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merged.values():
        ws.merge_cells(ref)
    wb.save(path)
    return path


def libreoffice(source: Path, folder: Path) -> Path:
    """The workbook opened and saved again by LibreOffice Calc (its formulas computed)."""
    command = [soffice(), f"-env:UserInstallation=file://{folder / 'profile'}", "--headless"]
    done = subprocess.run(
        [*command, "--convert-to", "xlsx", "--outdir", str(folder / "lo"), str(source)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    saved = folder / "lo" / source.name
    if not saved.exists():
        if b"no export filter" in done.stderr + done.stdout:
            pytest.skip("LibreOffice Calc is not installed: `make system-deps` installs it")
        raise AssertionError(done.stderr.decode(errors="replace"))
    return saved


# --- nothing lost without a word ---------------------------------------------------------------


def test_a_formula_without_a_value_is_refused_by_its_place(cli, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "b.xlsx",
        [NEEDS_HEADER, ["Eau potable", "Social", 3], ['=A2&" (suite)"', "Social", 2]],
    )
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 1
    formula = said(
        "formula {formula} has no computed value: open and save the file in a "
        "spreadsheet (or paste values only), then import it again",
        formula='=A2&" (suite)"',
    )
    assert f"b.xlsx[needs]:3:A: title: {formula}" in result.err
    assert "needs" not in AnswersFile.load(target).plain()  # nothing written


@pytest.mark.slow
def test_libreoffice_computes_formulas_and_error_values_are_refused(cli, tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", [NEEDS_HEADER, ["Eau potable", "Social", "=1+2"]])
    bad = workbook(
        tmp_path / "bad.xlsx", [NEEDS_HEADER, ["Bus", "Social", 2], ["Vélo", "Social", "=1/0"]]
    )
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, libreoffice(bad, tmp_path), "--list", "needs")
    assert result.code == 1
    error = said(
        "{value} is an error value, not data: correct the formula, or type the value",
        value="#DIV/0!",
    )
    assert f"bad.xlsx[needs]:3:C: priority: {error}" in result.err
    assert "needs" not in AnswersFile.load(target).plain()
    # LibreOffice's computed value lands as a number
    assert cli("import", target, libreoffice(good, tmp_path), "--list", "needs").code == 0
    assert items(target, "needs") == [{"title": "Eau potable", "domain": "social", "priority": 3}]


def test_merged_cells_are_refused_with_their_range(cli, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "b.xlsx",
        [NEEDS_HEADER, ["Eau", "Social", 3], ["Bus", None, 2], ["Vélo", None, 1]],
        domains="B2:B4",
    )
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 1
    assert "b.xlsx[needs]:2:B: " + said("merged cells {range}: unmerge them", range="B2:B4") in (
        result.err
    )


def test_the_header_is_found_below_a_title_line(cli, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "b.xlsx",
        [["Besoins relevés à l'atelier du 12 mars"], [], NEEDS_HEADER, ["Eau", "Social", 3]],
    )
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 0, result.err
    assert (
        said(
            "{table}: header read on row {row}; rows above it passed over: {rows}",
            table="b.xlsx[needs]",
            row=3,
            rows="1",
        )
        in result.err
    )
    assert items(target, "needs") == [{"title": "Eau", "domain": "social", "priority": 3}]


def test_a_title_column_not_recognised_is_refused_with_a_hint(cli, tmp_path: Path) -> None:
    table = workbook(tmp_path / "b.xlsx", [["Titre", "Domaine"], ["Eau", "Social"]])
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 2
    assert (
        said(
            "{table}: no column gives {title} ({field}), which every item of {list} needs",
            table="b.xlsx[needs]",
            title="Intitulé du besoin",
            field="title",
            list="needs",
        )
        in result.err
    )
    assert "--map 'Titre=title'" in result.err
    assert cli("import", target, table, "--list", "needs", "--map", "Titre=title").code == 0
    # a row without its title, among others, is named and nothing is written
    table = workbook(tmp_path / "c.xlsx", [NEEDS_HEADER, ["Eau", "Social", 3], [None, "Social", 2]])
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 1
    assert "c.xlsx[needs]:3:A: " in result.err
    assert len(items(target, "needs")) == 1


# --- pushed back by Id -------------------------------------------------------------------------


def test_an_unchanged_export_leaves_the_file_byte_identical(
    cli, example: Path, tmp_path: Path
) -> None:
    export = tmp_path / "e.xlsx"
    assert cli("export", example, "-o", export, "--lang", "fr").code == 0
    before = example.read_bytes()
    result = cli("import", example, export, "--update")  # every sheet: answers and lists
    assert result.code == 0, result.err
    assert example.read_bytes() == before
    assert said(
        "Nothing to change: {file} already says what the table says", "fr", file=example
    ) in " ".join(result.out.split())


def test_update_changes_only_the_edited_cells_and_adds_rows_without_an_id(
    cli, example: Path, tmp_path: Path
) -> None:
    export = tmp_path / "e.xlsx"
    assert cli("export", example, "-o", export, "--lang", "en").code == 0
    original = tmp_path / "original.yaml"
    shutil.copy(example, original)
    wb = load_workbook(export)
    ws = wb["needs"]
    header = [c.value for c in ws[1]]
    ws.cell(row=4, column=header.index("Priority") + 1).value = 1  # N3
    ws.append([None, None, "Accès au numérique", "Societal"])
    wb.save(export)
    result = cli("import", example, export, "--list", "needs", "--update")
    assert result.code == 0, result.err
    assert "needs[N3]" in result.out and "priority" in result.out
    assert said_n(
        "Added {n} item to {list}: {ids}",
        "Added {n} items to {list}: {ids}",
        1,
        list="needs",
        ids="N13",
    ) in " ".join(result.out.split())
    diff = cli("diff", original, example)
    lines = [line for line in diff.out.splitlines() if line.strip().startswith(("~", "+", "−"))]
    assert len(lines) == 2, diff.out  # N3's priority, N13 added: nothing else moved


def test_prune_removes_what_no_row_names_but_never_a_cited_item(
    cli, example: Path, tmp_path: Path
) -> None:
    export = tmp_path / "e.xlsx"
    assert cli("export", example, "-o", export, "--lang", "en").code == 0
    wb = load_workbook(export)
    wb["needs"].delete_rows(2)  # N1, which partners and actions cite
    wb.save(export)
    before = example.read_bytes()
    result = cli("import", example, export, "--list", "needs", "--update", "--prune")
    assert result.code == 1
    assert "needs[N1]" in result.err
    assert example.read_bytes() == before
    wb = load_workbook(export)
    wb["needs"].delete_rows(13)  # N12, cited by nothing
    wb.save(export)
    export2 = tmp_path / "e2.xlsx"
    assert cli("export", example, "-o", export2, "--lang", "en").code == 0
    wb = load_workbook(export2)
    wb["needs"].delete_rows(13)
    wb.save(export2)
    result = cli("import", example, export2, "--list", "needs", "--update", "--prune")
    assert result.code == 0, result.err
    assert [i["id"] for i in AnswersFile.load(example).plain()["needs"]][-1] == "N11"
    assert cli("import", example, export2, "--list", "needs", "--prune").code != 0


def test_a_whole_export_rebuilds_a_new_file(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "e.xlsx"
    assert cli("export", example, "-o", export, "--lang", "fr").code == 0
    target = new_file(cli, tmp_path / "nouveau.yaml")
    result = cli("import", target, export)  # every sheet, the cited lists first
    assert result.code == 0, result.err
    mine, theirs = AnswersFile.load(target).plain(), AnswersFile.load(example).plain()
    for key in ("territory_name", "population", "workshop_date"):
        assert mine[key] == theirs[key]
    for list_id in ("sources", "needs", "partners", "actions"):
        assert items(target, list_id) == [
            {k: v.rstrip("\n") if isinstance(v, str) else v for k, v in i.items()}
            for i in items(example, list_id)
        ]


# --- portfolios --------------------------------------------------------------------------------


def test_a_portfolio_is_read_one_territory_at_a_time(cli, example: Path, tmp_path: Path) -> None:
    other = tmp_path / "autre.yaml"
    text = example.read_text(encoding="utf-8")
    other.write_text(
        text.replace("Communauté de communes du Val d'Orbière", "Pays de Lorm"), encoding="utf-8"
    )
    export = tmp_path / "p.xlsx"
    assert cli("export", example, other, "-o", export, "--lang", "fr").code == 0
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, export, "--list", "needs")
    assert result.code == 2
    assert "Pays de Lorm" in result.err and "--territory" in result.err
    result = cli("import", target, export, "--territory", "Pays de Lorm")
    assert result.code == 0, result.err
    assert len(items(target, "needs")) == 12
    assert AnswersFile.load(target).plain()["territory_name"] == "Pays de Lorm"
    assert (
        said_n(
            "{n} row of another territory left out", "{n} rows of other territories left out", 12
        )
        in result.err
    )


# --- CSV in French and English conventions ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Intitulé du besoin;Domaine;Nombre de personnes concernées\r\nEau;Social;1 200\r\n",
            "fr",
        ),
        ('Need,Domain,Number of people concerned\r\nWater,Social,"1,200"\r\n', "en"),
    ],
)
def test_csv_files_of_either_convention(cli, tmp_path: Path, text: str, lang: str) -> None:
    table = tmp_path / "needs.csv"
    table.write_text(text, encoding="utf-8")
    target = new_file(cli, tmp_path / "t.yaml", lang)
    result = cli("import", target, table)  # the file's name says the list
    assert result.code == 0, result.err
    (item,) = items(target, "needs")
    assert item["people_concerned"] == 1200


@pytest.mark.parametrize(
    ("text", "into"),
    [
        (
            "Population du territoire;Salariés du projet (équivalents temps plein)\r\n"
            "23 180;6,5\r\n",
            "en",
        ),
        ("population,staff_fte\r\n23180,6.5\r\n", "fr"),
    ],
)
def test_single_answers_with_decimals_of_either_convention(
    cli, tmp_path: Path, text: str, into: str
) -> None:
    """A French CSV file (`;`, decimal comma) read into an English file, and the reverse."""
    table = tmp_path / "answers.csv"
    table.write_text(text, encoding="utf-8")
    target = new_file(cli, tmp_path / "t.yaml", into)
    result = cli("import", target, table)
    assert result.code == 0, result.err
    answers = AnswersFile.load(target).plain()
    assert (answers["population"], answers["staff_fte"]) == (23180, 6.5)


# --- at size -----------------------------------------------------------------------------------


# Linear in rows: seconds; a pass per row (quadratic, as once) would take hours and fail on the
# slow tests' time limit. The dry run takes the same pass (tests/test_cli_import.py checks it writes
# nothing); benchmarks/import.py measures 1 000 to 50 000 rows.
@pytest.mark.slow
def test_ten_thousand_rows_import_in_one_pass(cli, tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("needs")
    ws.append([*NEEDS_HEADER, "Description"])
    domains = ["Économique", "Social", "Environnemental", "Sociétal"]
    for n in range(1, 10_001):
        ws.append([f"Besoin {n}", domains[n % 4], n % 5 + 1, f"Ligne un\nligne deux {n}"])
    table = tmp_path / "big.xlsx"
    wb.save(table)
    target = new_file(cli, tmp_path / "t.yaml")
    result = cli("import", target, table)
    assert result.code == 0, result.err
    found = AnswersFile.load(target).plain()["needs"]
    assert len(found) == 10_000
    assert found[-1] == {
        "id": "N10000",
        "title": "Besoin 10000",
        "domain": "economique",
        "priority": 1,
        "description": "Ligne un\nligne deux 10000",
    }
