"""Amounts in workbooks as a consultant meets them: a figure column that sums, the kind of
each figure beside it (exact, estimate, floor, range, unknown), a range's high end in its own
column; read back by `import` to the very same answers, hand-typed amounts still accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAINT_IVY, said
from openpyxl import load_workbook
from test_cli_import import items, new_file

FUNDING = """\
questionnaire: territoire
language: fr
answers:
  territory_name: Val test
  funding:
    - {id: F1, funder: Etat, source: subventions, amount: 80000}
    - {id: F2, funder: Region, source: subventions, amount: "~200000"}
    - {id: F3, funder: Europe, source: subventions, amount: ">=700000"}
    - {id: F4, funder: Commune, source: subventions, amount: "15000-20000"}
    - {id: F5, funder: Fondation, source: subventions, amount: unknown}
    - {id: F6, funder: Mecene, source: subventions, amount: 1200.5}
"""


@pytest.fixture
def funding(tmp_path: Path) -> Path:
    path = tmp_path / "val.yaml"
    path.write_text(FUNDING, encoding="utf-8")
    return path


def _columns(path: Path, sheet: str) -> dict[str, list]:
    """Each column of a sheet by its header: its cells below the header."""
    ws = load_workbook(path)[sheet]
    columns = list(ws.iter_cols())
    return {str(c[0].value): list(c[1:]) for c in columns}


def test_the_figure_column_sums_and_its_kind_says_what_each_figure_is(
    cli, funding: Path, tmp_path: Path
) -> None:
    out = tmp_path / "val.xlsx"
    assert cli("export", funding, "-o", out, "--lang", "fr").code == 0
    columns = _columns(out, "funding")
    figures = columns["Montant"]
    # numbers only, or empty where the amount is not known: a SUM never meets text
    assert [c.value for c in figures] == [80000, 200000, 700000, 15000, None, 1200.5]
    assert all(c.value is None or isinstance(c.value, int | float) for c in figures)
    kinds = [c.value for c in columns["Montant — nature du chiffre"]]
    assert kinds == ["exact", "estimation", "au moins", "fourchette", "inconnu", "exact"]
    assert [c.value for c in columns["Montant — jusqu’à"]] == [None, None, None, 20000, None, None]
    assert columns["Montant — jusqu’à"][3].number_format == figures[0].number_format
    # one number format for the whole column, the empty cell of an unknown amount included
    assert {c.number_format for c in figures} == {'#,##0.00 "€"'}

    english = tmp_path / "val-en.xlsx"
    assert cli("export", funding, "-o", english, "--lang", "en").code == 0
    columns = _columns(english, "funding")
    kinds = [c.value for c in columns["Amount — kind of figure"]]
    assert kinds == ["exact", "estimate", "at least", "range", "unknown", "exact"]
    assert columns["Amount — up to"][3].value == 20000


@pytest.mark.parametrize(
    ("fmt", "lang"), [("xlsx", "fr"), ("xlsx", "en"), ("csv", "fr"), ("csv", "en")]
)
def test_an_unchanged_export_of_approximate_amounts_imports_back_byte_identical(
    cli, tmp_path: Path, fmt: str, lang: str
) -> None:
    """Saint-Ivy: unknown amounts, estimates, ranges: `--update` with the export changes nothing."""
    site = tmp_path / "saint-ivy.yaml"
    shutil.copy(SAINT_IVY, site)
    before = site.read_bytes()
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "csv")
    assert cli("export", site, "-o", out, "-f", fmt, "--lang", lang).code == 0
    for list_id in ("funding", "actions"):
        table = out if fmt == "xlsx" else out / f"{list_id}.csv"
        result = cli("import", site, table, "--list", list_id, "--update")
        assert result.code == 0, result.err
    assert site.read_bytes() == before


def test_kinds_edited_in_the_workbook_and_amounts_typed_by_hand_are_read(
    cli, funding: Path, tmp_path: Path
) -> None:
    out = tmp_path / "val.xlsx"
    assert cli("export", funding, "-o", out, "--lang", "fr").code == 0
    workbook = load_workbook(out)
    ws = workbook["funding"]
    header = [c.value for c in ws[1]]
    figure = header.index("Montant") + 1
    kind = header.index("Montant — nature du chiffre") + 1
    high = header.index("Montant — jusqu’à") + 1
    ws.cell(2, kind).value = "Estimation"  # F1: 80 000 becomes an estimate
    ws.cell(3, figure).value = "environ 250 000"  # F2: typed as a room says it (kind left)
    ws.cell(4, kind).value = "fourchette"  # F3: a range, its high end typed
    ws.cell(4, high).value = 900000
    ws.cell(6, figure).value = 5000  # F5: known at last
    ws.cell(6, kind).value = "exact"
    workbook.save(out)
    result = cli("import", funding, out, "--list", "funding", "--update")
    assert result.code == 0, result.err
    # the kind and high-end columns read into the amount; the next column keeps its letter
    assert "F Montant → amount, I Récurrence → recurrence" in result.err + result.out
    amounts = [item["amount"] for item in items(funding, "funding")]
    assert amounts == ["~80000", "~250000", "700000-900000", "15000-20000", 5000, 1200.5]


def test_a_kind_that_says_no_amount_is_refused_by_its_place(
    cli, funding: Path, tmp_path: Path
) -> None:
    target = new_file(cli, tmp_path / "cible.yaml")
    out = tmp_path / "val.xlsx"
    assert cli("export", funding, "-o", out, "--lang", "fr").code == 0
    workbook = load_workbook(out)
    ws = workbook["funding"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Montant — nature du chiffre") + 1).value = "peut-être"
    ws.cell(3, header.index("Montant — jusqu’à") + 1).value = 250000  # an estimate's high end
    workbook.save(out)
    before = target.read_bytes()
    result = cli("import", target, out, "--list", "funding")
    assert result.code != 0
    kinds = "exact, estimation, au moins, fourchette, inconnu"
    refused = said("“{value}” is not a kind of amount ({kinds})", value="peut-être", kinds=kinds)
    assert f"val.xlsx[funding]:2:F: amount: {refused}" in result.err
    mismatch = "“{kind}”: give the figure as a number, and a high end only for a range"
    assert f"val.xlsx[funding]:3:F: amount: {said(mismatch, kind='estimation')}" in result.err
    assert target.read_bytes() == before


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_kinds_edited_in_a_csv_file_are_read_in_its_conventions(
    cli, funding: Path, tmp_path: Path, lang: str
) -> None:
    folder = tmp_path / "csv"
    assert cli("export", funding, "-o", folder, "-f", "csv", "--lang", lang).code == 0
    table = folder / "funding.csv"
    text = table.read_bytes().decode("utf-8-sig")
    delimiter = ";" if lang == "fr" else ","
    lines = text.split("\r\n")
    f1 = lines[1].split(delimiter)
    kind = f1.index("exact")
    f1[kind] = "estimation" if lang == "fr" else "estimate"  # F1: 80 000 becomes an estimate
    lines[1] = delimiter.join(f1)
    f6 = lines[6].split(delimiter)
    assert f6[kind - 1] == ("1200,5" if lang == "fr" else "1200.5")  # the figure, as written
    f6[kind] = "au moins" if lang == "fr" else "at least"
    lines[6] = delimiter.join(f6)
    table.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    result = cli("import", funding, table, "--list", "funding", "--update")
    assert result.code == 0, result.err
    amounts = [item["amount"] for item in items(funding, "funding")]
    assert amounts == ["~80000", "~200000", ">=700000", "15000-20000", "unknown", ">=1200.5"]
