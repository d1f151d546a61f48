"""`export` opened by a real spreadsheet: LibreOffice Calc reads the numbers and dates of a
French CSV file as numbers and dates, and runs none of the answers, in XLSX or in CSV, even
when told to evaluate formulas (a CSV file of our own making, as a control, is run)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import soffice
from openpyxl import load_workbook

pytestmark = pytest.mark.slow

HOSTILE = ["=1+1", "+1+2", "-3+4", "@SUM(1;2)", '=HYPERLINK("http://evil.example";"x")']
# Calc's CSV filter: `;`, `"`, UTF-8, from line 1, no column types, French (1036), quoted text
# as text: no, detect special numbers (dates): yes, …, evaluate formulas: yes
READ_FRENCH_CSV = "CSV:59,34,76,1,,1036,false,true,false,false,false,,true"
WRITE_CSV = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false"
WRITE_EVERY_SHEET = WRITE_CSV + ",-1"  # one BOOK-SHEET.csv per sheet


def calc(source: Path, out: Path, target: str, profile: Path, infilter: str | None = None) -> None:
    command = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    done = subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    if not any(out.glob("*")):
        if b"no export filter" in done.stderr + done.stdout:
            pytest.skip("LibreOffice Calc is not installed: `make system-deps` installs it")
        raise AssertionError(done.stderr.decode(errors="replace"))


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    lines = ["questionnaire: territoire", "language: fr", "answers:", '  territory_name: "=1+1"']
    lines.append("  partners:")
    for index, name in enumerate(HOSTILE, 1):
        quoted = name.replace('"', '\\"')
        lines.append(f'    - {{id: P{index}, name: "{quoted}", actor_type: association}}')
    path = tmp_path / "h.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_calc_runs_no_answer_of_a_workbook(cli, hostile: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "h.xlsx"
    assert cli("export", hostile, "-o", workbook, "--lang", "fr").code == 0
    calc(workbook, tmp_path / "out", WRITE_EVERY_SHEET, tmp_path / "profile")
    partners = rows(tmp_path / "out" / "h-partners.csv")
    assert [row[2] for row in partners[1:]] == HOSTILE
    assert partners[1][0] == "=1+1"  # the territory: text, not 2


def test_calc_runs_no_answer_of_a_csv_file_even_evaluating_formulas(
    cli, hostile: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    assert cli("export", hostile, "-o", folder, "-f", "csv", "--lang", "fr").code == 0
    control = tmp_path / "control.csv"
    control.write_bytes(b"\xef\xbb\xbfa;b\r\n=1+1;x\r\n")
    for source in (control, folder / "partners.csv"):
        calc(source, tmp_path / "out", WRITE_CSV, tmp_path / "profile", READ_FRENCH_CSV)
    assert rows(tmp_path / "out" / "control.csv")[1] == ["2", "x"]  # run: the danger is real
    partners = rows(tmp_path / "out" / "partners.csv")
    assert [row[2] for row in partners[1:]] == [f"'{name}" for name in HOSTILE]


def test_calc_reads_a_french_csv_file_s_numbers_and_dates(
    cli, example: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    assert cli("export", example, "-o", folder, "-f", "csv", "--lang", "fr").code == 0
    calc(folder / "answers.csv", tmp_path / "out", "xlsx", tmp_path / "profile", READ_FRENCH_CSV)
    ws = load_workbook(tmp_path / "out" / "answers.xlsx").active
    row = {c.value: v.value for c, v in zip(ws[1], ws[2], strict=False)}
    assert row["Population du territoire"] == 23180
    assert row["Salariés du projet (équivalents temps plein)"] == 6.5
    assert row["Date de l’atelier"] == dt.datetime(2026, 11, 19)
    assert row["Part visée des financements publics"] == 0.5
    assert row["Nom du territoire"] == "Communauté de communes du Val d'Orbière"


def test_calc_reads_no_approximate_amount_as_a_number(cli, tmp_path: Path) -> None:
    """Saint-Ivy's funding in a French CSV file: every figure a number Calc sums (empty when
    not known), the kind beside it; the workbook Calc saves imports back to the same answers."""
    site = Path(__file__).parent.parent / "coconstruct" / "examples" / "saint-ivy-kermorvan.yaml"
    folder = tmp_path / "csv"
    assert cli("export", site, "-o", folder, "-f", "csv", "--lang", "fr").code == 0
    calc(folder / "funding.csv", tmp_path / "out", "xlsx", tmp_path / "profile", READ_FRENCH_CSV)
    ws = load_workbook(tmp_path / "out" / "funding.xlsx").active
    header = [c.value for c in ws[1]]
    figure, kind = header.index("Montant"), header.index("Montant — nature du chiffre")
    amounts = {
        row[1].value: (row[figure].value, row[kind].value) for row in ws.iter_rows(min_row=2)
    }
    assert amounts["F1"] == (None, "inconnu")
    assert amounts["F5"] == (30000, "estimation")
    assert amounts["F3"] == (80000, "exact")
    copy = tmp_path / "saint-ivy.yaml"
    shutil.copy(site, copy)
    before = copy.read_bytes()
    saved = tmp_path / "out" / "funding.xlsx"
    result = cli("import", copy, saved, "--list", "funding", "--update")
    assert result.code == 0, result.err
    assert copy.read_bytes() == before
